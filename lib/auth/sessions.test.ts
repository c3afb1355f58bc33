import { describe, expect, it } from "vitest";
import { makeUser, T0 } from "@/lib/db/shared/test-rows";
import { openTemp } from "@/lib/db/sqlite/test-helpers";
import { endEverySession, endSession, hashSessionId, resumeSession, sessionCredential, startSession } from "./sessions";

const DAY = 86_400_000;

describe("server-side sessions", () => {
  it("a started session resumes as its person until it expires; only the id's hash is stored", async () => {
    const { db } = openTemp();
    const user = makeUser();
    await db.insertUser(user);
    const { id, session } = await startSession({ db, user, now: T0, ttlMs: DAY });
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.idHash).toBe(hashSessionId(id));
    expect(session.idHash).not.toContain(id);
    expect(JSON.stringify(await db.getSession({ idHash: session.idHash, now: T0 }))).not.toContain(id);
    expect(await resumeSession({ db, id, now: T0 + DAY - 1 })).toMatchObject({ user: { id: user.id } });
    expect(await resumeSession({ db, id, now: T0 + DAY })).toBeUndefined();
    expect(await resumeSession({ db, id: `${id}x`, now: T0 })).toBeUndefined();
    expect(await resumeSession({ db, id: undefined, now: T0 })).toBeUndefined();
  });

  it("sign-out ends one session; sign-out everywhere ends all of them", async () => {
    const { db } = openTemp();
    const user = makeUser();
    await db.insertUser(user);
    const [a, b, c] = [await startSession({ db, user, now: T0, ttlMs: DAY }), await startSession({ db, user, now: T0, ttlMs: DAY }), await startSession({ db, user, now: T0, ttlMs: DAY })];
    await endSession({ db, id: a.id });
    expect(await resumeSession({ db, id: a.id, now: T0 })).toBeUndefined();
    expect(await resumeSession({ db, id: b.id, now: T0 })).toBeDefined();
    expect(await endEverySession({ db, userId: user.id })).toBe(2);
    expect(await resumeSession({ db, id: c.id, now: T0 })).toBeUndefined();
  });

  it("a disabled account's session ends on its next request, and says why", async () => {
    const { db } = openTemp();
    const user = makeUser();
    await db.insertUser(user);
    const { id, session } = await startSession({ db, user, now: T0, ttlMs: DAY });
    await db.updateUser({ id: user.id, patch: { disabled: true } });
    expect(await resumeSession({ db, id, now: T0 + 1 })).toEqual({ disabled: true });
    expect(await db.getSession({ idHash: session.idHash, now: T0 + 1 })).toBeUndefined();
    await db.updateUser({ id: user.id, patch: { disabled: false } });
    expect(await resumeSession({ db, id, now: T0 + 2 })).toBeUndefined();
  });

  it("records when the person was last seen, without a write on every request", async () => {
    const { db } = openTemp();
    const user = makeUser();
    await db.insertUser(user);
    const { id } = await startSession({ db, user, now: T0, ttlMs: DAY });
    await resumeSession({ db, id, now: T0 + 10 });
    expect((await db.getUser(user.id))?.lastSeenAt).toBe(T0 + 10);
    await resumeSession({ db, id, now: T0 + 60_000 });
    expect((await db.getUser(user.id))?.lastSeenAt).toBe(T0 + 10);
    await resumeSession({ db, id, now: T0 + 10 + 5 * 60_000 });
    expect((await db.getUser(user.id))?.lastSeenAt).toBe(T0 + 10 + 5 * 60_000);
  });
});

describe("a session bound to what it was made with", () => {
  it("resumes only with the same credential; otherwise it is ended, not just refused", async () => {
    const { db } = openTemp();
    const user = makeUser();
    await db.insertUser(user);
    const { id } = await startSession({ db, user, now: T0, ttlMs: DAY, credential: "made-with-this" });
    expect(await resumeSession({ db, id, now: T0 + 1, credential: "made-with-this" })).toMatchObject({ user: { id: user.id } });
    expect(await resumeSession({ db, id, now: T0 + 2, credential: "something-else" })).toBeUndefined();
    expect(await resumeSession({ db, id, now: T0 + 3, credential: "made-with-this" })).toBeUndefined();
    // A session bound to nothing is refused where a credential is expected, and the other way round.
    const plain = await startSession({ db, user, now: T0, ttlMs: DAY });
    expect(await resumeSession({ db, id: plain.id, now: T0 + 1, credential: "made-with-this" })).toBeUndefined();
    const bound = await startSession({ db, user, now: T0, ttlMs: DAY, credential: "made-with-this" });
    expect(await resumeSession({ db, id: bound.id, now: T0 + 1, credential: null })).toBeUndefined();
  });

  it("password mode's credential is a keyed digest of the password: not the password, and another for another password or secret", () => {
    const auth = { mode: "password" as const, password: "open sesame", sessionSecret: "s".repeat(40), sessionDays: 30, admins: [] };
    const credential = sessionCredential(auth)!;
    expect(credential).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(credential).not.toContain("sesame");
    expect(sessionCredential({ ...auth })).toBe(credential);
    expect(sessionCredential({ ...auth, password: "open sesame!" })).not.toBe(credential);
    expect(sessionCredential({ ...auth, sessionSecret: "t".repeat(40) })).not.toBe(credential);
    expect(sessionCredential({ mode: "accounts", sessionDays: 30, firstAdmin: undefined })).toBeNull();
    expect(sessionCredential({ mode: "none" })).toBeNull();
  });
});
