import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accountsClient, captureLogs, cookieOf, ctx as id, errorOf, type ApiRequestInit } from "@/lib/testing/accounts-client";
import { ADMIN, bootAccountsStudio } from "@/lib/testing/accounts-studio";
import type { Studio } from "@/lib/testing/studio";

// Personal API tokens through the real route handlers, on STUDIO_AUTH=accounts:
// the secret shown once, Bearer acting as its person (limits and attribution
// included) with no cookie and no origin check, revoking by the owner or an
// admin, expiry, a disabled person, and never a secret in a log line.

const ADMIN_PASSWORD = ADMIN.password;
let studio: Studio;
let routes: {
  users: typeof import("@/app/api/admin/users/route");
  user: typeof import("@/app/api/admin/users/[id]/route");
  tokens: typeof import("@/app/api/tokens/route");
  token: typeof import("@/app/api/tokens/[id]/route");
  generations: typeof import("@/app/api/generations/route");
};
let logged: string[] = [];

beforeAll(async () => {
  studio = await bootAccountsStudio({ STUDIO_TRUSTED_PROXIES: "1" });
  // After boot: the logger reads the configuration once, on import.
  logged = await captureLogs();
  routes = {
    users: await import("@/app/api/admin/users/route"),
    user: await import("@/app/api/admin/users/[id]/route"),
    tokens: await import("@/app/api/tokens/route"),
    token: await import("@/app/api/tokens/[id]/route"),
    generations: await import("@/app/api/generations/route"),
  };
});
afterAll(() => studio.cleanup());

const { req, signIn } = accountsClient();
type Init = ApiRequestInit;
type Token = { id: string; name: string; user: string; createdAt: string; expiresAt: string | null; lastUsedAt: string | null; token?: string };

const createToken = async (auth: Init, body: unknown) => routes.tokens.POST(req("/api/tokens", { ...auth, method: "POST", body }), undefined);
const madeToken = async (auth: Init, body: unknown) => {
  const res = await createToken(auth, body);
  expect(res.status).toBe(201);
  return (await res.json()) as Token & { token: string };
};
const listTokens = async (auth: Init, query = "") => routes.tokens.GET(req(`/api/tokens${query}`, auth), undefined);
const revoke = (auth: Init, tokenId: string) => routes.token.DELETE(req(`/api/tokens/${tokenId}`, { ...auth, method: "DELETE" }), id(tokenId));
const listGenerations = (auth: Init) => routes.generations.GET(req("/api/generations", auth), undefined);
const createGeneration = (auth: Init) =>
  routes.generations.POST(req("/api/generations", { ...auth, method: "POST", body: { model: "nano_banana_2", prompt: "a lighthouse" } }), undefined);

let admin = "";
let aliceCookie = "";
let aliceId = "";
let bobCookie = "";
let alicesToken: Token & { token: string };
let bobsToken: Token & { token: string };
const secrets: string[] = [];

describe("personal API tokens", () => {
  beforeAll(async () => {
    admin = await signIn("root", ADMIN_PASSWORD);
    for (const [name, password] of [
      ["alice", "alice-password-1"],
      ["bob", "bob-password-123"],
    ]) {
      const res = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: admin, body: { name, password } }), undefined);
      expect(res.status).toBe(201);
      if (name === "alice") aliceId = ((await res.json()) as { id: string }).id;
    }
    aliceCookie = await signIn("alice", "alice-password-1");
    bobCookie = await signIn("bob", "bob-password-123");
  });

  it("a new token's secret is in the 201 answer only; the list never shows it", async () => {
    const before = Date.now();
    alicesToken = await madeToken({ cookie: aliceCookie }, { name: "ci script", expiresInDays: 90 });
    secrets.push(alicesToken.token);
    expect(alicesToken).toMatchObject({ name: "ci script", user: "alice", lastUsedAt: null });
    expect(alicesToken.token).toMatch(/^nst_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(alicesToken.expiresAt!) - Date.parse(alicesToken.createdAt)).toBe(90 * 86_400_000);
    expect(Date.parse(alicesToken.createdAt)).toBeGreaterThanOrEqual(before);

    // No expiry asked: as long as the admins allow, a year by default.
    const forever = await madeToken({ cookie: aliceCookie }, { name: "forever", expiresInDays: null });
    secrets.push(forever.token);
    expect(Date.parse(forever.expiresAt!) - Date.parse(forever.createdAt)).toBe(365 * 86_400_000);
    // Without expiresInDays: 90 days.
    const defaulted = await madeToken({ cookie: aliceCookie }, { name: "defaulted" });
    secrets.push(defaulted.token);
    expect(Date.parse(defaulted.expiresAt!) - Date.parse(defaulted.createdAt)).toBe(90 * 86_400_000);

    const res = await listTokens({ cookie: aliceCookie });
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const secret of secrets) expect(text).not.toContain(secret);
    const { items, nextCursor } = JSON.parse(text) as { items: Token[]; nextCursor: string | null };
    expect(items.map((t) => t.name)).toEqual(["defaulted", "forever", "ci script"]);
    expect(nextCursor).toBeNull();
    for (const item of items) expect(Object.keys(item).sort()).toEqual(["createdAt", "expiresAt", "id", "lastUsedAt", "name", "user"]);
  });

  it("bad input is 400 naming the field", async () => {
    for (const [body, field] of [
      [{ name: "" }, "name"],
      [{ name: "x".repeat(101) }, "name"],
      [{ name: "a", expiresInDays: 0 }, "expiresInDays"],
      [{ name: "a", expiresInDays: 3651 }, "expiresInDays"],
      [{ name: "a", expiresInDays: 1.5 }, "expiresInDays"],
      [{ name: "a", token: "nst_mine" }, ""],
    ] as const) {
      const res = await createToken({ cookie: aliceCookie }, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).message).toContain(field);
    }
    expect((await listTokens({ cookie: aliceCookie }, "?all=maybe")).status).toBe(400);
  });

  it("Bearer acts as the person on /api/generations: lists, creates as them, with their limits", async () => {
    const bearer = { bearer: alicesToken.token };
    expect((await listGenerations(bearer)).status).toBe(200);

    const made = await createGeneration(bearer);
    expect(made.status).toBe(201);
    const { generations } = (await made.json()) as { generations: { id: string; createdBy: string }[] };
    expect(generations[0].createdBy).toBe("alice");
    const listed = (await (await listGenerations(bearer)).json()) as { items: { id: string }[] };
    expect(listed.items.map((g) => g.id)).toContain(generations[0].id);
    // Made through the token, the same as made in the browser.
    const inBrowser = (await (await listGenerations({ cookie: aliceCookie })).json()) as { items: { id: string }[] };
    expect(inBrowser.items.map((g) => g.id)).toContain(generations[0].id);

    // Her limit counts what the token made: a daily limit of 1 is used up.
    const limited = await routes.user.PATCH(req(`/api/admin/users/${aliceId}`, { method: "PATCH", cookie: admin, body: { dailyLimit: 1 } }), id(aliceId));
    expect(limited.status).toBe(200);
    const over = await createGeneration(bearer);
    expect(over.status).toBe(429);
    expect((await errorOf(over)).message).toMatch(/Daily limit reached: 1 of 1/);
    await routes.user.PATCH(req(`/api/admin/users/${aliceId}`, { method: "PATCH", cookie: admin, body: { dailyLimit: null } }), id(aliceId));

    // The use shows in the list (on the page: the token itself may not list tokens).
    const { items } = (await (await listTokens({ cookie: aliceCookie })).json()) as { items: Token[] };
    expect(items.find((t) => t.id === alicesToken.id)?.lastUsedAt).not.toBeNull();
  });

  it("a bearer write with no cookie needs no origin check; a cookie write from another site is still refused", async () => {
    const foreign = { origin: "https://elsewhere.example", "sec-fetch-site": "cross-site" };
    const scripted = await createGeneration({ bearer: alicesToken.token, headers: foreign });
    expect(scripted.status).toBe(201);
    const forged = await createGeneration({ cookie: aliceCookie, headers: foreign });
    expect(forged.status).toBe(403);
    expect((await errorOf(forged)).message).toMatch(/other sites/);
    // A bearer does not excuse a cookie riding along.
    expect((await createGeneration({ cookie: aliceCookie, bearer: alicesToken.token, headers: foreign })).status).toBe(403);
  });

  it("a wrong or foreign bearer is 401, even with a good cookie beside it", async () => {
    for (const bearer of [`${alicesToken.token}x`, "nst_guess", "sk-openai-style-key", ""]) {
      const res = await listGenerations({ bearer, cookie: aliceCookie });
      expect(res.status, bearer).toBe(401);
      expect((await errorOf(res)).message).toBe("The API token is not valid (unknown, expired or revoked)");
    }
  });

  it("everyone's tokens are for admins: a member asking is 403; an admin sees each person's name", async () => {
    bobsToken = await madeToken({ cookie: bobCookie }, { name: "bob's bot", expiresInDays: 30 });
    secrets.push(bobsToken.token);
    const member = await listTokens({ cookie: bobCookie }, "?all=1");
    expect(member.status).toBe(403);
    expect((await listTokens({ bearer: bobsToken.token }, "?all=1")).status).toBe(403);
    const mine = (await (await listTokens({ cookie: bobCookie })).json()) as { items: Token[] };
    expect(mine.items.map((t) => t.name)).toEqual(["bob's bot"]);

    const everyone = (await (await listTokens({ cookie: admin }, "?all=1")).json()) as { items: Token[] };
    expect(everyone.items.map((t) => [t.user, t.name])).toEqual([
      ["bob", "bob's bot"],
      ["alice", "defaulted"],
      ["alice", "forever"],
      ["alice", "ci script"],
    ]);
    expect((await (await listTokens({ cookie: admin })).json()) as { items: Token[] }).toEqual({ items: [], nextCursor: null });
  });

  it("a member cannot revoke someone else's token (404, as for an unknown id); the owner can, and the next request is 401", async () => {
    const theirs = await revoke({ cookie: bobCookie }, alicesToken.id);
    expect(theirs.status).toBe(404);
    expect((await revoke({ cookie: bobCookie }, "tok_01ZZZZZZZZZZZZZZZZZZZZZZZZ")).status).toBe(404);
    expect((await revoke({ cookie: bobCookie }, "../../etc")).status).toBe(404);
    expect((await listGenerations({ bearer: alicesToken.token })).status).toBe(200);

    const gone = await revoke({ cookie: aliceCookie }, alicesToken.id);
    expect(gone.status).toBe(204);
    const next = await listGenerations({ bearer: alicesToken.token });
    expect(next.status).toBe(401);
    expect((await errorOf(next)).message).toMatch(/not valid \(unknown, expired or revoked\)/);
    expect((await revoke({ cookie: aliceCookie }, alicesToken.id)).status).toBe(404);
  });

  it("a token cannot revoke itself (tokens are managed from a browser); its owner and an admin can", async () => {
    const self = await madeToken({ cookie: aliceCookie }, { name: "self-revoking", expiresInDays: 1 });
    secrets.push(self.token);
    expect((await revoke({ bearer: self.token }, self.id)).status).toBe(403);
    expect((await listGenerations({ bearer: self.token })).status).toBe(200);
    expect((await revoke({ cookie: aliceCookie }, self.id)).status).toBe(204);
    expect((await listGenerations({ bearer: self.token })).status).toBe(401);

    expect((await listGenerations({ bearer: bobsToken.token })).status).toBe(200);
    expect((await revoke({ cookie: admin }, bobsToken.id)).status).toBe(204);
    expect((await listGenerations({ bearer: bobsToken.token })).status).toBe(401);
  });

  it("an expired token is 401 from its expiry on", async () => {
    const short = await madeToken({ cookie: aliceCookie }, { name: "one day", expiresInDays: 1 });
    secrets.push(short.token);
    expect((await listGenerations({ bearer: short.token })).status).toBe(200);
    const realNow = Date.now;
    const expiry = Date.parse(short.expiresAt!);
    const clock = vi.spyOn(Date, "now").mockImplementation(() => expiry - 1);
    try {
      expect((await listGenerations({ bearer: short.token })).status).toBe(200);
      clock.mockImplementation(() => expiry);
      const res = await listGenerations({ bearer: short.token });
      expect(res.status).toBe(401);
      expect((await errorOf(res)).message).toMatch(/expired/);
    } finally {
      clock.mockRestore();
    }
    expect(Date.now).toBe(realNow);
    // Still listed (the page shows it expired), and can be revoked.
    const { items } = (await (await listTokens({ cookie: aliceCookie })).json()) as { items: Token[] };
    expect(items.map((t) => t.id)).toContain(short.id);
  });

  it("disabling a person revokes their tokens: the next use is 401", async () => {
    const token = await madeToken({ cookie: aliceCookie }, { name: "before disabling", expiresInDays: null });
    secrets.push(token.token);
    const off = await routes.user.PATCH(req(`/api/admin/users/${aliceId}`, { method: "PATCH", cookie: admin, body: { disabled: true } }), id(aliceId));
    expect(off.status).toBe(200);
    const res = await listGenerations({ bearer: token.token });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toMatch(/not valid \(unknown, expired or revoked\)/);
    expect((await createGeneration({ bearer: token.token })).status).toBe(401);
  });

  it("no token reached a log line", () => {
    const all = logged.join("\n");
    expect(all).toContain("api token created");
    expect(all).toContain("api token revoked");
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    for (const secret of secrets) {
      expect(all).not.toContain(secret);
      expect(all).not.toContain(secret.slice(4));
    }
  });
});

// A token (or a stolen cookie) must not outlive the ways of locking
// a thief out. Tokens are made, listed and revoked only from a signed-in
// browser; an admin's reset, a disable, "sign out everywhere" and a password
// change end them; they live at most as long as the admins allow.
describe("tokens cannot lock a thief in", () => {
  let root = "";
  const people: Record<string, { id: string; cookie: string; password: string }> = {};
  const DAY = 86_400_000;

  /** A new member with a password, signed in; their account id and cookie. */
  async function member(name: string) {
    const password = `${name}-password-1`;
    const res = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: root, body: { name, password } }), undefined);
    expect(res.status).toBe(201);
    const { id: userId } = (await res.json()) as { id: string };
    people[name] = { id: userId, cookie: await signIn(name, password), password };
    return people[name];
  }
  const works = async (token: string) => (await listGenerations({ bearer: token })).status;

  beforeAll(async () => {
    root = await signIn("root", ADMIN_PASSWORD);
  });

  it("a token gets 403 on /api/tokens, /api/session and every admin route, and nothing changes", async () => {
    const adminToken = await madeToken({ cookie: root }, { name: "root's script", expiresInDays: 30 });
    const carl = await member("carl");
    const bearer = { bearer: adminToken.token };
    const refused = async (res: Response, what: string) => {
      expect(res.status, what).toBe(403);
      expect((await errorOf(res)).message, what).toMatch(/API token/);
    };
    await refused(await createToken(bearer, { name: "minted by a thief", expiresInDays: null }), "POST /api/tokens");
    await refused(await listTokens(bearer), "GET /api/tokens");
    await refused(await revoke(bearer, adminToken.id), "DELETE /api/tokens/{id}");
    await refused(await routes.users.GET(req("/api/admin/users", bearer), undefined), "GET /api/admin/users");
    await refused(await routes.users.POST(req("/api/admin/users", { ...bearer, method: "POST", body: { name: "mallory", password: "mallory-password" } }), undefined), "POST /api/admin/users");
    await refused(await routes.user.PATCH(req(`/api/admin/users/${carl.id}`, { ...bearer, method: "PATCH", body: { role: "admin" } }), id(carl.id)), "PATCH /api/admin/users/{id}");
    const prices = await import("@/app/api/admin/prices/route");
    await refused(await prices.GET(req("/api/admin/prices", bearer), undefined), "GET /api/admin/prices");
    await refused(await prices.PUT(req("/api/admin/prices", { ...bearer, method: "PUT", body: { prices: { nano_banana_2: 0 } } }), undefined), "PUT /api/admin/prices");
    const invite = await import("@/app/api/admin/users/[id]/invite/route");
    await refused(await invite.POST(req(`/api/admin/users/${carl.id}/invite`, { ...bearer, method: "POST" }), id(carl.id)), "POST /api/admin/users/{id}/invite");
    // The admin routes, the same.
    const settings = await import("@/app/api/admin/settings/route");
    await refused(await settings.GET(req("/api/admin/settings", bearer), undefined), "GET /api/admin/settings");
    await refused(await settings.PUT(req("/api/admin/settings", { ...bearer, method: "PUT", body: { tokenMaxDays: 3650 } }), undefined), "PUT /api/admin/settings");
    const signOutOne = await import("@/app/api/admin/users/[id]/sign-out/route");
    await refused(await signOutOne.POST(req(`/api/admin/users/${carl.id}/sign-out`, { ...bearer, method: "POST" }), id(carl.id)), "POST /api/admin/users/{id}/sign-out");
    const signOutAll = await import("@/app/api/admin/sign-out-everyone/route");
    await refused(await signOutAll.POST(req("/api/admin/sign-out-everyone", { ...bearer, method: "POST" }), undefined), "POST /api/admin/sign-out-everyone");
    const session = await import("@/app/api/session/route");
    await refused(await session.GET(req("/api/session", bearer), undefined), "GET /api/session");
    await refused(await session.DELETE(req("/api/session?all=1", { ...bearer, method: "DELETE" }), undefined), "DELETE /api/session?all=1");
    const password = await import("@/app/api/session/password/route");
    await refused(
      await password.POST(req("/api/session/password", { ...bearer, method: "POST", body: { currentPassword: ADMIN_PASSWORD, newPassword: "stolen-password-1" } }), undefined),
      "POST /api/session/password",
    );

    // Nothing changed: the token, the person, the password, the sessions.
    const { items } = (await (await listTokens({ cookie: root })).json()) as { items: Token[] };
    expect(items.map((t) => t.name)).toEqual(["root's script"]);
    const everyone = (await (await routes.users.GET(req("/api/admin/users", { cookie: root }), undefined)).json()) as { items: { name: string; role: string }[] };
    expect(everyone.items.find((u) => u.name === "carl")?.role).toBe("member");
    expect(everyone.items.map((u) => u.name)).not.toContain("mallory");
    expect((await session.GET(req("/api/session", { cookie: root }), undefined)).status).toBe(200);
    expect((await session.GET(req("/api/session", { cookie: carl.cookie }), undefined)).status).toBe(200);
    expect(await (await settings.GET(req("/api/admin/settings", { cookie: root }), undefined)).json()).toEqual({ tokenMaxDays: 365 });
    expect(await works(adminToken.token)).toBe(200);
    expect((await signIn("root", ADMIN_PASSWORD)).length).toBeGreaterThan(0);
  });

  it("an admin's password reset ends the person's tokens", async () => {
    const dora = await member("dora");
    const token = await madeToken({ cookie: dora.cookie }, { name: "dora's script", expiresInDays: 30 });
    expect(await works(token.token)).toBe(200);
    const reset = await routes.user.PATCH(req(`/api/admin/users/${dora.id}`, { method: "PATCH", cookie: root, body: { password: "dora-password-2" } }), id(dora.id));
    expect(reset.status).toBe(200);
    expect(await works(token.token)).toBe(401);
  });

  it("disabling a person ends their tokens: enabled again, the token stays revoked", async () => {
    const emil = await member("emil");
    const token = await madeToken({ cookie: emil.cookie }, { name: "emil's script", expiresInDays: 30 });
    const patch = (body: unknown) => routes.user.PATCH(req(`/api/admin/users/${emil.id}`, { method: "PATCH", cookie: root, body }), id(emil.id));
    expect((await patch({ disabled: true })).status).toBe(200);
    expect((await patch({ disabled: false })).status).toBe(200);
    expect(await works(token.token)).toBe(401);
  });

  it("sign out everywhere ends the person's tokens by default; endTokens=0 keeps them", async () => {
    const session = await import("@/app/api/session/route");
    const fay = await member("fay");
    const kept = await madeToken({ cookie: fay.cookie }, { name: "kept", expiresInDays: 30 });
    const out = await session.DELETE(req("/api/session?all=1&endTokens=0", { method: "DELETE", cookie: fay.cookie }), undefined);
    expect(out.status).toBe(204);
    expect(await works(kept.token)).toBe(200);

    const cookie = await signIn("fay", fay.password);
    const ended = await madeToken({ cookie }, { name: "ended", expiresInDays: 30 });
    expect((await session.DELETE(req("/api/session?all=1", { method: "DELETE", cookie }), undefined)).status).toBe(204);
    expect(await works(ended.token)).toBe(401);
    expect(await works(kept.token)).toBe(401);
  });

  it("a password change ends the person's tokens by default; endTokens: false keeps them", async () => {
    const password = await import("@/app/api/session/password/route");
    const gus = await member("gus");
    const token = await madeToken({ cookie: gus.cookie }, { name: "gus's script", expiresInDays: 30 });
    const change = (cookie: string, body: Record<string, unknown>) => password.POST(req("/api/session/password", { method: "POST", cookie, body }), undefined);
    const first = await change(gus.cookie, { currentPassword: gus.password, newPassword: "gus-password-2", endTokens: false });
    expect(first.status).toBe(204);
    expect(await works(token.token)).toBe(200);
    const second = await change(cookieOf(first), { currentPassword: "gus-password-2", newPassword: "gus-password-3" });
    expect(second.status).toBe(204);
    expect(await works(token.token)).toBe(401);
  });

  it("a token lives at most as long as the admins allow: 365 days unless they set another maximum", async () => {
    const hal = await member("hal");
    const forever = await madeToken({ cookie: hal.cookie }, { name: "no expiry asked", expiresInDays: null });
    expect(Date.parse(forever.expiresAt!) - Date.parse(forever.createdAt)).toBe(365 * DAY);
    const long = await madeToken({ cookie: hal.cookie }, { name: "ten years asked", expiresInDays: 3650 });
    expect(Date.parse(long.expiresAt!) - Date.parse(long.createdAt)).toBe(365 * DAY);

    const settings = await import("@/app/api/admin/settings/route");
    expect(await (await settings.GET(req("/api/admin/settings", { cookie: root }), undefined)).json()).toEqual({ tokenMaxDays: 365 });
    const put = (auth: Init, body: unknown) => settings.PUT(req("/api/admin/settings", { ...auth, method: "PUT", body }), undefined);
    expect((await put({ cookie: hal.cookie }, { tokenMaxDays: 3650 })).status).toBe(403);
    expect((await settings.GET(req("/api/admin/settings", { cookie: hal.cookie }), undefined)).status).toBe(403);
    expect((await put({ cookie: root }, { tokenMaxDays: 0 })).status).toBe(400);
    const lowered = await put({ cookie: root }, { tokenMaxDays: 30 });
    expect(lowered.status).toBe(200);
    expect(await lowered.json()).toEqual({ tokenMaxDays: 30 });
    try {
      const capped = await madeToken({ cookie: hal.cookie }, { name: "ninety days asked", expiresInDays: 90 });
      expect(Date.parse(capped.expiresAt!) - Date.parse(capped.createdAt)).toBe(30 * DAY);
      // Lowering the maximum shortens the tokens made before: the list says so, and so does the next use.
      const { items } = (await (await listTokens({ cookie: hal.cookie })).json()) as { items: Token[] };
      for (const item of items) expect(Date.parse(item.expiresAt!) - Date.parse(item.createdAt)).toBe(30 * DAY);
      const clock = vi.spyOn(Date, "now").mockImplementation(() => Date.parse(forever.createdAt) + 30 * DAY);
      try {
        expect(await works(forever.token)).toBe(401);
      } finally {
        clock.mockRestore();
      }
    } finally {
      expect((await put({ cookie: root }, { tokenMaxDays: 365 })).status).toBe(200);
    }
  });

  it("a token that never expires, from before the maximum, ends at its creation plus the maximum", async () => {
    const ida = await member("ida");
    const { createApiToken } = await import("@/lib/auth/api-tokens");
    const longAgo = Date.now() - 400 * DAY;
    const { token } = await createApiToken({ db: studio.deps.db, user: { id: ida.id }, name: "from 2025", expiresInDays: null, now: longAgo });
    const { items } = (await (await listTokens({ cookie: ida.cookie })).json()) as { items: Token[] };
    expect(items.map((t) => [t.name, t.expiresAt])).toEqual([["from 2025", new Date(longAgo + 365 * DAY).toISOString()]]);
    expect(await works(token)).toBe(401);
  });

  it("a person holds at most 50 tokens: the 51st is 429 naming the cap; the list comes in pages", async () => {
    const jo = await member("jo");
    const made: string[] = [];
    for (let i = 0; i < 50; i++) made.push((await madeToken({ cookie: jo.cookie }, { name: `token ${i}`, expiresInDays: 30 })).id);
    const over = await createToken({ cookie: jo.cookie }, { name: "one too many", expiresInDays: 30 });
    expect(over.status).toBe(429);
    expect((await errorOf(over)).message).toMatch(/50 API tokens/);

    type Page = { items: Token[]; nextCursor: string | null };
    const page = async (query: string) => {
      const res = await listTokens({ cookie: jo.cookie }, query);
      expect(res.status, query).toBe(200);
      return (await res.json()) as Page;
    };
    const first = await page("?limit=20");
    expect(first.items).toHaveLength(20);
    const second = await page(`?limit=20&cursor=${first.nextCursor}`);
    const third = await page(`?limit=20&cursor=${second.nextCursor}`);
    expect(third.nextCursor).toBeNull();
    expect([...first.items, ...second.items, ...third.items].map((t) => t.id)).toEqual([...made].reverse());
    // The default page holds all of a person's tokens.
    expect((await page("")).items).toHaveLength(50);
    expect((await listTokens({ cookie: jo.cookie }, "?cursor=nonsense")).status).toBe(400);

    // Revoking one makes room again.
    expect((await revoke({ cookie: jo.cookie }, made[0])).status).toBe(204);
    expect((await createToken({ cookie: jo.cookie }, { name: "room again", expiresInDays: 30 })).status).toBe(201);
  });
});
