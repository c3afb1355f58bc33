import "server-only";
import { getConfig } from "@/lib/config";
import { StudioError } from "@/lib/errors";

// Each route reads at most the body it can use: a few fields of
// JSON need kilobytes, not the 40 MB that POST /api/generations may need for
// five data-URL references. The limit is the route's (lib/server/route.ts
// applies it), so no way of reading the body, JSON, a form or raw bytes, can
// take more.

/** What a small JSON route takes when it says nothing else: names, flags, a password, a few ids. */
export const JSON_BODY_LIMIT = 16 * 1024;

export type RouteBody = {
  /**
   * The most this route reads, in bytes (default JSON_BODY_LIMIT);
   * "configured": STUDIO_BODY_LIMIT_BYTES, which also caps every other value.
   */
  maxBodyBytes?: number | "configured";
  /** Said with the 413 instead of the generic "larger than N KB". */
  tooLargeMessage?: string;
};

/** 16 KB, 7.1 MB: the limit as a person reads it. */
export function sizeText(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb) return `${Math.round((bytes / mb) * 10) / 10} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** The route's limit in bytes, never above STUDIO_BODY_LIMIT_BYTES. */
export function bodyLimitOf(body: RouteBody): number {
  const configured = getConfig().bodyLimitBytes;
  const wanted = body.maxBodyBytes ?? JSON_BODY_LIMIT;
  return wanted === "configured" ? configured : Math.min(wanted, configured);
}

/**
 * The request as the handler gets it, its body cut off at `maxBytes`: a
 * declared Content-Length above it is refused before a byte is read; a body
 * that runs past it (chunked, or longer than declared) errors the stream as
 * soon as it does, the rest is never pulled, and whoever reads it gets the
 * 413 error.
 */
export function limitRequestBody(request: Request, limit: { maxBytes: number; tooLargeMessage?: string }): Request {
  const tooLarge = () =>
    new StudioError("payload_too_large", limit.tooLargeMessage ?? `The request body is larger than ${sizeText(limit.maxBytes)}, the most this request takes`);
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit.maxBytes) {
    request.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!request.body) return request;
  let seen = 0;
  const capped = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        // Erroring the stream cancels its source: nothing more is read from the client.
        if (seen > limit.maxBytes) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request, { body: capped, duplex: "half" } as RequestInit);
}
