import "server-only";
import { decodeDataUrl } from "@/lib/data-url";
import type { ImageContentType } from "./inspect";

// Reference pictures arrive as base64 data URLs (the gateway's own format).
// The declared type is returned for logging only: callers decide what the
// bytes are with inspectImage, never with this.

// Strict on purpose: one image MIME type, ";base64", canonical base64 with
// padding. Buffer.from(…, "base64") silently skips junk, so the shape is
// checked here rather than trusted to the decoder.
const DATA_URL = /^data:(image\/[a-z0-9][a-z0-9.+-]*);base64,([A-Za-z0-9+/]*={0,2})$/i;

export function parseImageDataUrl(url: string): { declaredType: string; bytes: Buffer } | undefined {
  if (typeof url !== "string") return undefined;
  const match = DATA_URL.exec(url);
  if (!match) return undefined;
  const data = match[2];
  if (data.length === 0 || data.length % 4 !== 0) return undefined;
  const decoded = decodeDataUrl(url);
  return decoded && { declaredType: decoded.contentType, bytes: decoded.bytes };
}

export function toDataUrl(bytes: Buffer, contentType: ImageContentType): string {
  return `data:${contentType};base64,${bytes.toString("base64")}`;
}
