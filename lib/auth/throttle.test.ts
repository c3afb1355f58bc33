import { afterEach, describe, expect, it } from "vitest";
import { testDeps } from "@/lib/testing/deps";
import { throttledPasswordCheck } from "./throttle";

const limits = { perAccount: 3, perAddress: 5, windowMs: 60_000 };
const T = 1_900_000_000_000;

let env: ReturnType<typeof testDeps>;
afterEach(() => env?.cleanup());

describe("throttledPasswordCheck", () => {
  it("waits longer after each failure of the account, answers 429 past the limit with the time until the oldest expires", async () => {
    env = testDeps();
    const waits: number[] = [];
    const attempt = (input: { account: string; right: boolean; now: number }) =>
      throttledPasswordCheck({
        db: env.deps.db,
        account: input.account,
        address: "192.0.2.1",
        limits,
        now: input.now,
        delay: async (ms) => void waits.push(ms),
        check: async () => (input.right ? "opened" : undefined),
      });
    for (let i = 0; i < 3; i++) expect(await attempt({ account: "root", right: false, now: T + i * 1000 })).toBeUndefined();
    expect(waits).toEqual([400, 800, 1200]);
    // The oldest failure (at T) counts until T + 60 s: 50 s from T + 10 s.
    await expect(attempt({ account: "root", right: true, now: T + 10_000 })).rejects.toMatchObject({ code: "rate_limited", extra: { retryAfterSeconds: 51 } });
    // Another account at the address: its own count, and a success clears only its own.
    expect(await attempt({ account: "alice", right: false, now: T + 10_000 })).toBeUndefined();
    expect(await attempt({ account: "alice", right: true, now: T + 11_000 })).toBe("opened");
    await expect(attempt({ account: "root", right: true, now: T + 12_000 })).rejects.toMatchObject({ code: "rate_limited" });
    expect(await attempt({ account: "root", right: true, now: T + 60_001 })).toBe("opened");
    // Past the address's limit over all accounts (5), any name waits.
    for (const name of ["a", "b", "c", "d", "e"]) await attempt({ account: name, right: false, now: T + 70_000 });
    await expect(attempt({ account: "f", right: true, now: T + 70_000 })).rejects.toMatchObject({ code: "rate_limited" });
  });
});
