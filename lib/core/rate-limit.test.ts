import { describe, expect, it } from "vitest";
import { createRateLimiter, createSharedRateLimiter } from "./rate-limit";

describe("createRateLimiter", () => {
  const minute = 60_000;
  const t0 = 1_800_000_000_000; // on a minute boundary

  it("allows `limit` per key per window, then refuses until the window turns, saying how long", () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: minute });
    for (let i = 0; i < 3; i++) expect(limiter.take("a", t0 + i)).toEqual({ allowed: true });
    expect(limiter.take("a", t0 + 15_000)).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(limiter.take("a", t0 + minute - 200)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take("b", t0 + 20_000)).toEqual({ allowed: true });
    expect(limiter.take("a", t0 + minute)).toEqual({ allowed: true });
  });

  it("past maxKeys in one window, newcomers share one bucket; known keys keep their own", () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: minute, maxKeys: 2 });
    expect(limiter.take("a", t0).allowed).toBe(true);
    expect(limiter.take("b", t0).allowed).toBe(true);
    expect(limiter.take("c", t0).allowed).toBe(true);
    expect(limiter.take("d", t0).allowed).toBe(true);
    expect(limiter.take("e", t0).allowed).toBe(false);
    expect(limiter.take("a", t0).allowed).toBe(true);
    // A new window forgets them all.
    expect(limiter.take("e", t0 + minute).allowed).toBe(true);
  });
});

// The shared limiter counts in the database (rate_counters);
// the behaviour on both engines is in lib/shares/throttle.test.ts. Here, with
// a counter store in memory: what it asks the database, and when.
describe("createSharedRateLimiter", () => {
  const minute = 60_000;
  const t0 = 1_800_000_000_000;

  function countersInMemory() {
    const counts = new Map<string, number>();
    const calls = { increments: 0, prunes: [] as number[] };
    return {
      calls,
      counts,
      async incrementRateCounter(input: { key: string; windowStart: number }) {
        calls.increments++;
        const key = `${input.key}@${input.windowStart}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        return counts.get(key)!;
      },
      async deleteRateCountersBefore(windowStart: number) {
        calls.prunes.push(windowStart);
        return 0;
      },
    };
  }

  it("decides by the shared count, named per limiter, saying how long until the window turns", async () => {
    const counters = countersInMemory();
    // Another instance already took two of three.
    counters.counts.set(`share-page:a@${t0}`, 2);
    const limiter = createSharedRateLimiter({ name: "share-page", limit: 3, windowMs: minute, counters });
    expect(await limiter.take("a", t0 + 1_000)).toEqual({ allowed: true });
    expect(await limiter.take("a", t0 + 15_000)).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(await limiter.take("a", t0 + minute)).toEqual({ allowed: true });
  });

  it("a refusal by this instance's own count asks the database nothing: a flood costs at most `limit` writes a window per instance", async () => {
    const counters = countersInMemory();
    const limiter = createSharedRateLimiter({ name: "share-page", limit: 3, windowMs: minute, counters });
    for (let i = 0; i < 100; i++) await limiter.take("a", t0 + i);
    expect(counters.calls.increments).toBe(3);
    expect(await limiter.take("a", t0 + 200)).toMatchObject({ allowed: false });
  });

  it("forgets windows before the previous one, once per window per instance", async () => {
    const counters = countersInMemory();
    const limiter = createSharedRateLimiter({ name: "share-page", limit: 3, windowMs: minute, counters });
    for (let i = 0; i < 5; i++) await limiter.take(`k${i}`, t0 + i);
    await limiter.take("a", t0 + minute + 5);
    expect(counters.calls.prunes).toEqual([t0 - minute, t0]);
  });

  it("when the database cannot count, this instance's own count decides (the page stays up)", async () => {
    const errors: unknown[] = [];
    const broken = {
      incrementRateCounter: async () => Promise.reject(new Error("connection refused")),
      deleteRateCountersBefore: async () => Promise.reject(new Error("connection refused")),
    };
    const limiter = createSharedRateLimiter({ name: "share-page", limit: 2, windowMs: minute, counters: broken, onError: (e) => errors.push(e) });
    expect(await limiter.take("a", t0)).toEqual({ allowed: true });
    expect(await limiter.take("a", t0 + 1)).toEqual({ allowed: true });
    expect(await limiter.take("a", t0 + 2)).toMatchObject({ allowed: false });
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.length).toBeGreaterThanOrEqual(2);
  });
});
