import { newIdempotencyKey } from "@/lib/client/idempotency-key";

// One idempotency key per failed generation, kept for the page's life (not
// the card's: a filter change unmounts cards) so that a double click, a
// resent request or a second press on the same card is one retry, not two.
const keys = new Map<string, string>();

export function retryKeyFor(id: string): string {
  let key = keys.get(id);
  if (!key) {
    key = newIdempotencyKey();
    keys.set(id, key);
  }
  return key;
}

/** After a refusal that made nothing (a 4xx), the next press may start afresh. */
export function forgetRetryKey(id: string): void {
  keys.delete(id);
}
