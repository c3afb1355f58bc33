import "server-only";

// A fixed-window request counter per key (a client address), in memory. It is
// per instance: behind a load balancer with N instances an address may make up
// to N times the limit, which is still enough to stop a flood or a scrape; a
// shared counter would cost a database write per page view.

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type RateLimiter = { take(key: string, now?: number): RateDecision };

/**
 * At most `limit` takes per key in each window of `windowMs`. Counts are
 * forgotten when the window turns, so memory holds one window's keys; past
 * `maxKeys` distinct keys in one window (a flood from many addresses), the
 * newcomers share a single bucket instead of growing the map.
 */
export function createRateLimiter(input: { limit: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const maxKeys = input.maxKeys ?? 50_000;
  let windowStart = 0;
  const counts = new Map<string, number>();
  return {
    take(key, now = Date.now()) {
      const start = now - (now % input.windowMs);
      if (start !== windowStart) {
        windowStart = start;
        counts.clear();
      }
      const bucket = counts.has(key) || counts.size < maxKeys ? key : "\0overflow";
      const count = (counts.get(bucket) ?? 0) + 1;
      counts.set(bucket, count);
      if (count <= input.limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((start + input.windowMs - now) / 1000)) };
    },
  };
}
