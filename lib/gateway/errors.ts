import "server-only";
import { brand } from "@/lib/brand";

// One error type for everything the gateway can say "no" with. `kind` decides
// what the studio does next (retry, stop, tell the person); `message` is for a
// person and carries the gateway's own words when it had any.

export type GatewayErrorKind =
  | "auth" // 401, 403: bad, disabled or exhausted key, or model not allowed
  | "quota" // 402, insufficient_user_quota, quota / 余额 / 额度 messages
  | "rate_limited" // 429
  | "not_found" // task_not_exist, 404 on a poll, expired result URL
  | "invalid" // other 400 / 413 / 422: the request itself was refused
  | "unavailable" // 5xx (incl. model_not_found), network error, timeout
  | "malformed"; // a 2xx whose body we could not read

const GATEWAYERROR_BRAND = brand("GatewayError");

export class GatewayError extends Error {
  /** True for a GatewayError from any bundled copy of this module (see lib/brand.ts). */
  static is(value: unknown): value is GatewayError {
    return GATEWAYERROR_BRAND.is(value);
  }
  override name = "GatewayError";
  readonly kind: GatewayErrorKind;
  readonly status: number | undefined;
  /** The gateway's own code (`task_not_exist`, `model_not_found`…) when it sent one. */
  readonly code: string | undefined;
  /** Seconds the gateway asked us to wait (429 / 503 `Retry-After`). */
  readonly retryAfterSeconds: number | undefined;
  /**
   * A submit whose answer never arrived: the task may exist and be billed.
   * Only ever true for `submit`; the caller must not resend on its own.
   */
  readonly outcomeUnknown: boolean;

  constructor(init: {
    kind: GatewayErrorKind;
    message: string;
    status?: number;
    code?: string;
    retryAfterSeconds?: number;
    outcomeUnknown?: boolean;
  }) {
    super(init.message);
    GATEWAYERROR_BRAND.mark(this);
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }

  /** Worth asking again later (polls only; submits are never resent). */
  get transient(): boolean {
    return this.kind === "unavailable" || this.kind === "rate_limited" || this.kind === "malformed";
  }
}

const QUOTA_PATTERN = /quota|余额|额度|insufficient|balance|credit/i;

/** What the gateway said, from any of its three error shapes. */
export function readErrorBody(text: string): { message?: string; code?: string; type?: string } {
  const trimmed = text.trim();
  if (!trimmed) return {};
  try {
    const body = JSON.parse(trimmed) as unknown;
    if (body && typeof body === "object") {
      const b = body as Record<string, unknown>;
      // OpenAI style: { error: { message, type, code } } — or error as a plain string.
      if (typeof b.error === "string") return { message: b.error };
      if (b.error && typeof b.error === "object") {
        const e = b.error as Record<string, unknown>;
        return { message: str(e.message), code: str(e.code), type: str(e.type) };
      }
      // new-api task style, flat: { code, message, data }
      return { message: str(b.message) ?? str(b.msg) ?? str(b.detail), code: str(b.code) };
    }
  } catch {
    // Not JSON: a proxy's text or HTML page.
  }
  return { message: plainText(trimmed) };
}

function str(v: unknown): string | undefined {
  if (typeof v === "string" && v.trim()) return v.trim();
  if (typeof v === "number") return String(v);
  return undefined;
}

/** A proxy's HTML page reduced to its words, short enough to show. */
function plainText(html: string): string | undefined {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1];
  const h1 = /<h1[^>]*>([^<]*)<\/h1>/i.exec(html)?.[1];
  const words = (title || h1 || html.replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim();
  return words ? words.slice(0, 200) : undefined;
}

export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  if (Number.isFinite(date)) return Math.max(0, (date - now) / 1000);
  return undefined;
}

/** Map one non-2xx answer to a GatewayError. `during` changes what a 404 means. */
export function errorFromResponse(input: {
  status: number;
  bodyText: string;
  retryAfter: string | null;
  during: "submit" | "poll" | "result";
}): GatewayError {
  const { status, during } = input;
  const said = readErrorBody(input.bodyText);
  const code = said.code;
  const retryAfterSeconds = parseRetryAfter(input.retryAfter);
  const base = { status, code, retryAfterSeconds };
  const their = said.message ? `: ${said.message}` : "";

  // A CDN answers an expired signed link with 403 or 404: the file is gone, not our key.
  if (during === "result" && [401, 403, 404, 410].includes(status)) {
    return new GatewayError({ ...base, kind: "not_found", message: `The result is no longer available${their}` });
  }
  if (code === "task_not_exist" || (status === 404 && during === "poll")) {
    return new GatewayError({ ...base, kind: "not_found", message: `The gateway does not know this task${their}` });
  }
  if (status === 402 || code === "insufficient_user_quota" || (status < 500 && QUOTA_PATTERN.test(said.message ?? ""))) {
    return new GatewayError({ ...base, kind: "quota", message: `The gateway account is out of credit${their}` });
  }
  if (status === 401) {
    return new GatewayError({
      ...base,
      kind: "auth",
      message: `The gateway refused the key; check the key or its balance${their}`,
    });
  }
  if (status === 403) {
    return new GatewayError({ ...base, kind: "auth", message: `The gateway does not allow this request${their}` });
  }
  if (status === 429) {
    return new GatewayError({ ...base, kind: "rate_limited", message: `The gateway is busy; try again shortly${their}` });
  }
  if (status >= 500) {
    const what = code === "model_not_found" ? "No gateway channel serves this model" : "The gateway is unavailable";
    return new GatewayError({ ...base, kind: "unavailable", message: `${what} (HTTP ${status})${their}` });
  }
  return new GatewayError({ ...base, kind: "invalid", message: `The gateway refused the request (HTTP ${status})${their}` });
}
