import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit";

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
