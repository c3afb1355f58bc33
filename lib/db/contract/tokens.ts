import { describe, expect, it } from "vitest";
import { makeApiToken, makeUser, T0 } from "@/lib/db/shared/test-rows";
import type { StudioDatabase } from "@/lib/db/types";
import { deleteUserOf, rejection, secondOf, type ContractOptions } from "./context";

// Personal API tokens and the values the studio makes once (issue 13).

export function describeTokens(options: ContractOptions): void {
  const { open, expectForeignKeyError } = options;

  async function withPeople(db: StudioDatabase, ...names: string[]) {
    const people = names.map((name) => makeUser({ name }));
    for (const person of people) await db.insertUser(person);
    return people;
  }

  describe("api tokens", () => {
    it("a token is found by its hash with its person, every field round-tripping; get by id too", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const token = makeApiToken({ userId: alice.id, name: "日本 script", expiresAt: T0 + 90 * 86_400_000, lastUsedAt: T0 + 5 });
      await db.insertApiToken(token);
      expect(await db.getApiTokenByHash({ tokenHash: token.tokenHash, now: T0 + 10 })).toEqual({ token, user: alice });
      expect(await db.getApiToken(token.id)).toEqual(token);
      expect(await db.getApiTokenByHash({ tokenHash: "th_unknown", now: T0 })).toBeUndefined();
      expect(await db.getApiToken("tok_missing")).toBeUndefined();
    });

    it("an expiring token works until its expiry and not from then on; one without expiry always works", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const expiring = makeApiToken({ userId: alice.id, expiresAt: T0 + 1_000 });
      const forever = makeApiToken({ userId: alice.id });
      await db.insertApiToken(expiring);
      await db.insertApiToken(forever);
      expect((await db.getApiTokenByHash({ tokenHash: expiring.tokenHash, now: T0 + 999 }))?.token).toEqual(expiring);
      expect(await db.getApiTokenByHash({ tokenHash: expiring.tokenHash, now: T0 + 1_000 })).toBeUndefined();
      expect((await db.getApiTokenByHash({ tokenHash: forever.tokenHash, now: T0 + 100 * 365 * 86_400_000 }))?.token).toEqual(forever);
      // Expired tokens are still listed (the page shows them as expired) and can be revoked.
      expect((await db.listApiTokens({ userId: alice.id })).map((t) => t.id).sort()).toEqual([expiring.id, forever.id].sort());
    });

    it("a hash is one token: a second insert with it is refused", async () => {
      const { db } = await open();
      const [alice, bob] = await withPeople(db, "alice", "bob");
      const token = makeApiToken({ userId: alice.id });
      await db.insertApiToken(token);
      await rejection(db.insertApiToken(makeApiToken({ userId: bob.id, tokenHash: token.tokenHash })));
      expect(await db.listApiTokens({})).toHaveLength(1);
    });

    it("list is one person's or everyone's, newest first, each with its person's name", async () => {
      const { db } = await open();
      const [alice, bob] = await withPeople(db, "alice", "bob");
      const a1 = makeApiToken({ userId: alice.id, createdAt: T0 });
      const b1 = makeApiToken({ userId: bob.id, createdAt: T0 + 1 });
      const a2 = makeApiToken({ userId: alice.id, createdAt: T0 + 2 });
      // Made in the same millisecond as a2: the later id comes first.
      const a3 = makeApiToken({ userId: alice.id, createdAt: T0 + 2 });
      for (const token of [a3, a1, b1, a2]) await db.insertApiToken(token);
      expect(await db.listApiTokens({ userId: alice.id })).toEqual([a3, a2, a1].map((t) => ({ ...t, userName: "alice" })));
      expect((await db.listApiTokens({})).map((t) => [t.id, t.userName])).toEqual([
        [a3.id, "alice"],
        [a2.id, "alice"],
        [b1.id, "bob"],
        [a1.id, "alice"],
      ]);
      expect(await db.listApiTokens({ userId: "usr_nobody" })).toEqual([]);
    });

    it("touch sets the last use; delete removes one and says whether it did", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const [t1, t2] = [makeApiToken({ userId: alice.id }), makeApiToken({ userId: alice.id })];
      await db.insertApiToken(t1);
      await db.insertApiToken(t2);
      await db.touchApiToken({ id: t1.id, now: T0 + 60_000 });
      expect(await db.getApiToken(t1.id)).toEqual({ ...t1, lastUsedAt: T0 + 60_000 });
      expect(await db.getApiToken(t2.id)).toEqual(t2);
      await db.touchApiToken({ id: "tok_missing", now: T0 });

      expect(await db.deleteApiToken(t1.id)).toBe(true);
      expect(await db.deleteApiToken(t1.id)).toBe(false);
      expect(await db.getApiToken(t1.id)).toBeUndefined();
      expect(await db.getApiTokenByHash({ tokenHash: t1.tokenHash, now: T0 })).toBeUndefined();
      expect(await db.getApiToken(t2.id)).toEqual(t2);
    });

    it("a token needs its person, and goes with them", async () => {
      const fixture = await open();
      const { db } = fixture;
      expectForeignKeyError(await rejection(db.insertApiToken(makeApiToken({ userId: "usr_missing" }))));
      const [alice, bob] = await withPeople(db, "alice", "bob");
      const [mine, theirs] = [makeApiToken({ userId: alice.id }), makeApiToken({ userId: bob.id })];
      await db.insertApiToken(mine);
      await db.insertApiToken(theirs);
      await deleteUserOf(fixture, alice.id);
      expect(await db.getApiToken(mine.id)).toBeUndefined();
      expect(await db.getApiTokenByHash({ tokenHash: mine.tokenHash, now: T0 })).toBeUndefined();
      expect((await db.listApiTokens({})).map((t) => t.id)).toEqual([theirs.id]);
    });
  });

  describe("settings", () => {
    it("ensureSetting stores the first candidate and answers it ever after; keys are separate", async () => {
      const { db } = await open();
      expect(await db.ensureSetting({ key: "link-key", candidate: "first", now: T0 })).toBe("first");
      expect(await db.ensureSetting({ key: "link-key", candidate: "second", now: T0 + 1 })).toBe("first");
      expect(await db.ensureSetting({ key: "other", candidate: "x", now: T0 })).toBe("x");
    });

    it("first calls at once, from two connections, agree on one value", async () => {
      const fixture = await open();
      const other = await secondOf(fixture);
      for (let round = 0; round < 5; round++) {
        const key = `link-key-${round}`;
        const values = await Promise.all(
          Array.from({ length: 8 }, (_, i) => (i % 2 ? other : fixture.db).ensureSetting({ key, candidate: `candidate-${i}`, now: T0 + i })),
        );
        expect(new Set(values).size).toBe(1);
        expect(await fixture.db.ensureSetting({ key, candidate: "late", now: T0 + 100 })).toBe(values[0]);
      }
    });
  });
}
