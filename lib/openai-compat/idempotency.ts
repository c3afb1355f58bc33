import "server-only";
import { createHash } from "node:crypto";
import { openAiIdempotencyKeySchema, type OpenAiImageRequest } from "@/lib/contract";
import { invalidParam } from "./errors";

// `Idempotency-Key` on /v1/images/* (the header of Stripe-style APIs and of
// the IETF draft "The Idempotency-Key HTTP Header Field"): a client that
// retries after a proxy's 504, or sends twice, gets the first request's
// pictures instead of a second paid batch. The key is the person's and lives
// 24 h (lib/generations/create.ts); the request it came with is kept as a
// SHA-256 digest, so the same key with another request can be refused (422).

/**
 * /v1's keys share a table with POST /api/generations' `idempotencyKey`.
 * Those are trimmed (lib/contract.ts), so none starts with a space: under
 * this prefix a /v1 key can never be taken for one of them, or the other way round.
 */
const V1_KEY_PREFIX = " v1:";

/** The request's key as stored (namespaced), or undefined without the header; 400 for an unusable one. */
export function idempotencyKeyOf(request: Request): string | undefined {
  const raw = request.headers.get("idempotency-key");
  if (raw === null) return undefined;
  const key = openAiIdempotencyKeySchema.safeParse(raw);
  if (!key.success) throw invalidParam(null, key.error.issues[0].message, "invalid_idempotency_key");
  return V1_KEY_PREFIX + key.data;
}

/**
 * What the request asked for, as one digest: the endpoint, every field as
 * parsed (so `{"n":1}` and a left-out `n` are the same request, and the order
 * of the fields does not matter) and, for edits, the SHA-256 of each picture in order.
 */
export function requestHashOf(input: { endpoint: "images.generations" | "images.edits"; params: OpenAiImageRequest; images?: string[] }): string {
  const params = Object.fromEntries(Object.entries(input.params).filter(([, value]) => value !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
  const canonical = JSON.stringify({ endpoint: input.endpoint, params, images: input.images ?? [] });
  return createHash("sha256").update(canonical).digest("hex");
}
