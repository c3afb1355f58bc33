// The studio's own HTTP API (shared/docs/studio-api.md), once, in zod: route
// handlers parse with these schemas and the browser's hooks read with them.
// Browser-safe: no server imports.
import { z } from "zod";
import { ASPECT_RATIOS, IMAGE_SIZES, MAX_PROMPT_LENGTH, MAX_REFERENCES, MODEL_IDS } from "@/lib/models";
import { BOARD_VISIBILITIES, GENERATION_ID, GENERATION_STATUSES, LIST_PAGE_SIZE, MAX_BOARD_NAME, MAX_BULK_IDS, MAX_LIST_PAGE_SIZE, MAX_MATCHING_IDS, PASSWORD_MIN_LENGTH, RUN_ID, TEMPLATE_ID } from "./contract-values";

export * from "./contract-values";

export const ERROR_CODES = [
  "invalid_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "payload_too_large",
  /** The idempotency key came with another request first (422). */
  "idempotency_key_reused",
  "quota_exceeded",
  "rate_limited",
  "upstream_error",
  "upstream_unavailable",
  "internal_error",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** A 429 from a person's limit names it: `daily`, `monthlyBudget` or `maxActive`. */
    limit: z.string().optional(),
    /** When that limit starts afresh (ISO, UTC): daily and monthlyBudget refusals. */
    resetsAt: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** `ref_` + a ULID: a stored reference image (an upload, or the studio's copy of a link). */
export const referenceIdSchema = z.string().regex(/^ref_[0-9A-HJKMNP-TV-Z]{26}$/, { message: "not a reference id" });

// Reference images: a real PNG/JPEG/WebP as a base64 data URL (decoded and
// checked on the server), the id of one the caller uploaded before
// (POST /api/references), or an http(s) URL (fetched once by the studio for a
// checked copy; the gateway is sent the URL itself).
const DATA_URL = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+=*$/;
export const referenceInputSchema = z.string().refine(
  (value) => {
    if (value.startsWith("data:")) return DATA_URL.test(value);
    if (value.startsWith("ref_")) return referenceIdSchema.safeParse(value).success;
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password;
    } catch {
      return false;
    }
  },
  { message: "must be a data:image/(png|jpeg|webp);base64 URL, an uploaded reference's ref_… id, or an http(s) URL without credentials" },
);

/** POST /api/references (multipart, field `file`) → 201. */
export const uploadedReferenceSchema = z.object({
  id: referenceIdSchema,
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
});
export type UploadedReference = z.infer<typeof uploadedReferenceSchema>;

/** An http(s) URL without credentials, as references take it (the studio fetches it: public addresses only). */
const isHttpLink = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password;
  } catch {
    return false;
  }
};

/**
 * POST /api/references with JSON: a link checked when it is added.
 * The studio fetches it, checks it is a picture and stores it as an upload
 * (answered as UploadedReference); a link that is not refuses with 400.
 */
export const referenceUrlRequestSchema = z.strictObject({
  url: z.string({ message: "url is required" }).trim().max(4096, { message: "url must be at most 4096 characters" }).refine(isHttpLink, {
    message: "must be an http(s) URL without credentials",
  }),
});

const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /\p{Cs}/u;
const INVISIBLE = /[\s\p{Cf}]/gu;

export const createGenerationSchema = z.strictObject({
  model: z.enum(MODEL_IDS, { message: `model must be one of ${MODEL_IDS.join(", ")}` }),
  prompt: z
    .string({ message: "prompt is required" })
    .trim()
    .min(1, { message: "prompt must not be empty" })
    .max(MAX_PROMPT_LENGTH, { message: `prompt must be at most ${MAX_PROMPT_LENGTH} characters` })
    // Control characters and broken UTF-16 are never meant; invisible-only text is empty.
    .refine((p) => !CONTROL_CHARS.test(p) && !LONE_SURROGATE.test(p), { message: "prompt contains characters that are not allowed" })
    .refine((p) => p.replace(INVISIBLE, "").length > 0, { message: "prompt must not be empty" }),
  aspectRatio: z.enum(ASPECT_RATIOS, { message: `aspectRatio must be one of ${ASPECT_RATIOS.join(", ")}` }).default("auto"),
  imageSize: z.enum(IMAGE_SIZES, { message: `imageSize must be one of ${IMAGE_SIZES.join(", ")}` }).nullish(),
  references: z
    .array(referenceInputSchema)
    .max(MAX_REFERENCES, { message: `at most ${MAX_REFERENCES} reference images` })
    .default([]),
  count: z.number().int().min(1, { message: "count must be 1 to 4" }).max(4, { message: "count must be 1 to 4" }).default(1),
  idempotencyKey: z.string().trim().min(1).max(200).optional(),
  /**
   * An edit: the finished picture this one changes (a version of its tree).
   * Its stored original goes to the gateway as the first reference, counted in the five.
   */
  parentId: z.string().regex(GENERATION_ID, { message: "parentId is not a generation id" }).optional(),
  /** Made from this template (one the caller may see): counted as a use, listed under it on /templates and /usage. */
  templateId: z.string().regex(TEMPLATE_ID, { message: "templateId is not a template id" }).optional(),
}).refine((request) => request.references.length + (request.parentId ? 1 : 0) <= MAX_REFERENCES, {
  message: `at most ${MAX_REFERENCES} reference images, the picture edited counted`,
  path: ["references"],
});
export type CreateGenerationInput = z.infer<typeof createGenerationSchema>;
export type CreateGenerationRequest = z.input<typeof createGenerationSchema>;


/** `gen_` + a ULID: sortable by creation time, safe in paths. */
export const generationIdSchema = z.string().regex(GENERATION_ID, { message: "not a generation id" });

export const generationSchema = z.object({
  id: z.string(),
  upstreamId: z.string().nullable(),
  model: z.enum(MODEL_IDS),
  prompt: z.string(),
  aspectRatio: z.enum(ASPECT_RATIOS),
  imageSize: z.enum(IMAGE_SIZES).nullable(),
  referenceCount: z.number().int(),
  references: z.array(z.object({ url: z.string() })),
  status: z.enum(GENERATION_STATUSES),
  progress: z.number().min(0).max(100),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
  image: z
    .object({
      url: z.string(),
      thumbUrl: z.string(),
      /** A WebP of at most 1024 px on the long side, between the thumbnail and the original. */
      previewUrl: z.string(),
      width: z.number().int(),
      height: z.number().int(),
      bytes: z.number().int(),
      contentType: z.string(),
    })
    .nullable(),
  favorite: z.boolean(),
  createdBy: z.string(),
  /**
   * Set while the gateway has finished the picture and the studio is still
   * copying it (a slow or flaky CDN, storage down): the picture is known to
   * exist, so the card says "Saving…" with the reason, never "Timed out".
   */
  saving: z.object({ since: z.string(), reason: z.string().nullable() }).nullable(),
  /**
   * Since when the gateway's status API has not answered for this active
   * generation (null: it answered at the last poll, or the row has ended).
   * Silence never times a task out: the row is asked again with backoff for
   * as long as its result could still be fetched, then ends as an unknown
   * outcome.
   */
  unansweredSince: z.string().nullable(),
  /** Shared by every picture one request made (`bat_…`; an older row: its own id). */
  batchId: z.string(),
  /**
   * When its creator (or an admin) cancelled it. The gateway has no cancel: a
   * cancelled row stays in flight and is billed; a picture that still arrives
   * is kept (status completed, this set); a task the gateway fails ends failed.
   */
  cancelledAt: z.string().nullable(),
  /**
   * A waiting picture's place in its person's queue: 1 = sent
   * next, when one of their slots frees. Null when not waiting.
   */
  position: z.number().int().positive().nullable(),
  /** Edit threads: the picture this one was made from (null: an original). */
  parentId: z.string().nullable(),
  /** The original of its tree (its own id for an original, deleted or not). */
  rootId: z.string(),
  /** How many live versions its tree has (1: no edits). */
  versions: z.number().int().min(1),
  /** The template it was made from (null: none). */
  templateId: z.string().nullable(),
  /** The bulk run that made it (null: none); its batch is one row of the run's table. */
  runId: z.string().nullable(),
});
export type Generation = z.infer<typeof generationSchema>;

/**
 * GET /api/generations/{id}/versions: a tree's versions, the path from the
 * original to the newest version first, then the others oldest first. A
 * deleted version that still has versions below it stands in its place.
 */
export const versionNodeSchema = z.union([
  generationSchema.extend({ children: z.array(z.string()) }),
  z.object({ id: z.string(), deleted: z.literal(true), parentId: z.string().nullable(), children: z.array(z.string()) }),
]);
export type VersionNode = z.infer<typeof versionNodeSchema>;
export const versionsResponseSchema = z.object({ rootId: z.string(), items: z.array(versionNodeSchema) });
export type VersionsResponse = z.infer<typeof versionsResponseSchema>;


export const retryGenerationSchema = z.strictObject({ idempotencyKey: z.string().trim().min(1).max(200).optional() });

export const createGenerationResponseSchema = z.object({ generations: z.array(generationSchema) });

const flag = z.enum(["1", "true", "0", "false"]).transform((v) => v === "1" || v === "true");
export const listGenerationsQuerySchema = z.strictObject({
  status: z.enum(["active", "completed", "failed"]).optional(),
  q: z.string().trim().max(200).optional(),
  model: z.enum(MODEL_IDS).optional(),
  favorite: flag.optional(),
  mine: flag.optional(),
  cursor: z.string().regex(GENERATION_ID, { message: "cursor must come from a previous page" }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(40),
  /** Only the pictures on this board (one the person may see). */
  board: z.string().regex(/^brd_[0-9A-HJKMNP-TV-Z]{26}$/, { message: "board is not a board id" }).optional(),
  /** Only the pictures of one request (a Generation's batchId). */
  batch: z.string().regex(/^(bat|gen)_[0-9A-HJKMNP-TV-Z]{26}$/, { message: "batch is not a batch id" }).optional(),
  /** Only the pictures made from this template. */
  template: z.string().regex(TEMPLATE_ID, { message: "template is not a template id" }).optional(),
  /** Only the pictures of one bulk run (every row's batch). */
  run: z.string().regex(RUN_ID, { message: "run is not a run id" }).optional(),
  /** `all`: every version of every tree; by default the gallery shows one card per tree, its newest version. */
  versions: z.enum(["all"], { message: "versions must be all" }).optional(),
});
export type ListGenerationsQuery = z.infer<typeof listGenerationsQuerySchema>;

export const listGenerationsResponseSchema = z.object({
  items: z.array(generationSchema),
  nextCursor: z.string().nullable(),
});
export type ListGenerationsResponse = z.infer<typeof listGenerationsResponseSchema>;

/** GET /api/generations/ids: the list's filters, and up to MAX_MATCHING_IDS ids at once (the default). */
export const generationIdsQuerySchema = listGenerationsQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(MAX_MATCHING_IDS).default(MAX_MATCHING_IDS),
});
export type GenerationIdsQuery = z.infer<typeof generationIdsQuerySchema>;
/** Every matching picture's id, newest first (at most `limit`), and how many match in all (`total`, whatever the limit). */
export const generationIdsResponseSchema = z.object({ ids: z.array(z.string()), total: z.number().int().min(0) });
export type GenerationIdsResponse = z.infer<typeof generationIdsResponseSchema>;

export const patchGenerationSchema = z.strictObject({ favorite: z.boolean() });

export const imageQuerySchema = z.strictObject({
  variant: z.enum(["full", "thumb", "preview"]).default("full"),
  download: flag.optional(),
  /** A signed link (the OpenAI API's `url` answers): expiry in Unix seconds and its signature; opens the picture without a session. */
  exp: z.string().regex(/^\d{1,12}$/, { message: "exp must be Unix seconds" }).optional(),
  sig: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, { message: "sig is not a signature" }).optional(),
});

export const healthSchema = z.object({
  ok: z.boolean(),
  upstream: z.enum(["demo", "gateway"]),
  db: z.enum(["sqlite", "postgres"]),
  storage: z.enum(["fs", "s3"]),
  active: z.number().int(),
  /** Each backend answered just now. */
  checks: z.object({ db: z.boolean(), storage: z.boolean() }),
});
export type Health = z.infer<typeof healthSchema>;

// A person's name as the studio shows it: printable, short, trimmed.
export const userNameSchema = z
  .string()
  .trim()
  .min(1, { message: "name is required" })
  .max(64, { message: "name must be at most 64 characters" })
  .regex(/^[^\p{Cc}\p{Cf}<>"'`]+$/u, { message: "name contains characters that are not allowed" });

export const signInSchema = z.strictObject({
  name: userNameSchema,
  password: z.string().min(1, { message: "password is required" }).max(1000),
});

export const AUTH_MODES = ["none", "password", "header", "accounts", "oidc"] as const;
export type AuthMode = (typeof AUTH_MODES)[number];
export const USER_ROLES = ["admin", "member"] as const;

/**
 * Every price key (lib/pricing.ts PRICE_KEYS: a model id, or `model-SIZE` for
 * a model that offers sizes) → the price in force, null for none set. A
 * picture costs priceOf(prices, model, size), as the server counts it.
 */
export const priceQuoteSchema = z.object({ currency: z.string(), prices: z.record(z.string(), z.number().nullable()) });
export type PriceQuote = z.infer<typeof priceQuoteSchema>;

export const sessionInfoSchema = z.object({
  user: z.string(),
  /** The account's id (usr_…); every mode has one, so limits and usage work everywhere. */
  userId: z.string(),
  role: z.enum(USER_ROLES),
  auth: z.enum(AUTH_MODES),
  limits: z.object({
    daily: z.number().int(),
    usedToday: z.number().int(),
    maxActive: z.number().int(),
    /** This calendar month (UTC): null budget = none. */
    monthlyBudget: z.number().nullable(),
    spentThisMonth: z.number(),
    /** The price of the person's waiting pictures: reserved in the month's budget, charged once sent. */
    reservedThisMonth: z.number(),
    currency: z.string(),
    /** Pictures of this person in flight now (they count toward maxActive). */
    active: z.number().int(),
    /** Pictures of this person waiting for a slot (status `waiting`), and how many may wait. */
    waiting: z.number().int(),
    maxQueued: z.number().int(),
    /** The server's own prices, so the composer prices a request the way the budget does. */
    quote: priceQuoteSchema,
    /** When each limit starts afresh (ISO, UTC); the in-flight cap has no reset time. */
    resetsAt: z.object({ daily: z.string(), monthlyBudget: z.string().nullable() }),
  }),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

// Accounts. Limits null = the studio-wide ones.
export const passwordSchema = z
  .string({ message: "password is required" })
  .refine((p) => [...p].length >= PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  .refine((p) => [...p].length <= 1000, { message: "password must be at most 1000 characters" });

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  role: z.enum(USER_ROLES),
  disabled: z.boolean(),
  dailyLimit: z.number().int().nullable(),
  maxActive: z.number().int().nullable(),
  monthlyBudget: z.number().nullable(),
  /** A password is set (accounts mode); false for an invite not used yet, or someone from SSO / the auth proxy. */
  hasPassword: z.boolean(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  /** This calendar month (UTC): pictures made (completed) and their cost. */
  month: z.object({ pictures: z.number().int(), cost: z.number() }).optional(),
});
export type User = z.infer<typeof userSchema>;
export const listUsersResponseSchema = z.object({
  items: z.array(userSchema),
  currency: z.string(),
  /** The studio-wide limits a person's null limits fall back to (monthlyBudget null = none). */
  defaults: z.object({ daily: z.number().int(), maxActive: z.number().int(), monthlyBudget: z.number().nullable() }),
});
export type ListUsersResponse = z.infer<typeof listUsersResponseSchema>;

export const createUserSchema = z.strictObject({
  name: userNameSchema,
  /** Omitted: the person gets an invite link instead and sets the password. */
  password: passwordSchema.optional(),
  role: z.enum(USER_ROLES).default("member"),
});

const nullableLimit = (max: number) => z.number().int().min(0).max(max).nullable().optional();
export const patchUserSchema = z.strictObject({
  role: z.enum(USER_ROLES).optional(),
  disabled: z.boolean().optional(),
  dailyLimit: nullableLimit(100_000),
  maxActive: nullableLimit(1_000),
  monthlyBudget: z.number().min(0).max(1e9).nullable().optional(),
  /** An admin resets a person's password. */
  password: passwordSchema.optional(),
});

/** POST /api/admin/users/{id}/invite → a link to set a password; shown once. */
export const inviteResponseSchema = z.object({ url: z.string(), expiresAt: z.string() });
/** POST /api/invites/{token} { password } → signed in as the invited person. */
export const acceptInviteSchema = z.strictObject({ password: passwordSchema });

/** POST /api/session/password: a person changes their own. */
export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1, { message: "currentPassword is required" }).max(1000),
  newPassword: passwordSchema,
  /** Also revoke every API token of the person: a thief's too. */
  endTokens: z.boolean().default(true),
});

/** DELETE /api/session: `all` ends every session of the person; with it, `endTokens` (default yes) revokes their tokens too. */
export const signOutQuerySchema = z.object({ all: flag.optional(), endTokens: flag.optional() });

/** POST /api/admin/users/{id}/sign-out and /api/admin/sign-out-everyone. */
export const adminSignOutSchema = z.strictObject({
  /** Also revoke the API tokens (default yes). */
  endTokens: z.boolean().default(true),
});
/** How many sessions ended and tokens were revoked. */
export const signOutResultSchema = z.object({ sessions: z.number().int(), tokens: z.number().int() });
export type SignOutResult = z.infer<typeof signOutResultSchema>;

/** GET/PUT /api/admin/settings: what admins set in the studio. */
export const TOKEN_MAX_DAYS_LIMIT = 3650;
export const studioSettingsSchema = z.strictObject({
  /** The longest an API token lives, in days: no expiry, or a longer one, gets this (default 365). */
  tokenMaxDays: z
    .number({ message: `tokenMaxDays must be a whole number of days, 1 to ${TOKEN_MAX_DAYS_LIMIT}` })
    .int({ message: `tokenMaxDays must be a whole number of days, 1 to ${TOKEN_MAX_DAYS_LIMIT}` })
    .min(1, { message: `tokenMaxDays must be 1 to ${TOKEN_MAX_DAYS_LIMIT}` })
    .max(TOKEN_MAX_DAYS_LIMIT, { message: `tokenMaxDays must be 1 to ${TOKEN_MAX_DAYS_LIMIT}` }),
});
export type StudioSettings = z.infer<typeof studioSettingsSchema>;

/** GET/PUT /api/admin/prices: effective prices, and which came from the studio (not STUDIO_PRICES). */
export const pricesResponseSchema = z.object({
  currency: z.string(),
  items: z.array(z.object({ key: z.string(), price: z.number(), source: z.enum(["env", "studio"]) })),
  /**
   * Price keys that would price every model and size but have no price: a
   * whole model, or a `model-SIZE` of a model priced at other sizes only.
   * While a budget applies to a person, these are refused.
   */
  unpriced: z.array(z.string()),
});
export type PricesResponse = z.infer<typeof pricesResponseSchema>;
export const putPricesSchema = z.strictObject({
  /** key → price; null removes the studio's price (back to STUDIO_PRICES). */
  prices: z.record(z.string(), z.number().min(0).max(1e6).nullable()),
});

// Usage.
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "must be YYYY-MM-DD" }).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), {
  message: "must be a real date",
});
export const usageQuerySchema = z
  .strictObject({
    from: isoDay.optional(),
    /** Inclusive. */
    to: isoDay.optional(),
    /** template: by the template the pictures were made from (key "" for none). */
    groupBy: z.enum(["day", "user", "model", "template"]).default("day"),
    /** Admins: one person's usage (a name). */
    user: userNameSchema.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] });
export type UsageQuery = z.infer<typeof usageQuerySchema>;

const usageTotalsSchema = z.object({
  /** Completed pictures. */
  pictures: z.number().int(),
  /** Every failed one. */
  failed: z.number().int(),
  /** Of the failed, those the gateway took (cancelled, timed out…): billed, so in `cost`. */
  failedCharged: z.number().int(),
  /** Still in flight: about to be billed, so in `cost` (and in a budget). */
  inFlight: z.number().int(),
  /** Completed + in flight + charged failures, at their prices. */
  cost: z.number(),
});
export const usageRowSchema = usageTotalsSchema.extend({
  key: z.string(),
  /** By template: its name (null: made from no template, or one deleted or private to someone else). */
  label: z.string().nullable().optional(),
  /** Completed pictures of this row by model (the stacked chart). */
  byModel: z.record(z.string(), z.number().int()),
});
export const usageResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(["day", "user", "model", "template"]),
  currency: z.string(),
  rows: z.array(usageRowSchema),
  total: usageTotalsSchema,
});
export type UsageResponse = z.infer<typeof usageResponseSchema>;

// Personal API tokens.
export const createTokenSchema = z.strictObject({
  name: z.string({ message: "name is required" }).trim().min(1, { message: "name is required" }).max(100, { message: "name must be at most 100 characters" }),
  /** null: as long as the admins allow (GET /api/admin/settings tokenMaxDays; a longer value gets that too). */
  expiresInDays: z.number().int().min(1, { message: "expiresInDays must be 1 to 3650" }).max(3650, { message: "expiresInDays must be 1 to 3650" }).nullable().default(90),
});
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Whose token (admins list everyone's). */
  user: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;
/** POST /api/tokens → 201: the only answer that carries the secret. */
export const createdTokenSchema = apiTokenSchema.extend({ token: z.string() });
/** GET /api/tokens: newest first, in keyset pages (nextCursor null: the last page). */
export const listTokensResponseSchema = z.object({ items: z.array(apiTokenSchema), nextCursor: z.string().nullable() });
export type ApiTokenPage = z.infer<typeof listTokensResponseSchema>;
export const listTokensQuerySchema = z.strictObject({
  all: flag.optional(),
  cursor: z.string().regex(/^tok_[0-9A-HJKMNP-TV-Z]{26}$/, { message: "cursor must come from a previous page" }).optional(),
  /** The default holds every token one person may have (STUDIO_MAX_TOKENS, 50). */
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

// OpenAI-compatible images API, in OpenAI's own shapes.
export const OPENAI_SIZES = ["auto", "1024x1024", "1536x1024", "1792x1024", "1024x1536", "1024x1792"] as const;
export const openAiImageRequestSchema = z.object({
  model: z.enum(MODEL_IDS, { message: `model must be one of ${MODEL_IDS.join(", ")}` }).default("nano_banana_2"),
  prompt: createGenerationSchema.shape.prompt,
  n: z.coerce.number().int().min(1, { message: "n must be 1 to 4" }).max(4, { message: "n must be 1 to 4" }).default(1),
  size: z.enum(OPENAI_SIZES, { message: `size must be one of ${OPENAI_SIZES.join(", ")}` }).optional(),
  response_format: z.enum(["b64_json", "url"], { message: "response_format must be b64_json or url" }).default("b64_json"),
  /** Extensions: the studio's own names win over `size`. */
  aspect_ratio: z.enum(ASPECT_RATIOS, { message: `aspect_ratio must be one of ${ASPECT_RATIOS.join(", ")}` }).optional(),
  image_size: z.enum(IMAGE_SIZES, { message: `image_size must be one of ${IMAGE_SIZES.join(", ")}` }).optional(),
  /** Accepted and ignored, as many clients send them. */
  quality: z.string().max(50).optional(),
  style: z.string().max(50).optional(),
  user: z.string().max(200).optional(),
});
export type OpenAiImageRequest = z.infer<typeof openAiImageRequestSchema>;
/** The Idempotency-Key header of /v1/images/*. */
export const openAiIdempotencyKeySchema = z
  .string()
  .trim()
  .min(1, { message: "Idempotency-Key must be 1 to 200 characters (a UUID is a good key)" })
  .max(200, { message: "Idempotency-Key must be 1 to 200 characters (a UUID is a good key)" });
export const openAiImagesResponseSchema = z.object({
  created: z.number().int(),
  data: z.array(z.object({ b64_json: z.string().optional(), url: z.string().optional(), revised_prompt: z.string().optional() })),
});
export const openAiErrorSchema = z.object({
  error: z.object({ message: z.string(), type: z.string(), code: z.string().nullable(), param: z.string().nullable() }),
});
export const openAiModelsResponseSchema = z.object({
  object: z.literal("list"),
  data: z.array(z.object({ id: z.string(), object: z.literal("model"), created: z.number().int(), owned_by: z.string() })),
});

// Boards, batches, sharing, bulk.
export const boardIdSchema = z.string().regex(/^brd_[0-9A-HJKMNP-TV-Z]{26}$/, { message: "not a board id" });
export const shareIdSchema = z.string().regex(/^shr_[0-9A-HJKMNP-TV-Z]{26}$/, { message: "not a share id" });
const boardName = z
  .string({ message: "name is required" })
  .trim()
  .min(1, { message: "name is required" })
  .max(MAX_BOARD_NAME, { message: `name must be at most ${MAX_BOARD_NAME} characters` })
  .refine((n) => !CONTROL_CHARS.test(n) && !LONE_SURROGATE.test(n), { message: "name contains characters that are not allowed" });
const visibility = z.enum(BOARD_VISIBILITIES, { message: "visibility must be team or private" });

export const boardSchema = z.object({
  id: z.string(),
  name: z.string(),
  visibility,
  /** The owner's name. */
  owner: z.string(),
  count: z.number().int(),
  /** A thumbnail of the newest completed picture on it. */
  coverUrl: z.string().nullable(),
  createdAt: z.string(),
  /** Whether the person asking may rename, delete or share it (owner or admin). */
  canManage: z.boolean(),
});
export type Board = z.infer<typeof boardSchema>;
/** A page of a list of boards or share links: `limit` of them, after `cursor` (a previous page's nextCursor). */
const listLimit = z.coerce
  .number({ message: `limit must be 1 to ${MAX_LIST_PAGE_SIZE}` })
  .int({ message: `limit must be 1 to ${MAX_LIST_PAGE_SIZE}` })
  .min(1, { message: `limit must be 1 to ${MAX_LIST_PAGE_SIZE}` })
  .max(MAX_LIST_PAGE_SIZE, { message: `limit must be 1 to ${MAX_LIST_PAGE_SIZE}` })
  .default(LIST_PAGE_SIZE);
/** GET /api/boards: by name, a page at a time (`cursor` is opaque: the previous page's nextCursor). */
export const listBoardsQuerySchema = z.strictObject({
  limit: listLimit,
  cursor: z.string().min(1).max(1000, { message: "cursor must come from a previous page" }).optional(),
});
/** nextCursor: null on the last page. */
export const listBoardsResponseSchema = z.object({ items: z.array(boardSchema), nextCursor: z.string().nullable() });
export type ListBoardsResponse = z.infer<typeof listBoardsResponseSchema>;
export const createBoardSchema = z.strictObject({ name: boardName, visibility: visibility.default("team") });
export const patchBoardSchema = z
  .strictObject({ name: boardName.optional(), visibility: visibility.optional() })
  .refine((p) => p.name !== undefined || p.visibility !== undefined, { message: "give a name or a visibility" });
/** Which pictures; at most MAX_BULK_IDS, each once (duplicates are dropped). */
export const generationIdsSchema = z
  .array(generationIdSchema, { message: "generationIds must be a list of generation ids" })
  .min(1, { message: "generationIds must name at least one picture" })
  .max(MAX_BULK_IDS, { message: `at most ${MAX_BULK_IDS} pictures at once` })
  .transform((ids) => [...new Set(ids)]);
export const boardItemsSchema = z.strictObject({ generationIds: generationIdsSchema });
export const boardItemsResponseSchema = z.object({ board: boardSchema, changed: z.number().int() });

export const createShareSchema = z
  .strictObject({
    generationId: generationIdSchema.optional(),
    boardId: boardIdSchema.optional(),
    /** null or absent: until revoked. */
    expiresInDays: z.number().int().min(1, { message: "expiresInDays must be 1 to 365" }).max(365, { message: "expiresInDays must be 1 to 365" }).nullish(),
  })
  .refine((s) => (s.generationId === undefined) !== (s.boardId === undefined), { message: "give either generationId or boardId" });
export const shareSchema = z.object({
  id: z.string(),
  kind: z.enum(["generation", "board"]),
  generationId: z.string().nullable(),
  boardId: z.string().nullable(),
  /** The picture's prompt or the board's name. */
  title: z.string(),
  /** Who made the link. */
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
});
export type Share = z.infer<typeof shareSchema>;
/**
 * POST /api/shares → 201: the only answer with the link (only its hash is kept).
 * hiddenPictures: finished pictures on the board that this link leaves out
 * (a member's board link shows only the pictures its maker made; 0 for an
 * admin's link and for a picture link).
 */
export const createdShareSchema = shareSchema.extend({ url: z.string(), hiddenPictures: z.number().int() });
export type CreatedShare = z.infer<typeof createdShareSchema>;
/** nextCursor: null on the last page. */
export const listSharesResponseSchema = z.object({ items: z.array(shareSchema), nextCursor: z.string().nullable() });
export type ListSharesResponse = z.infer<typeof listSharesResponseSchema>;
/**
 * GET /api/shares: the caller's own links; `all=1` everyone's (admins);
 * `showing=mine` the live links, whoever made them, that show a picture the
 * caller made. Narrowed to one picture or board; newest first.
 */
export const listSharesQuerySchema = z
  .strictObject({
    all: flag.optional(),
    showing: z.enum(["mine"], { message: "showing must be mine" }).optional(),
    generationId: generationIdSchema.optional(),
    boardId: boardIdSchema.optional(),
    limit: listLimit,
    cursor: shareIdSchema.optional(),
  })
  .refine((q) => !(q.all && q.showing), { message: "give all=1 or showing=mine, not both" });
export type ListSharesQuery = z.infer<typeof listSharesQuerySchema>;
/** GET /api/shares/preview?boardId=…: what a link to the board made by the caller now would show and leave out. */
export const sharePreviewQuerySchema = z.strictObject({ boardId: boardIdSchema });
export const sharePreviewSchema = z.object({ pictures: z.number().int(), hiddenPictures: z.number().int() });
export type SharePreview = z.infer<typeof sharePreviewSchema>;

export const downloadIdsSchema = z.strictObject({ generationIds: generationIdsSchema });
/** A bulk run's finished pictures (its whole table, whatever the 200 cap). */
export const downloadRunSchema = z.strictObject({ runId: z.string().regex(RUN_ID, { message: "runId is not a run id" }) });
/** The pictures named, or a run's. */
export const downloadSchema = z.union([downloadIdsSchema, downloadRunSchema]);
