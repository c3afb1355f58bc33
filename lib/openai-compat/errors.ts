import "server-only";
import type { z } from "zod";
import type { openAiErrorSchema } from "@/lib/contract";
import { toStudioError, StudioError } from "@/lib/errors";
import { brand } from "@/lib/brand";
import { IdempotencyKeyReused } from "@/lib/generations/key-reused";

// Errors of /v1 in OpenAI's own shape, `{ error: { message, type, code, param } }`,
// so every OpenAI client shows the message and raises its usual error class
// (the SDKs pick the class by status: 400 BadRequestError, 401
// AuthenticationError, 429 RateLimitError…).

export type OpenAiErrorBody = z.infer<typeof openAiErrorSchema>;

const OPENAI_ERROR_BRAND = brand("OpenAiError");

export class OpenAiError extends Error {
  static is(value: unknown): value is OpenAiError {
    return OPENAI_ERROR_BRAND.is(value);
  }
  override name = "OpenAiError";
  constructor(
    readonly status: number,
    message: string,
    readonly fields: { type: string; code: string | null; param?: string | null; retryAfterSeconds?: number; retry?: boolean },
  ) {
    super(message);
    OPENAI_ERROR_BRAND.mark(this);
  }
}

/** A 400 naming the request field at fault. */
export const invalidParam = (param: string | null, message: string, code = "invalid_value") =>
  new OpenAiError(400, message, { type: "invalid_request_error", code, param });

/** The studio's field names (and reference paths like `references.2`) as the OpenAI request names them. */
const PARAM_OF: Record<string, string> = {
  model: "model",
  prompt: "prompt",
  count: "n",
  aspectRatio: "aspect_ratio",
  imageSize: "image_size",
  references: "image",
  file: "image",
};

function paramOf(error: StudioError): string | null {
  const path = error.extra.issues?.[0]?.path;
  if (!path) return null;
  return PARAM_OF[path.split(".")[0]] ?? path;
}

/** Any StudioError (or anything else thrown) as OpenAI's error. */
export function fromStudio(error: StudioError): OpenAiError {
  const retryAfterSeconds = error.extra.retryAfterSeconds;
  switch (error.code) {
    case "invalid_request":
      return new OpenAiError(400, error.message, { type: "invalid_request_error", code: "invalid_value", param: paramOf(error) });
    case "idempotency_key_reused":
      return keyReused();
    case "payload_too_large":
      return new OpenAiError(413, error.message, { type: "invalid_request_error", code: "request_too_large", param: paramOf(error) });
    case "unauthorized":
      return new OpenAiError(401, error.message, { type: "authentication_error", code: "invalid_api_key" });
    case "forbidden":
      return new OpenAiError(403, error.message, { type: "permission_error", code: "forbidden" });
    case "not_found":
      return new OpenAiError(404, error.message, { type: "not_found_error", code: "not_found" });
    case "quota_exceeded":
      // A daily limit or a month's budget: trying again within seconds cannot help.
      return new OpenAiError(429, error.message, { type: "rate_limit_error", code: "quota_exceeded", retryAfterSeconds, retry: false });
    case "rate_limited":
      // Too many in flight (nothing was created): a retry after Retry-After may pass.
      return new OpenAiError(429, error.message, { type: "rate_limit_error", code: "rate_limit_exceeded", retryAfterSeconds, retry: true });
    case "upstream_error":
      return new OpenAiError(502, error.message, { type: "upstream_error", code: "upstream_error" });
    case "upstream_unavailable":
      return new OpenAiError(503, error.message, { type: "server_error", code: "upstream_unavailable" });
    case "internal_error":
      return new OpenAiError(500, error.message, { type: "server_error", code: "internal_error" });
  }
}

/** 422: the key's first request was another one. Not retried: the same request would meet the same answer. */
const keyReused = () =>
  new OpenAiError(
    422,
    "This Idempotency-Key was already used in the last 24 hours with a different request (another prompt, setting or picture). " +
      "Send exactly the same request to get its pictures again, or use a new key for a new request.",
    { type: "invalid_request_error", code: "idempotency_key_reused", param: null },
  );

export function toOpenAiError(error: unknown): OpenAiError {
  if (OpenAiError.is(error)) return error;
  if (IdempotencyKeyReused.is(error)) return keyReused();
  return fromStudio(toStudioError(error));
}

/**
 * The answer for an error. `x-should-retry: false` unless a retry is known to
 * be harmless: the SDKs retry 5xx and 429 on their own, and a resent request
 * here makes (and bills) new pictures.
 */
export function openAiErrorResponse(error: unknown): Response {
  const e = toOpenAiError(error);
  const body: OpenAiErrorBody = { error: { message: e.message, type: e.fields.type, code: e.fields.code, param: e.fields.param ?? null } };
  const headers: Record<string, string> = { "cache-control": "no-store", "x-should-retry": e.fields.retry ? "true" : "false" };
  if (e.fields.retryAfterSeconds !== undefined) headers["retry-after"] = String(e.fields.retryAfterSeconds);
  if (e.status === 401) headers["www-authenticate"] = 'Bearer realm="nano-studio"';
  return Response.json(body, { status: e.status, headers });
}
