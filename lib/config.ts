import "server-only";
import path from "node:path";
import { z } from "zod";
import { parseS3Settings, S3SettingsError, type S3Settings } from "@/lib/storage/storage-url";
import { AUTH_MODES } from "@/lib/contract";
import { parsePrices, PriceListError } from "@/lib/pricing";

// The environment, parsed once. Every other module asks getConfig(); nothing
// else reads process.env, so every knob is documented here and in the README.

const int = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const envSchema = z.object({
  NANO_API_KEY: optionalString,
  NANO_API_BASE_URL: z
    .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
    .default("https://api.dyuapi.com")
    .transform((v) => v.replace(/\/+$/, "")),
  STUDIO_DATA_DIR: z.string().trim().min(1).default("./data"),
  /** postgres://… switches metadata to PostgreSQL; absent: SQLite in STUDIO_DATA_DIR. */
  DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(v), {
    message: "must be a postgres:// URL",
  }),
  /** One HTTP exchange with the gateway (submit, one poll attempt). */
  NANO_REQUEST_TIMEOUT_MS: int(30_000, 1_000, 600_000),
  /** All retries of one poll together. */
  NANO_POLL_RETRY_BUDGET_MS: int(20_000, 0, 600_000),
  /** How often the poller asks the gateway about each active task. */
  STUDIO_POLL_INTERVAL_MS: int(3_000, 200, 600_000),
  /** A task unfinished after this long is marked failed ("timed out"). */
  STUDIO_TASK_TIMEOUT_MS: int(15 * 60_000, 5_000, 24 * 3_600_000),
  /** /v1/images/*: how long a request waits for its pictures before answering with their ids. */
  STUDIO_SYNC_WAIT_MS: int(300_000, 1_000, 3_600_000),
  /** Result download: size cap and time limit. */
  NANO_RESULT_MAX_BYTES: int(50 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  NANO_RESULT_TIMEOUT_MS: int(60_000, 1_000, 600_000),
  /** Request bodies above this are refused with 413 before being buffered. */
  STUDIO_BODY_LIMIT_BYTES: int(40 * 1024 * 1024, 1024, 512 * 1024 * 1024),
  /** /v1/images/edits: requests per person whose pictures are being received or sent at once (each holds up to 5 × 7 MB). */
  STUDIO_MAX_CONCURRENT_EDITS: int(2, 1, 100),
  /** Demo simulator: 2 = twice as fast; failure rate 0..1 for every task. */
  SIMULATOR_SPEED: z.coerce.number().positive().max(1000).default(1),
  SIMULATOR_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
  /**
   * Who may enter: none (one local user), password (shared password), header
   * (an auth proxy names the person), accounts (a password each), oidc (the
   * team's OpenID Connect provider).
   */
  STUDIO_AUTH: z.enum(AUTH_MODES).default("none"),
  /** accounts: the first admin, made at start-up when no admin exists. */
  STUDIO_ADMIN_NAME: optionalString,
  STUDIO_ADMIN_PASSWORD: optionalString,
  /** oidc: the provider (discovery at /.well-known/openid-configuration) and the studio's client there. */
  OIDC_ISSUER: optionalString.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), { message: "must be an http(s) URL" }),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  /** oidc: where the provider sends people back; default: this request's origin + /api/auth/oidc/callback. */
  OIDC_REDIRECT_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), { message: "must be an http(s) URL" }),
  /** oidc, header and password modes: comma-separated names (or emails, oidc) of the admins. */
  STUDIO_ADMINS: optionalString,
  /** Per-model prices, "nano_banana_2=0.04,nano_banana_pro-4K=0.24"; admins can change them in the studio. */
  STUDIO_PRICES: optionalString,
  /** Money a person may spend per calendar month (UTC); empty = no budget. */
  STUDIO_MONTHLY_BUDGET: z.coerce.number().positive().max(1e9).optional(),
  STUDIO_CURRENCY: z.string().trim().regex(/^[A-Z]{3}$/, { message: "must be a three-letter currency code" }).default("USD"),
  STUDIO_PASSWORD: optionalString,
  STUDIO_SESSION_SECRET: optionalString,
  STUDIO_SESSION_DAYS: int(30, 1, 365),
  STUDIO_USER_HEADER: optionalString,
  /** Proxies in front of the studio whose X-Forwarded-For entry is believed; 0 = the socket's peer. */
  STUDIO_TRUSTED_PROXIES: int(0, 0, 10),
  /**
   * The wrong-password throttle: password checks for one account from one
   * address (IPv6: its /64), and for all accounts from one address, in a
   * sliding window. Past either, the next check waits (429).
   */
  STUDIO_SIGNIN_FAILURES_PER_ACCOUNT: int(5, 1, 1_000),
  STUDIO_SIGNIN_FAILURES_PER_ADDRESS: int(50, 1, 100_000),
  STUDIO_SIGNIN_WINDOW_MINUTES: int(15, 1, 24 * 60),
  /** Per person: generations a day (UTC), and generations in flight at once. */
  STUDIO_DAILY_LIMIT: int(200, 1, 100_000),
  STUDIO_MAX_ACTIVE: int(8, 1, 1_000),
  /** Per person: pictures waiting for a slot past STUDIO_MAX_ACTIVE; 0 = no queue (refuse, 429). */
  STUDIO_MAX_QUEUED: int(20, 0, 10_000),
  /** Per person: boards they own, and share links of theirs that have not expired. */
  STUDIO_MAX_BOARDS: int(500, 1, 100_000),
  STUDIO_MAX_SHARE_LINKS: int(200, 1, 100_000),
  /** Per person: personal API tokens held at once (expired ones count until revoked). */
  STUDIO_MAX_TOKENS: int(50, 1, 10_000),
  /**
   * Per person: bytes of reference pictures stored a day (UTC), uploads and
   * the pictures requests carry alike; 0 = no allowance. Default 200 MB.
   */
  STUDIO_UPLOAD_BYTES_PER_DAY: int(200 * 1024 * 1024, 0, Number.MAX_SAFE_INTEGER),
  /**
   * Help with the words: a chat model on the same gateway (POST /v1/chat/completions)
   * for Improve and Describe; unset = off (404), except in demo mode, where the
   * simulator's demo-writer answers. Calls per person a UTC day.
   */
  STUDIO_PROMPT_MODEL: optionalString,
  STUDIO_PROMPT_HELP_PER_DAY: int(50, 1, 100_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type StudioConfig = {
  upstream: "demo" | "gateway";
  apiKey: string | undefined;
  baseUrl: string;
  dataDir: string;
  requestTimeoutMs: number;
  pollRetryBudgetMs: number;
  pollIntervalMs: number;
  taskTimeoutMs: number;
  syncWaitMs: number;
  resultMaxBytes: number;
  resultTimeoutMs: number;
  bodyLimitBytes: number;
  /** /v1/images/edits per person being read or submitted at once (lib/openai-compat/edit-slots.ts). */
  maxConcurrentEdits: number;
  simulator: { speed: number; failureRate: number };
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  auth:
    | { mode: "none" }
    | { mode: "password"; password: string; sessionSecret: string; sessionDays: number; admins: string[] }
    | { mode: "header"; userHeader: string; admins: string[] }
    | { mode: "accounts"; sessionDays: number; firstAdmin: { name: string; password: string } | undefined }
    | {
        mode: "oidc";
        sessionDays: number;
        /** Seals the short-lived cookie that carries state, nonce and the PKCE verifier. */
        sessionSecret: string;
        issuer: string;
        clientId: string;
        clientSecret: string | undefined;
        redirectUrl: string | undefined;
        admins: string[];
      };
  trustedProxies: number;
  /** Wrong passwords allowed per account at an address and per address, in windowMs (lib/auth/throttle.ts). */
  signInThrottle: { perAccount: number; perAddress: number; windowMs: number };
  /**
   * Studio-wide per-person limits; an admin can set others per person. monthlyBudget undefined = none.
   * maxQueued: pictures that may wait (status `waiting`) past maxActive; 0 = no queue.
   */
  limits: { daily: number; maxActive: number; maxQueued: number; monthlyBudget: number | undefined };
  /** API tokens one person may hold (STUDIO_MAX_TOKENS). */
  maxTokensPerPerson: number;
  /** Bytes of references one person may store a UTC day (STUDIO_UPLOAD_BYTES_PER_DAY); 0 = no allowance. */
  uploadBytesPerDay: number;
  /** Per person: boards owned, and live (unexpired) share links made. */
  boardsPerPerson: number;
  shareLinksPerPerson: number;
  /** Prices from STUDIO_PRICES by model id or `model-SIZE`, before the admins' changes. */
  prices: Record<string, number>;
  currency: string;
  /** Improve / Describe (lib/prompt-help): the chat model (undefined = off) and calls per person a UTC day. */
  promptHelp: { model: string | undefined; perDay: number; timeoutMs: number };
  database: { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };
  storage: { kind: "fs"; root: string } | { kind: "s3"; settings: S3Settings };
};

/** Demo mode's prompt model: the simulator answers it (lib/simulator/chat.ts). */
const DEMO_PROMPT_MODEL = "demo-writer";
/** One Improve or Describe call to the gateway. */
const PROMPT_HELP_TIMEOUT_MS = 20_000;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Pure: parse an environment. A bad value throws one line naming the variable. */
export function parseConfig(env: Record<string, string | undefined>): StudioConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      // The value itself is never echoed: it could be the key.
      (i) => `${i.path.join(".")}: ${i.message}`,
    );
    throw new ConfigError(`Invalid configuration: ${lines.join("; ")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.STUDIO_DATA_DIR);
  let s3: S3Settings | undefined;
  try {
    s3 = parseS3Settings(env);
  } catch (error) {
    if (error instanceof S3SettingsError) throw new ConfigError(error.message);
    throw error;
  }
  return {
    database: e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "sqlite", file: path.join(dataDir, "studio.db") },
    storage: s3 ? { kind: "s3", settings: s3 } : { kind: "fs", root: path.join(dataDir, "files") },
    auth: authConfig(e),
    trustedProxies: e.STUDIO_TRUSTED_PROXIES,
    signInThrottle: {
      perAccount: e.STUDIO_SIGNIN_FAILURES_PER_ACCOUNT,
      perAddress: e.STUDIO_SIGNIN_FAILURES_PER_ADDRESS,
      windowMs: e.STUDIO_SIGNIN_WINDOW_MINUTES * 60_000,
    },
    limits: { daily: e.STUDIO_DAILY_LIMIT, maxActive: e.STUDIO_MAX_ACTIVE, maxQueued: e.STUDIO_MAX_QUEUED, monthlyBudget: e.STUDIO_MONTHLY_BUDGET },
    maxTokensPerPerson: e.STUDIO_MAX_TOKENS,
    uploadBytesPerDay: e.STUDIO_UPLOAD_BYTES_PER_DAY,
    boardsPerPerson: e.STUDIO_MAX_BOARDS,
    shareLinksPerPerson: e.STUDIO_MAX_SHARE_LINKS,
    prices: pricesOf(e.STUDIO_PRICES),
    currency: e.STUDIO_CURRENCY,
    promptHelp: {
      model: e.STUDIO_PROMPT_MODEL ?? (e.NANO_API_KEY ? undefined : DEMO_PROMPT_MODEL),
      perDay: e.STUDIO_PROMPT_HELP_PER_DAY,
      timeoutMs: PROMPT_HELP_TIMEOUT_MS,
    },
    upstream: e.NANO_API_KEY ? "gateway" : "demo",
    apiKey: e.NANO_API_KEY,
    baseUrl: e.NANO_API_BASE_URL,
    dataDir,
    requestTimeoutMs: e.NANO_REQUEST_TIMEOUT_MS,
    pollRetryBudgetMs: e.NANO_POLL_RETRY_BUDGET_MS,
    pollIntervalMs: e.STUDIO_POLL_INTERVAL_MS,
    taskTimeoutMs: e.STUDIO_TASK_TIMEOUT_MS,
    syncWaitMs: e.STUDIO_SYNC_WAIT_MS,
    resultMaxBytes: e.NANO_RESULT_MAX_BYTES,
    resultTimeoutMs: e.NANO_RESULT_TIMEOUT_MS,
    bodyLimitBytes: e.STUDIO_BODY_LIMIT_BYTES,
    maxConcurrentEdits: e.STUDIO_MAX_CONCURRENT_EDITS,
    simulator: { speed: e.SIMULATOR_SPEED, failureRate: e.SIMULATOR_FAILURE_RATE },
    logLevel: e.LOG_LEVEL,
  };
}

function pricesOf(text: string | undefined): Record<string, number> {
  try {
    return parsePrices(text ?? "");
  } catch (error) {
    if (error instanceof PriceListError) throw new ConfigError(`Invalid configuration: STUDIO_PRICES: ${error.message}`);
    throw error;
  }
}

const nameList = (text: string | undefined) =>
  (text ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);

function authConfig(e: z.infer<typeof envSchema>): StudioConfig["auth"] {
  if (e.STUDIO_AUTH === "accounts") {
    if (Boolean(e.STUDIO_ADMIN_NAME) !== Boolean(e.STUDIO_ADMIN_PASSWORD)) {
      throw new ConfigError("Invalid configuration: STUDIO_ADMIN_NAME and STUDIO_ADMIN_PASSWORD: set both, or neither");
    }
    if (e.STUDIO_ADMIN_PASSWORD && [...e.STUDIO_ADMIN_PASSWORD].length < 10) {
      throw new ConfigError("Invalid configuration: STUDIO_ADMIN_PASSWORD: at least 10 characters");
    }
    const firstAdmin = e.STUDIO_ADMIN_NAME && e.STUDIO_ADMIN_PASSWORD ? { name: e.STUDIO_ADMIN_NAME, password: e.STUDIO_ADMIN_PASSWORD } : undefined;
    return { mode: "accounts", sessionDays: e.STUDIO_SESSION_DAYS, firstAdmin };
  }
  if (e.STUDIO_AUTH === "oidc") {
    if (!e.OIDC_ISSUER) throw new ConfigError("Invalid configuration: OIDC_ISSUER: required when STUDIO_AUTH=oidc");
    if (!e.OIDC_CLIENT_ID) throw new ConfigError("Invalid configuration: OIDC_CLIENT_ID: required when STUDIO_AUTH=oidc");
    if (!e.STUDIO_SESSION_SECRET || e.STUDIO_SESSION_SECRET.length < 32) {
      throw new ConfigError("Invalid configuration: STUDIO_SESSION_SECRET: at least 32 characters are required when STUDIO_AUTH=oidc");
    }
    return {
      mode: "oidc",
      sessionDays: e.STUDIO_SESSION_DAYS,
      sessionSecret: e.STUDIO_SESSION_SECRET,
      issuer: e.OIDC_ISSUER,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      redirectUrl: e.OIDC_REDIRECT_URL,
      admins: nameList(e.STUDIO_ADMINS),
    };
  }
  if (e.STUDIO_AUTH === "password") {
    if (!e.STUDIO_PASSWORD) throw new ConfigError("Invalid configuration: STUDIO_PASSWORD: required when STUDIO_AUTH=password");
    if (!e.STUDIO_SESSION_SECRET || e.STUDIO_SESSION_SECRET.length < 32) {
      throw new ConfigError("Invalid configuration: STUDIO_SESSION_SECRET: at least 32 characters are required when STUDIO_AUTH=password");
    }
    return { mode: "password", password: e.STUDIO_PASSWORD, sessionSecret: e.STUDIO_SESSION_SECRET, sessionDays: e.STUDIO_SESSION_DAYS, admins: nameList(e.STUDIO_ADMINS) };
  }
  if (e.STUDIO_AUTH === "header") {
    if (!e.STUDIO_USER_HEADER || !/^[A-Za-z0-9-]+$/.test(e.STUDIO_USER_HEADER)) {
      throw new ConfigError("Invalid configuration: STUDIO_USER_HEADER: a header name (e.g. X-Forwarded-User) is required when STUDIO_AUTH=header");
    }
    return { mode: "header", userHeader: e.STUDIO_USER_HEADER.toLowerCase(), admins: nameList(e.STUDIO_ADMINS) };
  }
  return { mode: "none" };
}

let cached: StudioConfig | undefined;

export function getConfig(): StudioConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
