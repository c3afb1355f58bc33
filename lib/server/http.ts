import "server-only";
import { getConfig } from "@/lib/config";
import { StudioError, errorBody, toStudioError } from "@/lib/errors";
import { readCappedBody } from "@/lib/read-capped";
import { sizeText } from "./body-limit";

/** The one error body of studio-api.md, with Retry-After where it applies. */
export function errorResponse(error: unknown): Response {
  const studio = toStudioError(error);
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (studio.extra.retryAfterSeconds !== undefined) headers["retry-after"] = String(studio.extra.retryAfterSeconds);
  return Response.json(errorBody(studio), { status: studio.status, headers });
}

export function json(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(data, { status: init.status ?? 200, headers: { "cache-control": "no-store", ...init.headers } });
}

/**
 * Reads a JSON body; one over the limit is refused with 413 (see
 * readCappedBody). The route's own limit (lib/server/route.ts, 16 KB unless
 * it says more) already cuts the body off; `limitBytes` can only be tighter.
 */
export async function readJsonBody(request: Request, limitBytes = getConfig().bodyLimitBytes): Promise<unknown> {
  const body = await readOptionalJsonBody(request, limitBytes);
  if (body === undefined) throw new StudioError("invalid_request", "The request needs a JSON body");
  return body;
}

/** As readJsonBody, for routes whose body may be left out: undefined then. */
export async function readOptionalJsonBody(request: Request, limitBytes = getConfig().bodyLimitBytes): Promise<unknown> {
  const body = await readCappedBody(request, limitBytes);
  if (body === "too_large") {
    throw new StudioError("payload_too_large", `The request body is larger than ${sizeText(limitBytes)}, the most this request takes`);
  }
  const text = body.toString("utf8");
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new StudioError("invalid_request", "The request body is not valid JSON");
  }
}

/** Query string → plain object for zod (repeated keys: the last wins). */
export function searchParamsObject(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams.entries());
}
