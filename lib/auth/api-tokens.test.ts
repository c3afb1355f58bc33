import { describe, expect, it } from "vitest";
import { makeUser, T0 } from "@/lib/db/shared/test-rows";
import { openTemp } from "@/lib/db/sqlite/test-helpers";
import type { StudioConfig } from "@/lib/config";
import { bearerOf, createApiToken, effectiveExpiry, hashApiToken, resolveApiToken } from "./api-tokens";
import { BAD_TOKEN_MESSAGE, DISABLED_MESSAGE, identify, identifyRequest } from "./identify";
import { startSession } from "./sessions";
import { SESSION_COOKIE } from "./session-cookie";

const DAY = 86_400_000;

async function withPerson(overrides: Parameters<typeof makeUser>[0] = {}) {
  const { db } = openTemp();
  const user = makeUser(overrides);
  await db.insertUser(user);
  return { db, user };
}

describe("personal API tokens", () => {
  it("a new token is nst_ and 256 random bits; only its SHA-256 is stored", async () => {
    const { db, user } = await withPerson();
    const { row, token } = await createApiToken({ db, user, name: "ci script", expiresInDays: 90, now: T0 });
    const other = await createApiToken({ db, user, name: "ci script", expiresInDays: 90, now: T0 });
    expect(token).toMatch(/^nst_[A-Za-z0-9_-]{43}$/);
    expect(other.token).not.toBe(token);
    expect(row).toMatchObject({ userId: user.id, name: "ci script", createdAt: T0, expiresAt: T0 + 90 * DAY, lastUsedAt: null });
    expect(row.id).toMatch(/^tok_[0-9A-Z]{26}$/);
    expect(row.tokenHash).toBe(hashApiToken(token));
    const stored = JSON.stringify(await db.listApiTokens({}));
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(4));
  });

  it("resolves to its person until it expires; a never-expiring one always", async () => {
    const { db, user } = await withPerson();
    const { token } = await createApiToken({ db, user, name: "a", expiresInDays: 1, now: T0 });
    const forever = await createApiToken({ db, user, name: "b", expiresInDays: null, now: T0 });
    expect(forever.row.expiresAt).toBeNull();
    expect(await resolveApiToken({ db, token, now: T0 + DAY - 1 })).toMatchObject({ id: user.id });
    expect(await resolveApiToken({ db, token, now: T0 + DAY })).toBeUndefined();
    expect(await resolveApiToken({ db, token: forever.token, now: T0 + 3650 * DAY })).toMatchObject({ id: user.id });
  });

  it("an unknown, altered, revoked or oversized token resolves to nobody", async () => {
    const { db, user } = await withPerson();
    const { row, token } = await createApiToken({ db, user, name: "a", expiresInDays: null, now: T0 });
    expect(await resolveApiToken({ db, token: `${token}x`, now: T0 })).toBeUndefined();
    expect(await resolveApiToken({ db, token: token.slice(4), now: T0 })).toBeUndefined();
    expect(await resolveApiToken({ db, token: `nst_${"a".repeat(500)}`, now: T0 })).toBeUndefined();
    expect(await db.deleteApiToken(row.id)).toBe(true);
    expect(await resolveApiToken({ db, token, now: T0 })).toBeUndefined();
  });

  it("a disabled person's token says so, and works again once they are enabled", async () => {
    const { db, user } = await withPerson();
    const { token } = await createApiToken({ db, user, name: "a", expiresInDays: null, now: T0 });
    await db.updateUser({ id: user.id, patch: { disabled: true } });
    expect(await resolveApiToken({ db, token, now: T0 })).toBe("disabled");
    await db.updateUser({ id: user.id, patch: { disabled: false } });
    expect(await resolveApiToken({ db, token, now: T0 })).toMatchObject({ id: user.id });
  });

  it("records the last use, at most once a minute", async () => {
    const { db, user } = await withPerson();
    const { row, token } = await createApiToken({ db, user, name: "a", expiresInDays: null, now: T0 });
    const lastUsed = async () => (await db.getApiToken(row.id))?.lastUsedAt;
    await resolveApiToken({ db, token, now: T0 + 10 });
    expect(await lastUsed()).toBe(T0 + 10);
    await resolveApiToken({ db, token, now: T0 + 59_999 });
    expect(await lastUsed()).toBe(T0 + 10);
    await resolveApiToken({ db, token, now: T0 + 60_010 });
    expect(await lastUsed()).toBe(T0 + 60_010);
  });

  it("reads the bearer from the Authorization header, any case of the scheme, and nothing else", () => {
    const with_ = (value?: string) => new Request("http://studio.test/api/ping", { headers: value === undefined ? {} : { authorization: value } });
    expect(bearerOf(with_("Bearer nst_abc"))).toBe("nst_abc");
    expect(bearerOf(with_("bearer   nst_abc "))).toBe("nst_abc");
    expect(bearerOf(with_("Bearer other"))).toBe("other");
    expect(bearerOf(with_("Bearer "))).toBe("");
    expect(bearerOf(with_("Bearer a b"))).toBe("a b");
    expect(bearerOf(with_("Bearerish nst_abc"))).toBeUndefined();
    expect(bearerOf(with_("Basic dXNlcjpwdw=="))).toBeUndefined();
    expect(bearerOf(with_())).toBeUndefined();
  });
});

describe("a bearer token in identify", () => {
  const MODES: StudioConfig["auth"][] = [
    { mode: "none" },
    { mode: "header", userHeader: "x-forwarded-user", admins: [] },
    { mode: "password", password: "hunter2-correct", sessionSecret: "s".repeat(40), sessionDays: 30, admins: [] },
    { mode: "accounts", sessionDays: 30, firstAdmin: undefined },
    { mode: "oidc", sessionDays: 30, sessionSecret: "s".repeat(40), issuer: "https://id.example", clientId: "studio", clientSecret: undefined, redirectUrl: undefined, admins: [] },
  ];
  const withHeaders = (headers: Record<string, string>, method = "GET") => new Request("http://studio.test/api/generations", { method, headers });

  it.each(MODES.map((auth) => [auth.mode, auth] as const))("%s mode: the token decides who asks, before any cookie or header", async (_mode, auth) => {
    const { db, user } = await withPerson({ name: "alice" });
    const bob = makeUser({ name: "bob" });
    await db.insertUser(bob);
    const { token } = await createApiToken({ db, user, name: "a", expiresInDays: 1, now: T0 });
    const { id: bobsSession } = await startSession({ db, user: bob, now: T0, ttlMs: DAY });
    const bobsWay = { "x-forwarded-user": "bob", cookie: `${SESSION_COOKIE}=${bobsSession}` };

    expect(await identify(withHeaders({ authorization: `Bearer ${token}`, ...bobsWay }), { auth, db, now: T0 + 1 })).toMatchObject({ id: user.id, name: "alice" });
    // A bad nst_ token never falls back to the cookie or the proxy's header.
    for (const bad of [`Bearer ${token}x`, `Bearer nst_${token.slice(8)}`]) {
      await expect(identify(withHeaders({ authorization: bad, ...bobsWay }), { auth, db, now: T0 + 1 })).rejects.toMatchObject({ code: "unauthorized", message: BAD_TOKEN_MESSAGE });
    }
    // A bearer that is not ours: refused, except behind an auth proxy, whose own token it is.
    for (const foreign of ["Bearer not-ours", "Bearer", `Bearer ${token.slice(4)}`]) {
      const asked = identify(withHeaders({ authorization: foreign, ...bobsWay }), { auth, db, now: T0 + 1 });
      if (auth.mode === "header") await expect(asked).resolves.toMatchObject({ name: "bob" });
      else await expect(asked).rejects.toMatchObject({ code: "unauthorized", message: BAD_TOKEN_MESSAGE });
    }
    await expect(identify(withHeaders({ authorization: `Bearer ${token}` }), { auth, db, now: T0 + DAY })).rejects.toMatchObject({ code: "unauthorized", message: BAD_TOKEN_MESSAGE });
    await db.updateUser({ id: user.id, patch: { disabled: true } });
    await expect(identify(withHeaders({ authorization: `Bearer ${token}` }), { auth, db, now: T0 + 2 })).rejects.toMatchObject({ code: "forbidden", message: DISABLED_MESSAGE });
  });

  it("a token's use marks its person seen", async () => {
    const { db, user } = await withPerson();
    const { token } = await createApiToken({ db, user, name: "a", expiresInDays: null, now: T0 });
    await identify(withHeaders({ authorization: `Bearer ${token}` }), { auth: { mode: "accounts", sessionDays: 30, firstAdmin: undefined }, db, now: T0 + 5 });
    expect((await db.getUser(user.id))?.lastSeenAt).toBe(T0 + 5);
  });
});

describe("a token's longest life", () => {
  it("with maxDays, a token made longer ago than the maximum resolves to nobody, whatever its own expiry", async () => {
    const { db, user } = await withPerson();
    const forever = await createApiToken({ db, user, name: "from before the maximum", expiresInDays: null, now: T0 });
    const year = await createApiToken({ db, user, name: "a year", expiresInDays: 365, now: T0 });
    for (const { token } of [forever, year]) {
      expect(await resolveApiToken({ db, token, now: T0 + 30 * DAY - 1, maxDays: 30 })).toMatchObject({ id: user.id });
      expect(await resolveApiToken({ db, token, now: T0 + 30 * DAY, maxDays: 30 })).toBeUndefined();
    }
    expect(effectiveExpiry({ createdAt: T0, expiresAt: null }, 30)).toBe(T0 + 30 * DAY);
    expect(effectiveExpiry({ createdAt: T0, expiresAt: T0 + DAY }, 30)).toBe(T0 + DAY);
  });
});

describe("how a request was identified", () => {
  it("says session, token, proxy or local, so routes can refuse tokens", async () => {
    const { db, user } = await withPerson({ name: "alice" });
    const accounts = { mode: "accounts" as const, sessionDays: 30, firstAdmin: undefined };
    const { token } = await createApiToken({ db, user, name: "a", expiresInDays: 1, now: T0 });
    const { id } = await startSession({ db, user, now: T0, ttlMs: DAY });
    const ask = (headers: Record<string, string>, auth: StudioConfig["auth"]) => identifyRequest(new Request("http://studio.test/api/session", { headers }), { auth, db, now: T0 + 1 });
    expect(await ask({ cookie: `${SESSION_COOKIE}=${id}` }, accounts)).toMatchObject({ method: "session", user: { id: user.id } });
    expect(await ask({ authorization: `Bearer ${token}`, cookie: `${SESSION_COOKIE}=${id}` }, accounts)).toMatchObject({ method: "token", user: { id: user.id } });
    expect(await ask({ "x-forwarded-user": "alice" }, { mode: "header", userHeader: "x-forwarded-user", admins: [] })).toMatchObject({ method: "proxy", user: { id: user.id } });
    expect(await ask({}, { mode: "none" })).toMatchObject({ method: "local", user: { name: "local" } });
  });
});
