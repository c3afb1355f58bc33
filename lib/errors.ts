import "server-only";
import { brand } from "@/lib/brand";
import type { z } from "zod";
import type { ErrorBody, ErrorCode } from "@/lib/contract";
import { GatewayError } from "@/lib/gateway";
import { logger } from "@/lib/log";

// One error type for the studio's API. Its code decides the HTTP status; its
// message is for a person. Anything else thrown is logged and answered as a
// plain 500 without detail.

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  idempotency_key_reused: 422,
  quota_exceeded: 429,
  rate_limited: 429,
  upstream_error: 502,
  upstream_unavailable: 503,
  internal_error: 500,
};

const STUDIOERROR_BRAND = brand("StudioError");

export class StudioError extends Error {
  /** True for a StudioError from any bundled copy of this module (see lib/brand.ts). */
  static is(value: unknown): value is StudioError {
    return STUDIOERROR_BRAND.is(value);
  }
  override name = "StudioError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { issues?: { path: string; message: string }[]; retryAfterSeconds?: number; limit?: string; resetsAt?: string } = {},
  ) {
    super(message);
    STUDIOERROR_BRAND.mark(this);
  }
  get status(): number {
    return STATUS[this.code];
  }
}

/** A zod failure → invalid_request listing each problem with its path. */
export function validationError(error: z.ZodError, what = "request"): StudioError {
  const issues = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const first = issues[0];
  const message = first ? `Invalid ${what}: ${first.path ? `${first.path}: ` : ""}${first.message}` : `Invalid ${what}`;
  return new StudioError("invalid_request", message, { issues });
}

/** What a gateway refusal means for the person who asked. */
export function fromGatewayError(error: GatewayError): StudioError {
  switch (error.kind) {
    case "invalid":
      return new StudioError("invalid_request", error.message);
    case "rate_limited":
      return new StudioError("rate_limited", error.message, { retryAfterSeconds: Math.ceil(error.retryAfterSeconds ?? 15) });
    case "auth":
    case "quota":
    case "not_found":
      return new StudioError("upstream_error", error.message);
    case "malformed":
    case "unavailable":
      return error.outcomeUnknown
        ? new StudioError("upstream_error", error.message)
        : new StudioError("upstream_unavailable", error.message);
  }
}

export function errorBody(error: StudioError): ErrorBody {
  const { issues, limit, resetsAt } = error.extra;
  return { error: { code: error.code, message: error.message, ...(issues ? { issues } : {}), ...(limit ? { limit } : {}), ...(resetsAt ? { resetsAt } : {}) } };
}

export function toStudioError(error: unknown): StudioError {
  if (StudioError.is(error)) return error;
  if (GatewayError.is(error)) return fromGatewayError(error);
  logger.error({ err: error }, "unexpected error");
  return new StudioError("internal_error", "Something went wrong on the studio's side. The error was logged.");
}
