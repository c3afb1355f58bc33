import { afterEach, describe, expect, it } from "vitest";
import { testDeps } from "@/lib/testing/deps";
import { ensureFirstAdmin, newAccountRow } from "./accounts";
import { identify } from "./identify";
import { hashPassword } from "./password";
import { endEverySession, startSession } from "./sessions";
import { openSession, sealSession, sessionCookie, SESSION_COOKIE } from "./session-cookie";
import { signIn } from "./sign-in";

const secret = "s".repeat(40);
const password = { mode: "password" as const, password: "hunter2-correct", sessionSecret: secret, sessionDays: 30, admins: ["boss"] };
const accounts = { mode: "accounts" as const, sessionDays: 30, firstAdmin: undefined };
const withCookie = (value: string) => new Request("http://studio.test/", { headers: { cookie: `${SESSION_COOKIE}=${value}` } });
const noDelay = async () => {};
const DAY = 86_400_000;

let env: ReturnType<typeof testDeps>;
afterEach(() => env?.cleanup());

describe("server-side sessions", () => {
  it("a session id opens its account; forged, expired and revoked ids are 401", async () => {
    env = testDeps();
    const { db } = env.deps;
    const alice = newAccountRow({ name: "alice", now: 0 });
    await db.insertUser(alice);
    const now = 1_900_000_000_000;
    const { id } = await startSession({ db, user: alice, now, ttlMs: DAY });
    expect((await identify(withCookie(id), { auth: accounts, db, now })).name).toBe("alice");

    const { id: other } = await startSession({ db, user: alice, now, ttlMs: DAY });
    const forged = id.slice(0, -2) + (id.endsWith("AA") ? "BB" : "AA");
    for (const value of [forged, "alice", "x".repeat(300)]) {
      await expect(identify(withCookie(value), { auth: accounts, db, now })).rejects.toMatchObject({ code: "unauthorized" });
    }
    await expect(identify(new Request("http://studio.test/"), { auth: accounts, db, now })).rejects.toMatchObject({ code: "unauthorized" });
    // Expired: a day and a moment later.
    await expect(identify(withCookie(id), { auth: accounts, db, now: now + DAY + 1 })).rejects.toMatchObject({ code: "unauthorized" });
    // Revoked: "sign out everywhere" ends both.
    expect(await endEverySession({ db, userId: alice.id })).toBe(2);
    await expect(identify(withCookie(other), { auth: accounts, db, now })).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("a disabled account is 403 and its sessions end", async () => {
    env = testDeps();
    const { db } = env.deps;
    const bob = newAccountRow({ name: "bob", now: 0 });
    await db.insertUser(bob);
    const { id } = await startSession({ db, user: bob, now: 1, ttlMs: DAY });
    await db.updateUser({ id: bob.id, patch: { disabled: true } });
    await expect(identify(withCookie(id), { auth: accounts, db, now: 2 })).rejects.toMatchObject({ code: "forbidden" });
    await db.updateUser({ id: bob.id, patch: { disabled: false } });
    // Enabled again, the old session stays ended: a new sign-in is needed.
    await expect(identify(withCookie(id), { auth: accounts, db, now: 3 })).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("sealed cookies (the OIDC login transaction) refuse tampering and old seals", async () => {
    const sealed = await sealSession({ user: "alice", secret, ttlSeconds: 60 });
    expect(sealed).not.toContain("alice");
    expect(await openSession({ sealed, secret, ttlSeconds: 60 })).toBe("alice");
    const foreign = await sealSession({ user: "mallory", secret: "x".repeat(40), ttlSeconds: 60 });
    expect(await openSession({ sealed: foreign, secret, ttlSeconds: 60 })).toBeUndefined();
    const cookie = sessionCookie({ value: "v", maxAgeSeconds: 100, secure: true });
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
  });
});

describe("header and none modes", () => {
  const header = { mode: "header" as const, userHeader: "x-forwarded-user", admins: ["carol"] };
  it("takes the person from the header, gives them an account, and refuses without it", async () => {
    env = testDeps();
    const { db } = env.deps;
    const bob = await identify(new Request("http://s/", { headers: { "X-Forwarded-User": "bob" } }), { auth: header, db });
    expect(bob).toMatchObject({ name: "bob", role: "member" });
    expect((await identify(new Request("http://s/", { headers: { "X-Forwarded-User": "bob" } }), { auth: header, db })).id).toBe(bob.id);
    expect(await identify(new Request("http://s/", { headers: { "X-Forwarded-User": "carol" } }), { auth: header, db })).toMatchObject({ role: "admin" });
    for (const value of [undefined, "  ", "<script>"]) {
      const headers: Record<string, string> = value === undefined ? {} : { "x-forwarded-user": value };
      await expect(identify(new Request("http://s/", { headers }), { auth: header, db })).rejects.toMatchObject({ code: "unauthorized" });
    }
    await db.updateUser({ id: bob.id, patch: { disabled: true } });
    await expect(identify(new Request("http://s/", { headers: { "X-Forwarded-User": "bob" } }), { auth: header, db })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("the single local user is an admin account", async () => {
    env = testDeps();
    expect(await identify(new Request("http://s/"), { auth: { mode: "none" }, db: env.deps.db })).toMatchObject({ name: "local", role: "admin" });
  });
});

describe("sign-in", () => {
  it("password mode: slows wrong passwords per address, lets the right one in, makes the account", async () => {
    env = testDeps();
    const attempt = (pw: string, address = "10.0.0.1", name = "alice") =>
      signIn({ db: env.deps.db, auth: password, name, password: pw, address, delay: noDelay });
    // Password mode has one password: the guesses count together, whatever name is typed.
    for (let i = 0; i < 5; i++) await expect(attempt("wrong", "10.0.0.1", `name-${i}`)).rejects.toMatchObject({ code: "unauthorized" });
    // Now even the right password waits: the address is throttled.
    await expect(attempt("hunter2-correct")).rejects.toMatchObject({ code: "rate_limited" });
    // Another address is not affected.
    expect(await attempt("hunter2-correct", "10.0.0.2")).toMatchObject({ name: "alice", role: "member" });
    expect(await attempt("hunter2-correct", "10.0.0.2", "boss")).toMatchObject({ name: "boss", role: "admin" });
  });

  it("accounts mode: the person's own password; unknown names and wrong passwords look alike; disabled is 403 only with the right password", async () => {
    env = testDeps();
    const { db } = env.deps;
    await db.insertUser(newAccountRow({ name: "dana", passwordHash: await hashPassword("dana-password-1"), now: 0 }));
    const attempt = (name: string, pw: string, address = "10.0.0.9") => signIn({ db, auth: accounts, name, password: pw, address, delay: noDelay });
    expect(await attempt("dana", "dana-password-1")).toMatchObject({ name: "dana" });
    const wrong = await attempt("dana", "not-her-password").catch((e: Error) => e.message);
    const unknown = await attempt("nobody", "dana-password-1").catch((e: Error) => e.message);
    expect(wrong).toBe("Wrong name or password");
    expect(unknown).toBe(wrong);
    const dana = await db.getUserByName("dana");
    await db.updateUser({ id: dana!.id, patch: { disabled: true } });
    await expect(attempt("dana", "wrong-again-123", "10.0.0.10")).rejects.toMatchObject({ code: "unauthorized" });
    await expect(attempt("dana", "dana-password-1", "10.0.0.10")).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/disabled/) });
  });

  it("STUDIO_ADMIN_NAME makes the first admin once, and never again once an admin exists", async () => {
    env = testDeps();
    const { db } = env.deps;
    const auth = { mode: "accounts" as const, sessionDays: 30, firstAdmin: { name: "root", password: "root-password-1" } };
    await ensureFirstAdmin(db, auth);
    const root = await db.getUserByName("root");
    expect(root).toMatchObject({ role: "admin" });
    expect(root!.passwordHash).toMatch(/^\$argon2id\$/);
    // The owner changes the password; a restart with the old environment must not undo it.
    await db.updateUser({ id: root!.id, patch: { passwordHash: await hashPassword("changed-password-9") } });
    await ensureFirstAdmin(db, auth);
    await expect(signIn({ db, auth: accounts, name: "root", password: "root-password-1", address: "a", delay: noDelay })).rejects.toMatchObject({ code: "unauthorized" });
    expect(await signIn({ db, auth: accounts, name: "root", password: "changed-password-9", address: "a", delay: noDelay })).toMatchObject({ name: "root" });
  });
});
