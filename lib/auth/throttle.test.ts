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

  it("a known device is counted on its own: past the address's limit it still gets in, and its own failures lock only it", async () => {
    env = testDeps();
    const attempt = (input: { account: string; right: boolean; now: number; device?: string }) =>
      throttledPasswordCheck({
        db: env.deps.db,
        account: input.account,
        address: "192.0.2.2",
        device: input.device,
        limits,
        now: input.now,
        delay: async () => {},
        check: async () => (input.right ? "opened" : undefined),
      });
    for (const name of ["a", "b", "c", "d", "e"]) await attempt({ account: name, right: false, now: T });
    await expect(attempt({ account: "alice", right: true, now: T + 1 })).rejects.toMatchObject({ code: "rate_limited" });
    expect(await attempt({ account: "alice", right: true, now: T + 2, device: "alices-laptop" })).toBe("opened");
    // The device's wrong passwords: three (perAccount), then it waits, with a message about the browser.
    for (let i = 0; i < 3; i++) expect(await attempt({ account: "alice", right: false, now: T + 10 + i, device: "alices-laptop" })).toBeUndefined();
    await expect(attempt({ account: "alice", right: true, now: T + 20, device: "alices-laptop" })).rejects.toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(/from this browser/),
    });
    // Another device of hers is not counted with it; after the window the first one is in again.
    expect(await attempt({ account: "alice", right: true, now: T + 21, device: "alices-phone" })).toBe("opened");
    expect(await attempt({ account: "alice", right: true, now: T + 11 + limits.windowMs, device: "alices-laptop" })).toBe("opened");
  });
});
