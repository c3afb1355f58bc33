import { describe, expect, it } from "vitest";
import { T0, makeSession, makeUser } from "@/lib/db/shared/test-rows";
import type { StudioDatabase } from "@/lib/db/types";
import { rejection, secondOf, type ContractOptions } from "./context";

// Accounts and server-side sessions.

/** Accounts as an app from before the OIDC-subject migration wrote them: id, name, email, role, created_at. */
export const ACCOUNTS_BEFORE_SSO_SUBJECT = [
  ["usr_OLD_ALICE", "alice", "alice@example.test", "admin", T0],
  ["usr_OLD_BOB", "bob", null, "member", T0 + 1],
] as const;

/** After that migration, on either engine: both accounts kept, unlinked, and linked one at a time. */
export async function expectAccountsKeptUnlinked(upgraded: StudioDatabase): Promise<void> {
  expect((await upgraded.listUsers()).map((u) => [u.id, u.name, u.role, u.ssoSubject])).toEqual([
    ["usr_OLD_ALICE", "alice", "admin", null],
    ["usr_OLD_BOB", "bob", "member", null],
  ]);
  // An admin from before users.admin_by_list counts as made by
  // STUDIO_ADMINS, so in header and password modes a name already taken off
  // the list loses the role at its next request.
  expect((await upgraded.listUsers()).map((u) => [u.name, u.adminByList])).toEqual([
    ["alice", true],
    ["bob", false],
  ]);
  await upgraded.updateUser({ id: "usr_OLD_ALICE", patch: { ssoSubject: "https://id.example.test u-1" } });
  expect((await upgraded.getUserBySsoSubject("https://id.example.test u-1"))?.name).toBe("alice");
  await expect(upgraded.updateUser({ id: "usr_OLD_BOB", patch: { ssoSubject: "https://id.example.test u-1" } })).rejects.toThrow();
}

export function describeAccounts(options: ContractOptions): void {
  const { open } = options;

  describe("users", () => {
    it("insert, get by id and by name, list by name, every field round-tripping", async () => {
      const { db } = await open();
      const bob = makeUser({ name: "bob", email: "bob@example.com", passwordHash: "$argon2id$v=19$m=19456,p=1,t=2$x$y", role: "admin", adminByList: true, dailyLimit: 5, maxActive: 2, monthlyBudget: 12.5, lastSeenAt: T0 + 9 });
      const alice = makeUser({ name: "alice" });
      const zoe = makeUser({ name: "Zoë", disabled: true });
      for (const user of [bob, zoe, alice]) await db.insertUser(user);
      expect(await db.getUser(bob.id)).toEqual(bob);
      expect(await db.getUserByName("alice")).toEqual(alice);
      expect(await db.getUserByName("Alice")).toBeUndefined();
      expect((await db.listUsers()).map((u) => u.name)).toEqual(["Zoë", "alice", "bob"]);
      expect(await db.getUser("usr_missing")).toBeUndefined();
    });

    it("a name is one account: a second insert with it is refused", async () => {
      const { db } = await open();
      await db.insertUser(makeUser({ name: "alice" }));
      await rejection(db.insertUser(makeUser({ name: "alice" })));
      expect(await db.listUsers()).toHaveLength(1);
    });

    it("an OIDC subject is one account: found exactly as written, a second account with it refused, any number without one", async () => {
      const { db } = await open();
      const subject = "https://id.example.test u-alice";
      const alice = makeUser({ name: "alice", ssoSubject: subject });
      await db.insertUser(alice);
      for (const name of ["bob", "carol"]) await db.insertUser(makeUser({ name }));
      expect(await db.getUserBySsoSubject(subject)).toEqual(alice);
      expect(await db.getUserBySsoSubject("https://id.example.test U-ALICE")).toBeUndefined();
      expect(await db.getUserBySsoSubject("https://other.example.test u-alice")).toBeUndefined();
      await rejection(db.insertUser(makeUser({ name: "mallory", ssoSubject: subject })));
      const bob = (await db.getUserByName("bob"))!;
      await rejection(db.updateUser({ id: bob.id, patch: { ssoSubject: subject } }));
      expect(await db.getUserByName("bob")).toEqual(bob);
      expect((await db.listUsers()).map((u) => [u.name, u.ssoSubject])).toEqual([
        ["alice", subject],
        ["bob", null],
        ["carol", null],
      ]);
    });

    it("linkSsoSubject changes the subject only from the one expected: two people at once, one wins", async () => {
      const fixture = await open();
      const other = await secondOf(fixture);
      const dave = makeUser({ name: "dave" });
      await fixture.db.insertUser(dave);
      const tries = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? other : fixture.db).linkSsoSubject({ id: dave.id, subject: `https://id.example.test u-${i}`, replacing: null })),
      );
      const won = tries.filter((row) => row !== undefined);
      expect(won).toHaveLength(1);
      expect(await fixture.db.getUser(dave.id)).toEqual({ ...dave, ssoSubject: won[0]!.ssoSubject });
      expect(await fixture.db.linkSsoSubject({ id: dave.id, subject: "https://id.example.test u-9", replacing: null })).toBeUndefined();
      expect(await fixture.db.linkSsoSubject({ id: dave.id, subject: "https://id.example.test u-9", replacing: "https://id.example.test u-other" })).toBeUndefined();
      expect(await fixture.db.linkSsoSubject({ id: dave.id, subject: "https://new.example.test d", replacing: won[0]!.ssoSubject })).toEqual({ ...dave, ssoSubject: "https://new.example.test d" });
      expect(await fixture.db.linkSsoSubject({ id: "usr_missing", subject: "https://id.example.test u-9", replacing: null })).toBeUndefined();
    });

    it("updateUser changes what the patch names, null included, and nothing else", async () => {
      const { db } = await open();
      const user = makeUser({ dailyLimit: 5 });
      await db.insertUser(user);
      const after = await db.updateUser({ id: user.id, patch: { dailyLimit: null, disabled: true, role: "admin", adminByList: true, monthlyBudget: 3.25, email: undefined } });
      expect(after).toEqual({ ...user, dailyLimit: null, disabled: true, role: "admin", adminByList: true, monthlyBudget: 3.25 });
      expect(await db.getUser(user.id)).toEqual(after);
      expect(await db.updateUser({ id: user.id, patch: {} })).toEqual(after);
      expect(await db.updateUser({ id: "usr_missing", patch: { disabled: true } })).toBeUndefined();
    });

    it("ensureUser makes an account on first sight and returns the same one after, from two connections at once", async () => {
      const fixture = await open();
      const other = await secondOf(fixture);
      const made = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? other : fixture.db).ensureUser(makeUser({ name: "carol" }))));
      expect(new Set(made.map((u) => u.id)).size).toBe(1);
      expect(await fixture.db.listUsers()).toEqual([made[0]]);
      const again = await fixture.db.ensureUser(makeUser({ name: "carol", role: "admin" }));
      expect(again).toEqual(made[0]);
    });
  });

  describe("sessions", () => {
    it("a session is found with its person until it expires", async () => {
      const { db } = await open();
      const user = makeUser();
      await db.insertUser(user);
      const session = makeSession({ userId: user.id, expiresAt: T0 + 1_000 });
      await db.insertSession(session);
      expect(await db.getSession({ idHash: session.idHash, now: T0 + 999 })).toEqual({ session, user });
      expect(await db.getSession({ idHash: session.idHash, now: T0 + 1_000 })).toBeUndefined();
      expect(await db.getSession({ idHash: "h_unknown", now: T0 })).toBeUndefined();
    });

    it("deleteSession ends one, deleteSessionsOf every one of a person, and deleting the person ends theirs", async () => {
      const { db } = await open();
      const [alice, bob] = [makeUser({ name: "alice" }), makeUser({ name: "bob" })];
      await db.insertUser(alice);
      await db.insertUser(bob);
      const [a1, a2, a3, b1] = [makeSession({ userId: alice.id }), makeSession({ userId: alice.id }), makeSession({ userId: alice.id }), makeSession({ userId: bob.id })];
      for (const s of [a1, a2, a3, b1]) await db.insertSession(s);
      await db.deleteSession(a1.idHash);
      expect(await db.getSession({ idHash: a1.idHash, now: T0 })).toBeUndefined();
      expect(await db.deleteSessionsOf(alice.id)).toBe(2);
      expect(await db.getSession({ idHash: a2.idHash, now: T0 })).toBeUndefined();
      expect(await db.getSession({ idHash: b1.idHash, now: T0 })).toEqual({ session: b1, user: bob });
      expect(await db.deleteSessionsOf(alice.id)).toBe(0);
    });

    it("a session for no such person is refused", async () => {
      const { db } = await open();
      await rejection(db.insertSession(makeSession({ userId: "usr_missing" })));
    });

    it("the credential a session was made with round-trips", async () => {
      const { db } = await open();
      const user = makeUser();
      await db.insertUser(user);
      const bound = makeSession({ userId: user.id, credential: "hmac-of-the-shared-password" });
      await db.insertSession(bound);
      expect(await db.getSession({ idHash: bound.idHash, now: T0 })).toEqual({ session: bound, user });
    });

    it("deleteAllSessions ends everyone's, but the one it is told to keep", async () => {
      const { db } = await open();
      const [alice, bob] = [makeUser({ name: "alice" }), makeUser({ name: "bob" })];
      await db.insertUser(alice);
      await db.insertUser(bob);
      const [a1, a2, b1] = [makeSession({ userId: alice.id }), makeSession({ userId: alice.id }), makeSession({ userId: bob.id })];
      for (const s of [a1, a2, b1]) await db.insertSession(s);
      expect(await db.deleteAllSessions({ except: a2.idHash })).toBe(2);
      expect(await db.getSession({ idHash: a1.idHash, now: T0 })).toBeUndefined();
      expect(await db.getSession({ idHash: b1.idHash, now: T0 })).toBeUndefined();
      expect(await db.getSession({ idHash: a2.idHash, now: T0 })).toEqual({ session: a2, user: alice });
      expect(await db.deleteAllSessions({})).toBe(1);
      expect(await db.getSession({ idHash: a2.idHash, now: T0 })).toBeUndefined();
    });
  });
}
