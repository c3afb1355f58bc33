import "server-only";
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { GenerationStatus } from "@/lib/contract";
import type { AspectRatio, ImageSize, ModelId } from "@/lib/models";
import type { BoardVisibility, ReferenceEntry, TemplateVisibility, UserRole } from "@/lib/db/types";

// The SQLite tables. `npx drizzle-kit generate` turns changes here into a new
// migration under drizzle/sqlite (see drizzle.config.ts); never edit an applied
// migration. Times are Unix milliseconds; enum-like columns are plain text so a
// new model or status needs no table rebuild.

export const generations = sqliteTable(
  "generations",
  {
    id: text("id").primaryKey(),
    upstreamId: text("upstream_id"),
    model: text("model").$type<ModelId>().notNull(),
    prompt: text("prompt").notNull(),
    aspectRatio: text("aspect_ratio").$type<AspectRatio>().notNull(),
    imageSize: text("image_size").$type<ImageSize>(),
    references: text("references_json", { mode: "json" }).$type<ReferenceEntry[]>().notNull().default([]),
    status: text("status").$type<GenerationStatus>().notNull(),
    progress: real("progress").notNull().default(0),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    submittedAt: integer("submitted_at"),
    completedAt: integer("completed_at"),
    lastPolledAt: integer("last_polled_at"),
    imageKey: text("image_key"),
    thumbKey: text("thumb_key"),
    imageWidth: integer("image_width"),
    imageHeight: integer("image_height"),
    imageBytes: integer("image_bytes"),
    imageContentType: text("image_content_type"),
    thumbBytes: integer("thumb_bytes"),
    favorite: integer("favorite", { mode: "boolean" }).notNull().default(false),
    createdBy: text("created_by").notNull(),
    idempotencyKey: text("idempotency_key"),
    notFoundCount: integer("not_found_count").notNull().default(0),
    downloadAttempts: integer("download_attempts").notNull().default(0),
    resultSeenAt: integer("result_seen_at"),
    resultUrl: text("result_url"),
    savingReason: text("saving_reason"),
    // The request that made the row; the insert stores the row's
    // own id when none is given, and the migration did so for older rows.
    batchId: text("batch_id"),
    // Cancelled by its person: the gateway cannot stop a task, so the
    // row stays in flight (and keeps its slot) until the gateway says it ended.
    cancelledAt: integer("cancelled_at"),
    // Since when the gateway's status API has not answered for this row (null:
    // it answered at the last poll). The timeout only ends a task the gateway
    // says is still running.
    unansweredSince: integer("unanswered_since"),
    // The instance whose disk holds the row's staged bytes (storage was down):
    // only it can finish the copy, so others leave the row alone.
    stagedBy: text("staged_by"),
    // Edit threads: the picture this one was made from (its first reference),
    // and the original its tree grows from (its own id for an original; the
    // migration made every older row one). No foreign key: a deleted version
    // keeps its children, which then show "parent deleted".
    parentId: text("parent_id"),
    rootId: text("root_id"),
    // Prompt library: the template a picture was made from (null: none, or
    // made before templates), and the bulk run that made it. No foreign keys:
    // a picture outlives its template and its run's record.
    templateId: text("template_id"),
    runId: text("run_id"),
  },
  (t) => [
    // Keyset listing (ORDER BY id DESC) under each filter, and under "mine"
    // with the filters a person combines with it most. Active rows are few, so
    // (status, id) also serves the poller's list and the counts of them.
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
    // "Show batch": one request's rows, newest first.
    index("generations_batch_id_id_idx").on(t.batchId, t.id),
    // A tree in one range read, and "is a newer version there" for the gallery's one card per tree.
    index("generations_root_id_id_idx").on(t.rootId, t.id),
    // The gallery's change marker (the ETag of GET /api/generations): the newest change, read at the index's end.
    index("generations_updated_at_idx").on(t.updatedAt),
    // "Pictures it made" (/templates, ?template=) and a run's pictures (?run=, its progress and ZIP).
    index("generations_template_id_id_idx").on(t.templateId, t.id),
    index("generations_run_id_id_idx").on(t.runId, t.id),
  ],
);

export const referenceImages = sqliteTable("reference_images", {
  id: text("id").primaryKey(),
  storageKey: text("storage_key").notNull(),
  contentType: text("content_type").notNull(),
  bytes: integer("bytes").notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  createdAt: integer("created_at").notNull(),
  createdBy: text("created_by").notNull(),
});

// Which generations use which stored reference, so deleting a generation can
// tell which reference files nobody needs any more without parsing JSON.
export const generationReferences = sqliteTable(
  "generation_references",
  {
    generationId: text("generation_id")
      .notNull()
      .references(() => generations.id, { onDelete: "cascade" }),
    // RESTRICT: a reference still in use cannot be deleted by mistake.
    referenceId: text("reference_id")
      .notNull()
      .references(() => referenceImages.id, { onDelete: "restrict" }),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.generationId, t.position] }),
    index("generation_references_reference_id_idx").on(t.referenceId),
  ],
);

export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    key: text("key").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    /** In the order they were created. */
    generationIds: text("generation_ids", { mode: "json" }).$type<string[]>().notNull(),
    /** A digest of the request the key was first used with: the same key with another body is refused. */
    requestHash: text("request_hash"),
  },
  (t) => [
    primaryKey({ columns: [t.key, t.createdBy] }),
    // Pruning expired keys.
    index("idempotency_keys_created_at_idx").on(t.createdAt),
  ],
);

// Failed sign-ins per client address, so wrong passwords are slowed down the
// same way whichever process (or instance) answers.
export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    address: text("address").notNull(),
    at: integer("at").notNull(),
    /** The account name the wrong password was tried for (counted per account and address). */
    account: text("account"),
  },
  (t) => [
    index("login_failures_address_at_idx").on(t.address, t.at),
    index("login_failures_account_address_at_idx").on(t.account, t.address, t.at),
  ],
);

// Which process polls an active generation, until when. Several instances may
// share one database; the holder renews its lease on every poll, and a holder
// that died is replaced once its lease runs out.
export const pollLeases = sqliteTable("poll_leases", {
  generationId: text("generation_id")
    .primaryKey()
    .references(() => generations.id, { onDelete: "cascade" }),
  owner: text("owner").notNull(),
  until: integer("until").notNull(),
});

// People with accounts. The name is what generations record in
// created_by; the upgrade that adds this table makes one account per name
// already there.
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email"),
    passwordHash: text("password_hash"),
    role: text("role").$type<UserRole>().notNull().default("member"),
    /** The admin role came from STUDIO_ADMINS: off the list, a member again. */
    adminByList: integer("admin_by_list", { mode: "boolean" }).notNull().default(false),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    dailyLimit: integer("daily_limit"),
    maxActive: integer("max_active"),
    monthlyBudget: real("monthly_budget"),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at"),
    /** With OIDC: the provider's issuer and subject ("<iss> <sub>"), the only identity it promises stays one person's. */
    ssoSubject: text("sso_subject"),
  },
  (t) => [uniqueIndex("users_name_idx").on(t.name), uniqueIndex("users_sso_subject_idx").on(t.ssoSubject)],
);

// Server-side sessions: the cookie carries an opaque id, this row its hash.
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    /** What the session was signed in with, e.g. a digest of the shared password: when it changes, the session ends. */
    credential: text("credential"),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);

// Favorites are per person: one row per person and picture. The
// old generations.favorite column is no longer read; the upgrade moved its
// stars to each picture's creator.
export const favorites = sqliteTable(
  "favorites",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    generationId: text("generation_id")
      .notNull()
      .references(() => generations.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.generationId] }), index("favorites_generation_id_idx").on(t.generationId)],
);

// One-time links that let a person set their first password. Only the
// token's hash is stored; using it stamps used_at, so a second use is refused.
export const invites = sqliteTable(
  "invites",
  {
    idHash: text("id_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("invites_user_id_idx").on(t.userId)],
);

// Prices per model (or model-SIZE) that an admin set in the studio; they win
// over STUDIO_PRICES, and deleting one falls back to it.
export const prices = sqliteTable("prices", {
  key: text("key").primaryKey(),
  price: real("price").notNull(),
  updatedAt: integer("updated_at").notNull(),
  updatedBy: text("updated_by").notNull(),
});

// What a deleted picture counted for: deleting one must not give back the
// day's allowance or the month's budget (it was paid for), and the usage
// page keeps showing it. Written in the same transaction as the delete.
export const deletedGenerations = sqliteTable(
  "deleted_generations",
  {
    id: text("id").primaryKey(),
    createdBy: text("created_by").notNull(),
    model: text("model").$type<ModelId>().notNull(),
    imageSize: text("image_size").$type<ImageSize>(),
    status: text("status").$type<GenerationStatus>().notNull(),
    createdAt: integer("created_at").notNull(),
    deletedAt: integer("deleted_at").notNull(),
    // Whether the gateway took the task (and billed it) is read from
    // these, as on generations; null on rows deleted before they were kept.
    upstreamId: text("upstream_id"),
    errorCode: text("error_code"),
    // A deleted version's place in its tree, so its children still hang
    // from it (null: deleted before edit threads, or never in a tree).
    parentId: text("parent_id"),
    rootId: text("root_id"),
    // Usage per template counts deleted pictures too (they were paid for).
    templateId: text("template_id"),
  },
  (t) => [
    index("deleted_generations_created_by_created_at_idx").on(t.createdBy, t.createdAt),
    index("deleted_generations_created_at_idx").on(t.createdAt),
    index("deleted_generations_root_id_idx").on(t.rootId),
    // The newest delete, for the gallery's change marker.
    index("deleted_generations_deleted_at_idx").on(t.deletedAt),
  ],
);

// Personal API tokens: `Authorization: Bearer nst_…` acts as the
// person. Only the token's SHA-256 is stored; the secret is shown once.
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Null: never expires. */
    expiresAt: integer("expires_at"),
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [uniqueIndex("api_tokens_token_hash_idx").on(t.tokenHash), index("api_tokens_user_id_idx").on(t.userId)],
);

// Values the studio makes once and every instance must share, such as the
// key that signs expiring picture links. Never shown to anyone.
export const studioSettings = sqliteTable("studio_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  createdAt: integer("created_at").notNull(),
});

// Boards: named collections of pictures, for the team or private
// to their owner. A picture may be on several; deleting a board (or its
// owner) never deletes a picture.
export const boards = sqliteTable(
  "boards",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    visibility: text("visibility").$type<BoardVisibility>().notNull(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("boards_owner_id_idx").on(t.ownerId)],
);

// Which pictures are on which board. The primary key (board_id,
// generation_id) is the board listing's keyset, newest picture first, and its
// counts; the generation_id index serves the cascade when a picture goes.
export const boardItems = sqliteTable(
  "board_items",
  {
    boardId: text("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    generationId: text("generation_id")
      .notNull()
      .references(() => generations.id, { onDelete: "cascade" }),
    addedAt: integer("added_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.boardId, t.generationId] }), index("board_items_generation_id_idx").on(t.generationId)],
);

// Public, read-only links to one picture or one board. Only the
// token's SHA-256 is stored; a link dies with what it shows, or when revoked.
export const shares = sqliteTable(
  "shares",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    generationId: text("generation_id").references(() => generations.id, { onDelete: "cascade" }),
    boardId: text("board_id").references(() => boards.id, { onDelete: "cascade" }),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    /** Null: until revoked. */
    expiresAt: integer("expires_at"),
  },
  (t) => [
    uniqueIndex("shares_token_hash_idx").on(t.tokenHash),
    index("shares_created_by_idx").on(t.createdBy),
    // The cascades from a picture or a board find their links by these.
    index("shares_generation_id_idx").on(t.generationId),
    index("shares_board_id_idx").on(t.boardId),
    check("shares_one_target", sql`(${t.generationId} is null) <> (${t.boardId} is null)`),
  ],
);

// Bytes of reference pictures each person uploaded per UTC day: the
// daily upload allowance counts here, since the pruner deletes unused uploads.
export const uploadDays = sqliteTable(
  "upload_days",
  {
    createdBy: text("created_by").notNull(),
    /** The UTC day's start, in ms. */
    day: integer("day").notNull(),
    bytes: integer("bytes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.createdBy, t.day] })],
);

// Fixed-window counters shared by every instance (the share page's
// per-address limit must hold across instances, not once per instance).
export const rateCounters = sqliteTable(
  "rate_counters",
  {
    key: text("key").notNull(),
    /** The window's start, in ms. */
    windowStart: integer("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index("rate_counters_window_start_idx").on(t.windowStart)],
);

// Templates: a prompt with {blanks} and the settings it runs with, for the
// team or private to their owner (as boards). Its stored references are
// linked in template_references, so the pruner keeps them.
export const templates = sqliteTable(
  "templates",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    prompt: text("prompt").notNull(),
    model: text("model").$type<ModelId>().notNull(),
    aspectRatio: text("aspect_ratio").$type<AspectRatio>().notNull(),
    imageSize: text("image_size").$type<ImageSize>(),
    count: integer("count").notNull(),
    visibility: text("visibility").$type<TemplateVisibility>().notNull(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** How often it was used. */
    uses: integer("uses").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("templates_owner_id_idx").on(t.ownerId)],
);

// A template's stored references in order; RESTRICT as generation_references.
export const templateReferences = sqliteTable(
  "template_references",
  {
    templateId: text("template_id")
      .notNull()
      .references(() => templates.id, { onDelete: "cascade" }),
    referenceId: text("reference_id")
      .notNull()
      .references(() => referenceImages.id, { onDelete: "restrict" }),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.position] }), index("template_references_reference_id_idx").on(t.referenceId)],
);

// A bulk run of a template from a table: each row's values by blank and the
// batch that row made, in the table's order. The template may be deleted
// later (no foreign key): the run and its pictures stay.
export const runs = sqliteTable(
  "runs",
  {
    id: text("id").primaryKey(),
    templateId: text("template_id").notNull(),
    createdBy: text("created_by").notNull(),
    rows: text("rows_json", { mode: "json" }).$type<Record<string, string>[]>().notNull(),
    batchIds: text("batch_ids", { mode: "json" }).$type<string[]>().notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("runs_created_by_id_idx").on(t.createdBy, t.id)],
);
