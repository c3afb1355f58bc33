import "server-only";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { GenerationStatus } from "@/lib/contract";
import type { AspectRatio, ImageSize, ModelId } from "@/lib/models";
import type { BoardVisibility, TemplateVisibility, ReferenceEntry, UserRole } from "@/lib/db/types";

// The PostgreSQL tables: the same logical schema as lib/db/sqlite/schema.ts,
// column for column and index for index. After changing this file, generate a
// migration under drizzle/postgres (see drizzle.postgres.config.ts):
//   NODE_OPTIONS=--conditions=react-server npx drizzle-kit generate --config drizzle.postgres.config.ts
// and never edit an applied one.
//
// Times are Unix milliseconds in bigint (read back as JS numbers, exact up to
// 2^53); progress is double precision like SQLite's REAL, so 33.3 comes back
// as 33.3 (a 4-byte `real` would give 33.29999923706055).

/**
 * Row ids compare byte by byte (COLLATE "C"), as SQLite compares text: keyset
 * paging (`id < beforeId`, ORDER BY id) then means the same thing whatever
 * locale the database was created with, and the btree compares faster.
 */
const idText = customType<{ data: string; driverData: string }>({
  dataType: () => 'text COLLATE "C"',
});

// Big enough for any time in ms; "number" mode: the interface's times are numbers.
const millis = (name: string) => bigint(name, { mode: "number" });

export const generations = pgTable(
  "generations",
  {
    id: idText("id").primaryKey(),
    upstreamId: text("upstream_id"),
    model: text("model").$type<ModelId>().notNull(),
    prompt: text("prompt").notNull(),
    aspectRatio: text("aspect_ratio").$type<AspectRatio>().notNull(),
    imageSize: text("image_size").$type<ImageSize>(),
    references: jsonb("references_json").$type<ReferenceEntry[]>().notNull().default([]),
    status: text("status").$type<GenerationStatus>().notNull(),
    progress: doublePrecision("progress").notNull().default(0),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    createdAt: millis("created_at").notNull(),
    updatedAt: millis("updated_at").notNull(),
    submittedAt: millis("submitted_at"),
    completedAt: millis("completed_at"),
    lastPolledAt: millis("last_polled_at"),
    imageKey: text("image_key"),
    thumbKey: text("thumb_key"),
    imageWidth: integer("image_width"),
    imageHeight: integer("image_height"),
    // bigint: a picture is far below 2 GiB, but the column costs nothing more.
    imageBytes: bigint("image_bytes", { mode: "number" }),
    imageContentType: text("image_content_type"),
    thumbBytes: bigint("thumb_bytes", { mode: "number" }),
    favorite: boolean("favorite").notNull().default(false),
    createdBy: text("created_by").notNull(),
    idempotencyKey: text("idempotency_key"),
    notFoundCount: integer("not_found_count").notNull().default(0),
    downloadAttempts: integer("download_attempts").notNull().default(0),
    resultSeenAt: millis("result_seen_at"),
    resultUrl: text("result_url"),
    savingReason: text("saving_reason"),
    batchId: idText("batch_id"),
    // See the SQLite schema.
    cancelledAt: millis("cancelled_at"),
    unansweredSince: millis("unanswered_since"),
    stagedBy: text("staged_by"),
    // See the SQLite schema.
    parentId: idText("parent_id"),
    rootId: idText("root_id"),
    // Prompt library: the template a picture was made from (null: none, or
    // made before templates), and the bulk run that made it. No foreign keys:
    // a picture outlives its template and its run's record.
    templateId: idText("template_id"),
    runId: idText("run_id"),
  },
  (t) => [
    // The same indexes as SQLite's: keyset listing (ORDER BY id DESC) under each
    // filter and under "mine" with the filters combined with it most; (status, id)
    // also serves the poller's list and the counts of active rows.
    index("generations_status_id_idx").on(t.status, t.id),
    index("generations_created_by_id_idx").on(t.createdBy, t.id),
    index("generations_model_id_idx").on(t.model, t.id),
    index("generations_favorite_id_idx").on(t.favorite, t.id),
    index("generations_created_by_status_id_idx").on(t.createdBy, t.status, t.id),
    index("generations_created_by_favorite_id_idx").on(t.createdBy, t.favorite, t.id),
    // Per-person quota windows.
    index("generations_created_by_created_at_idx").on(t.createdBy, t.createdAt),
    // Usage over a date range for everyone (the admin's charts).
    index("generations_created_at_idx").on(t.createdAt),
    index("generations_batch_id_id_idx").on(t.batchId, t.id),
    index("generations_root_id_id_idx").on(t.rootId, t.id),
    // The gallery's change marker (the ETag of GET /api/generations): the newest change, read at the index's end.
    index("generations_updated_at_idx").on(t.updatedAt),
    // "Pictures it made" (/templates, ?template=) and a run's pictures (?run=, its progress and ZIP).
    index("generations_template_id_id_idx").on(t.templateId, t.id),
    index("generations_run_id_id_idx").on(t.runId, t.id),
  ],
);

export const referenceImages = pgTable("reference_images", {
  id: idText("id").primaryKey(),
  storageKey: text("storage_key").notNull(),
  contentType: text("content_type").notNull(),
  bytes: bigint("bytes", { mode: "number" }).notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  createdAt: millis("created_at").notNull(),
  createdBy: text("created_by").notNull(),
});

// Which generations use which stored reference, so deleting a generation can
// tell which reference files nobody needs any more without reading JSON.
export const generationReferences = pgTable(
  "generation_references",
  {
    generationId: idText("generation_id")
      .notNull()
      .references(() => generations.id, { onDelete: "cascade" }),
    // RESTRICT: a reference still in use cannot be deleted by mistake.
    referenceId: idText("reference_id")
      .notNull()
      .references(() => referenceImages.id, { onDelete: "restrict" }),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.generationId, t.position] }),
    index("generation_references_reference_id_idx").on(t.referenceId),
  ],
);

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    key: text("key").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: millis("created_at").notNull(),
    /** In the order they were created. */
    generationIds: jsonb("generation_ids").$type<string[]>().notNull(),
    requestHash: text("request_hash"),
  },
  (t) => [
    primaryKey({ columns: [t.key, t.createdBy] }),
    // Pruning expired keys.
    index("idempotency_keys_created_at_idx").on(t.createdAt),
  ],
);

// Failed sign-ins per client address, so wrong passwords are slowed down the
// same way whichever instance answers.
export const loginFailures = pgTable(
  "login_failures",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    address: text("address").notNull(),
    at: millis("at").notNull(),
    account: text("account"),
  },
  (t) => [
    index("login_failures_address_at_idx").on(t.address, t.at),
    index("login_failures_account_address_at_idx").on(t.account, t.address, t.at),
  ],
);

// Which instance polls an active generation, until when (see the SQLite
// schema): the holder renews on every poll; a dead holder's rows pass on once
// its lease runs out.
export const pollLeases = pgTable("poll_leases", {
  generationId: idText("generation_id")
    .primaryKey()
    .references(() => generations.id, { onDelete: "cascade" }),
  owner: text("owner").notNull(),
  until: millis("until").notNull(),
});

// People with accounts; see the SQLite schema.
export const users = pgTable(
  "users",
  {
    id: idText("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email"),
    passwordHash: text("password_hash"),
    role: text("role").$type<UserRole>().notNull().default("member"),
    /** The admin role came from STUDIO_ADMINS: off the list, a member again. */
    adminByList: boolean("admin_by_list").notNull().default(false),
    disabled: boolean("disabled").notNull().default(false),
    dailyLimit: integer("daily_limit"),
    maxActive: integer("max_active"),
    monthlyBudget: doublePrecision("monthly_budget"),
    createdAt: millis("created_at").notNull(),
    lastSeenAt: millis("last_seen_at"),
    /** With OIDC: the provider's issuer and subject ("<iss> <sub>"), the only identity it promises stays one person's. */
    ssoSubject: text("sso_subject"),
  },
  (t) => [uniqueIndex("users_name_idx").on(t.name), uniqueIndex("users_sso_subject_idx").on(t.ssoSubject)],
);

export const sessions = pgTable(
  "sessions",
  {
    idHash: idText("id_hash").primaryKey(),
    userId: idText("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: millis("created_at").notNull(),
    expiresAt: millis("expires_at").notNull(),
    lastSeenAt: millis("last_seen_at").notNull(),
    credential: text("credential"),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);

// Per-person favorites, one-time invite links and admin-set prices (issue
// 12); see the SQLite schema.
export const favorites = pgTable(
  "favorites",
  {
    userId: idText("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    generationId: idText("generation_id")
      .notNull()
      .references(() => generations.id, { onDelete: "cascade" }),
    createdAt: millis("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.generationId] }), index("favorites_generation_id_idx").on(t.generationId)],
);

export const invites = pgTable(
  "invites",
  {
    idHash: idText("id_hash").primaryKey(),
    userId: idText("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdBy: text("created_by").notNull(),
    createdAt: millis("created_at").notNull(),
    expiresAt: millis("expires_at").notNull(),
    usedAt: millis("used_at"),
  },
  (t) => [index("invites_user_id_idx").on(t.userId)],
);

export const prices = pgTable("prices", {
  key: text("key").primaryKey(),
  price: doublePrecision("price").notNull(),
  updatedAt: millis("updated_at").notNull(),
  updatedBy: text("updated_by").notNull(),
});

// What a deleted picture counted for (see the SQLite schema).
export const deletedGenerations = pgTable(
  "deleted_generations",
  {
    id: idText("id").primaryKey(),
    createdBy: text("created_by").notNull(),
    model: text("model").$type<ModelId>().notNull(),
    imageSize: text("image_size").$type<ImageSize>(),
    status: text("status").$type<GenerationStatus>().notNull(),
    createdAt: millis("created_at").notNull(),
    deletedAt: millis("deleted_at").notNull(),
    upstreamId: text("upstream_id"),
    errorCode: text("error_code"),
    parentId: idText("parent_id"),
    rootId: idText("root_id"),
    // Usage per template counts deleted pictures too (they were paid for).
    templateId: idText("template_id"),
  },
  (t) => [
    index("deleted_generations_created_by_created_at_idx").on(t.createdBy, t.createdAt),
    index("deleted_generations_created_at_idx").on(t.createdAt),
    index("deleted_generations_root_id_idx").on(t.rootId),
    // The newest delete, for the gallery's change marker.
    index("deleted_generations_deleted_at_idx").on(t.deletedAt),
  ],
);

// Personal API tokens and shared studio values; see the SQLite schema.
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: idText("id").primaryKey(),
    userId: idText("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: idText("token_hash").notNull(),
    createdAt: millis("created_at").notNull(),
    expiresAt: millis("expires_at"),
    lastUsedAt: millis("last_used_at"),
  },
  (t) => [uniqueIndex("api_tokens_token_hash_idx").on(t.tokenHash), index("api_tokens_user_id_idx").on(t.userId)],
);

export const studioSettings = pgTable("studio_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  createdAt: millis("created_at").notNull(),
});

// Boards, their pictures and share links; see the SQLite schema.
export const boards = pgTable(
  "boards",
  {
    id: idText("id").primaryKey(),
    name: text("name").notNull(),
    visibility: text("visibility").$type<BoardVisibility>().notNull(),
    ownerId: idText("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: millis("created_at").notNull(),
    updatedAt: millis("updated_at").notNull(),
  },
  (t) => [index("boards_owner_id_idx").on(t.ownerId)],
);

export const boardItems = pgTable(
  "board_items",
  {
    boardId: idText("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    generationId: idText("generation_id")
      .notNull()
      .references(() => generations.id, { onDelete: "cascade" }),
    addedAt: millis("added_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.boardId, t.generationId] }), index("board_items_generation_id_idx").on(t.generationId)],
);

export const shares = pgTable(
  "shares",
  {
    id: idText("id").primaryKey(),
    tokenHash: idText("token_hash").notNull(),
    generationId: idText("generation_id").references(() => generations.id, { onDelete: "cascade" }),
    boardId: idText("board_id").references(() => boards.id, { onDelete: "cascade" }),
    createdBy: idText("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: millis("created_at").notNull(),
    expiresAt: millis("expires_at"),
  },
  (t) => [
    uniqueIndex("shares_token_hash_idx").on(t.tokenHash),
    index("shares_created_by_idx").on(t.createdBy),
    index("shares_generation_id_idx").on(t.generationId),
    index("shares_board_id_idx").on(t.boardId),
    check("shares_one_target", sql`(${t.generationId} is null) <> (${t.boardId} is null)`),
  ],
);

// See the SQLite schema: bytes uploaded per person and UTC day, and
// fixed-window counters every instance shares.
export const uploadDays = pgTable(
  "upload_days",
  {
    createdBy: text("created_by").notNull(),
    day: millis("day").notNull(),
    bytes: bigint("bytes", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.createdBy, t.day] })],
);

export const rateCounters = pgTable(
  "rate_counters",
  {
    key: text("key").notNull(),
    windowStart: millis("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index("rate_counters_window_start_idx").on(t.windowStart)],
);

// Templates: a prompt with {blanks} and the settings it runs with, for the
// team or private to their owner (as boards). Its stored references are
// linked in template_references, so the pruner keeps them.
export const templates = pgTable(
  "templates",
  {
    id: idText("id").primaryKey(),
    name: text("name").notNull(),
    prompt: text("prompt").notNull(),
    model: text("model").$type<ModelId>().notNull(),
    aspectRatio: text("aspect_ratio").$type<AspectRatio>().notNull(),
    imageSize: text("image_size").$type<ImageSize>(),
    count: integer("count").notNull(),
    visibility: text("visibility").$type<TemplateVisibility>().notNull(),
    ownerId: idText("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** How often it was used. */
    uses: integer("uses").notNull().default(0),
    createdAt: millis("created_at").notNull(),
    updatedAt: millis("updated_at").notNull(),
  },
  (t) => [index("templates_owner_id_idx").on(t.ownerId)],
);

// A template's stored references in order; RESTRICT as generation_references.
export const templateReferences = pgTable(
  "template_references",
  {
    templateId: idText("template_id")
      .notNull()
      .references(() => templates.id, { onDelete: "cascade" }),
    referenceId: idText("reference_id")
      .notNull()
      .references(() => referenceImages.id, { onDelete: "restrict" }),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.position] }), index("template_references_reference_id_idx").on(t.referenceId)],
);

// A bulk run of a template from a table (see the SQLite schema).
export const runs = pgTable(
  "runs",
  {
    id: idText("id").primaryKey(),
    templateId: idText("template_id").notNull(),
    createdBy: text("created_by").notNull(),
    rows: jsonb("rows_json").$type<Record<string, string>[]>().notNull(),
    batchIds: jsonb("batch_ids").$type<string[]>().notNull(),
    createdAt: millis("created_at").notNull(),
  },
  (t) => [index("runs_created_by_id_idx").on(t.createdBy, t.id)],
);
