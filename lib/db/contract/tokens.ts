import { describe, expect, it } from "vitest";
import { makeApiToken, makeUser, T0 } from "@/lib/db/shared/test-rows";
import type { StudioDatabase } from "@/lib/db/types";
import { deleteUserOf, rejection, secondOf, type ContractOptions } from "./context";

// Personal API tokens and the values the studio makes once.

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

  describe("api tokens: ending, paging and the cap", () => {
    it("deleteApiTokensOf ends one person's tokens, deleteAllApiTokens everyone's; each says how many", async () => {
      const { db } = await open();
      const [alice, bob] = await withPeople(db, "alice", "bob");
      const [a1, a2, b1] = [makeApiToken({ userId: alice.id }), makeApiToken({ userId: alice.id }), makeApiToken({ userId: bob.id })];
      for (const token of [a1, a2, b1]) await db.insertApiToken(token);
      expect(await db.deleteApiTokensOf(alice.id)).toBe(2);
      expect(await db.getApiTokenByHash({ tokenHash: a1.tokenHash, now: T0 })).toBeUndefined();
      expect((await db.listApiTokens({})).map((t) => t.id)).toEqual([b1.id]);
      expect(await db.deleteApiTokensOf(alice.id)).toBe(0);
      expect(await db.deleteAllApiTokens()).toBe(1);
      expect(await db.listApiTokens({})).toEqual([]);
    });

    it("the list comes in keyset pages: newest first, only ids before beforeId, at most limit", async () => {
      const { db } = await open();
      const [alice, bob] = await withPeople(db, "alice", "bob");
      const tokens = Array.from({ length: 7 }, (_, i) => makeApiToken({ userId: i % 3 === 2 ? bob.id : alice.id, createdAt: T0 + i }));
      for (const token of [...tokens].reverse()) await db.insertApiToken(token);
      const newest = [...tokens].reverse().map((t) => t.id);
      const first = await db.listApiTokens({ limit: 3 });
      expect(first.map((t) => t.id)).toEqual(newest.slice(0, 3));
      const second = await db.listApiTokens({ limit: 3, beforeId: first[2]!.id });
      expect(second.map((t) => t.id)).toEqual(newest.slice(3, 6));
      expect((await db.listApiTokens({ limit: 3, beforeId: second[2]!.id })).map((t) => t.id)).toEqual(newest.slice(6));
      const alices = tokens.filter((t) => t.userId === alice.id).reverse().map((t) => t.id);
      expect((await db.listApiTokens({ userId: alice.id, limit: 2, beforeId: alices[0] })).map((t) => t.id)).toEqual(alices.slice(1, 3));
    });

    it("insertApiToken with maxPerUser inserts only while the person holds fewer; the answer says whether it did", async () => {
      const { db } = await open();
      const [alice, bob] = await withPeople(db, "alice", "bob");
      for (let i = 0; i < 3; i++) expect(await db.insertApiToken(makeApiToken({ userId: alice.id }), { maxPerUser: 3 })).toBe(true);
      const refused = makeApiToken({ userId: alice.id });
      expect(await db.insertApiToken(refused, { maxPerUser: 3 })).toBe(false);
      expect(await db.getApiToken(refused.id)).toBeUndefined();
      expect(await db.insertApiToken(makeApiToken({ userId: bob.id }), { maxPerUser: 3 })).toBe(true);
      // Without a cap (copying data between engines), anything goes.
      expect(await db.insertApiToken(makeApiToken({ userId: alice.id }))).toBe(true);
    });

    it("the cap holds for inserts at once from two connections", async () => {
      const fixture = await open();
      const other = await secondOf(fixture);
      const [alice] = await withPeople(fixture.db, "alice");
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? other : fixture.db).insertApiToken(makeApiToken({ userId: alice.id }), { maxPerUser: 4 })),
      );
      expect(answers.filter(Boolean)).toHaveLength(4);
      expect(await fixture.db.listApiTokens({ userId: alice.id })).toHaveLength(4);
    });
  });

  describe("settings", () => {
    it("getSetting reads a value or undefined; setSetting writes or replaces it", async () => {
      const { db } = await open();
      expect(await db.getSetting("token-max-days")).toBeUndefined();
      await db.setSetting({ key: "token-max-days", value: "30", now: T0 });
      expect(await db.getSetting("token-max-days")).toBe("30");
      await db.setSetting({ key: "token-max-days", value: "365", now: T0 + 1 });
      expect(await db.getSetting("token-max-days")).toBe("365");
      expect(await db.ensureSetting({ key: "token-max-days", candidate: "7", now: T0 + 2 })).toBe("365");
      expect(await db.getSetting("other")).toBeUndefined();
    });

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
