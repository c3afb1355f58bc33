import "server-only";
import type { StudioDatabase } from "@/lib/db/types";

// Fixed-window request counters per key (a client address).
//
// createRateLimiter counts in this instance's memory: behind a load balancer
// with N instances an address could make N times the limit. The share pages
// (lib/shares/throttle.ts) use createSharedRateLimiter, which counts in the
// database every instance shares (rate_counters, one upsert per request), with
// this instance's own count in front of it.

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type RateLimiter = { take(key: string, now?: number): RateDecision };

const retryAfter = (windowStart: number, windowMs: number, now: number) => Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));

/**
 * At most `limit` takes per key in each window of `windowMs`, in memory. Counts
 * are forgotten when the window turns, so memory holds one window's keys; past
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
      return { allowed: false, retryAfterSeconds: retryAfter(start, input.windowMs, now) };
    },
  };
}

/** What a shared limiter needs of the database. */
export type RateCounters = Pick<StudioDatabase, "incrementRateCounter" | "deleteRateCountersBefore">;

export type SharedRateLimiter = { take(key: string, now?: number): Promise<RateDecision> };

/**
 * At most `limit` takes per key in each window of `windowMs` over every
 * instance sharing `counters`: each take is one atomic upsert-and-count in the
 * database (keys are `name:key`, so limiters sharing a table never meet).
 *
 * This instance's own count comes first. It never exceeds the shared one, so
 * a refusal here is a refusal everywhere and costs no write: a flood from one
 * address makes at most `limit` writes a window per instance. When the
 * database cannot count, the own count decides (the page stays up, limited
 * per instance as before) and `onError` hears why. Once per window, windows
 * before the previous one are deleted — every key's, by start time alone: all
 * limiters sharing the table must use the same window length (one minute today).
 */
export function createSharedRateLimiter(input: {
  name: string;
  limit: number;
  windowMs: number;
  counters: RateCounters;
  maxKeys?: number;
  onError?: (error: unknown) => void;
}): SharedRateLimiter {
  const own = createRateLimiter(input);
  const onError = input.onError ?? (() => undefined);
  let prunedFor = 0;
  return {
    async take(key, now = Date.now()) {
      const mine = own.take(key, now);
      if (!mine.allowed) return mine;
      const windowStart = now - (now % input.windowMs);
      if (windowStart !== prunedFor) {
        prunedFor = windowStart;
        // Not awaited: a delete must not hold up a page.
        void input.counters.deleteRateCountersBefore(windowStart - input.windowMs).catch(onError);
      }
      let count: number;
      try {
        count = await input.counters.incrementRateCounter({ key: `${input.name}:${key}`, windowStart });
      } catch (error) {
        onError(error);
        return mine;
      }
      if (count <= input.limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: retryAfter(windowStart, input.windowMs, now) };
    },
  };
}
