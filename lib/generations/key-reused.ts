import "server-only";
import { brand } from "@/lib/brand";

const KEY_REUSED_BRAND = brand("IdempotencyKeyReused");

/**
 * An idempotency key sent again, within its life, with a different request
 * (only callers that pass a request hash can meet it: /v1). The first
 * request's pictures are not this one's answer, and nothing new is made.
 */
export class IdempotencyKeyReused extends Error {
  static is(value: unknown): value is IdempotencyKeyReused {
    return KEY_REUSED_BRAND.is(value);
  }
  override name = "IdempotencyKeyReused";
  constructor() {
    super("The idempotency key was already used with a different request");
    KEY_REUSED_BRAND.mark(this);
  }
}
