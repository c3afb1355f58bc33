import { describe, expect, it } from "vitest";
import { T0 } from "@/lib/db/shared/test-rows";
import { secondOf, type ContractOptions } from "./context";

// The sign-in throttle's rows: wrong passwords counted per account
// at an address and per address over all accounts; a password check claims
// its row before it runs, so parallel checks see each other.

const LIMITS = { perAccount: 5, perAddress: 50 };
const WINDOW = 15 * 60_000;
const claim = (input: { account: string; address: string; at?: number }) => ({
  ...LIMITS,
  account: input.account,
  address: input.address,
  at: input.at ?? T0,
  since: (input.at ?? T0) - WINDOW,
});

export function describeLoginFailures(options: ContractOptions): void {
  const { open } = options;

  describe("login failures", () => {
    it("counts an address's failures, and one account's at it, from a time on, the same on every connection", async () => {
      const fixture = await open();
      const { db } = fixture;
      const other = await secondOf(fixture);
      for (const at of [T0 - 10, T0, T0 + 5]) await db.recordLoginFailure({ account: "root", address: "10.0.0.1", at });
      await other.recordLoginFailure({ account: "alice", address: "10.0.0.1", at: T0 + 6 });
      await other.recordLoginFailure({ account: "root", address: "10.0.0.2", at: T0 - 100 });
      // The same failure twice counts twice.
      await other.recordLoginFailure({ account: "root", address: "10.0.0.3", at: T0 + 1 });
      await other.recordLoginFailure({ account: "root", address: "10.0.0.3", at: T0 + 1 });
      expect(await other.countLoginFailures({ address: "10.0.0.1", since: T0 })).toBe(3);
      expect(await db.countLoginFailures({ address: "10.0.0.1", since: T0 - 10 })).toBe(4);
      expect(await db.countLoginFailures({ address: "10.0.0.1", account: "root", since: T0 - 10 })).toBe(3);
      expect(await db.countLoginFailures({ address: "10.0.0.1", account: "alice", since: 0 })).toBe(1);
      expect(await db.countLoginFailures({ address: "10.0.0.2", since: T0 - 1000 })).toBe(1);
      expect(await db.countLoginFailures({ address: "10.0.0.3", since: 0 })).toBe(2);
      expect(await db.countLoginFailures({ address: "10.9.9.9", since: 0 })).toBe(0);
    });

    it("a right password forgets only its own account's failures at that address, and everyone's old ones", async () => {
      const { db } = await open();
      for (const at of [T0 - 10, T0, T0 + 5]) await db.recordLoginFailure({ account: "root", address: "10.0.0.1", at });
      await db.recordLoginFailure({ account: "alice", address: "10.0.0.1", at: T0 + 6 });
      await db.recordLoginFailure({ account: "alice", address: "10.0.0.4", at: T0 + 6 });
      await db.recordLoginFailure({ account: "bob", address: "10.0.0.2", at: T0 - 100 });

      await db.clearLoginFailures({ account: "alice", address: "10.0.0.1", olderThan: T0 });
      // Alice's at 10.0.0.1 are gone; root's there stay (but the one older than the cut-off);
      // alice's at another address stay; bob's old one is gone.
      expect(await db.countLoginFailures({ address: "10.0.0.1", account: "alice", since: 0 })).toBe(0);
      expect(await db.countLoginFailures({ address: "10.0.0.1", account: "root", since: 0 })).toBe(2);
      expect(await db.countLoginFailures({ address: "10.0.0.4", account: "alice", since: 0 })).toBe(1);
      expect(await db.countLoginFailures({ address: "10.0.0.2", since: 0 })).toBe(0);
    });

    it("a claim is refused past the account's limit at the address, and another account there still gets its own", async () => {
      const { db } = await open();
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await db.claimLoginAttempt(claim({ account: "bob", address: "10.0.0.1", at: T0 + i })));
      expect(answers.slice(0, 5).map((a) => a.allowed)).toEqual([true, true, true, true, true]);
      // Each claim said how many failures came before it (the sign-in waits longer for each).
      expect(answers.slice(0, 5).map((a) => (a.allowed ? a.failures : -1))).toEqual([0, 1, 2, 3, 4]);
      // Refused until the oldest of the five has left the window; nothing written.
      expect(answers[5]).toEqual({ allowed: false, retryAt: T0 + WINDOW + 1 });
      expect(await db.countLoginFailures({ address: "10.0.0.1", account: "bob", since: 0 })).toBe(5);
      expect(await db.claimLoginAttempt(claim({ account: "alice", address: "10.0.0.1", at: T0 + 10 }))).toEqual({ allowed: true, failures: 0 });
      expect(await db.claimLoginAttempt(claim({ account: "bob", address: "10.0.0.2", at: T0 + 10 }))).toEqual({ allowed: true, failures: 0 });
      // The oldest still counts at exactly a window later, then no more: one more try.
      expect((await db.claimLoginAttempt(claim({ account: "bob", address: "10.0.0.1", at: T0 + WINDOW }))).allowed).toBe(false);
      expect((await db.claimLoginAttempt(claim({ account: "bob", address: "10.0.0.1", at: T0 + WINDOW + 1 }))).allowed).toBe(true);
    });

    it("a claim is refused past the address's limit over all accounts (spraying)", async () => {
      const { db } = await open();
      for (let i = 0; i < LIMITS.perAddress; i++) {
        expect((await db.claimLoginAttempt(claim({ account: `person-${i}`, address: "10.0.0.1", at: T0 + i }))).allowed).toBe(true);
      }
      expect(await db.claimLoginAttempt(claim({ account: "someone-else", address: "10.0.0.1", at: T0 + 60 }))).toEqual({ allowed: false, retryAt: T0 + WINDOW + 1 });
      expect((await db.claimLoginAttempt(claim({ account: "someone-else", address: "10.0.0.2", at: T0 + 60 }))).allowed).toBe(true);
    });

    it("twenty claims at once from two connections: exactly the limit gets through", async () => {
      const fixture = await open();
      const other = await secondOf(fixture);
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? other : fixture.db).claimLoginAttempt(claim({ account: "root", address: "10.0.0.7", at: T0 + i }))),
      );
      expect(answers.filter((a) => a.allowed)).toHaveLength(LIMITS.perAccount);
      expect(await fixture.db.countLoginFailures({ address: "10.0.0.7", since: 0 })).toBe(LIMITS.perAccount);
    });
  });
}
