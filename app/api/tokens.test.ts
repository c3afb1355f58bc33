import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accountsClient, captureLogs, cookieOf, ctx as id, errorOf, type ApiRequestInit } from "@/lib/testing/accounts-client";
import { bootStudio, type Studio } from "@/lib/testing/studio";

// Personal API tokens through the real route handlers, on STUDIO_AUTH=accounts:
// the secret shown once, Bearer acting as its person (limits and attribution
// included) with no cookie and no origin check, revoking by the owner or an
// admin, expiry, a disabled person, and never a secret in a log line.

const ADMIN_PASSWORD = "admin-password-2026";
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
  studio = await bootStudio({
    STUDIO_AUTH: "accounts",
    STUDIO_ADMIN_NAME: "root",
    STUDIO_ADMIN_PASSWORD: ADMIN_PASSWORD,
    STUDIO_TRUSTED_PROXIES: "1",
  });
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

    const forever = await madeToken({ cookie: aliceCookie }, { name: "forever", expiresInDays: null });
    secrets.push(forever.token);
    expect(forever.expiresAt).toBeNull();
    // Without expiresInDays: 90 days.
    const defaulted = await madeToken({ cookie: aliceCookie }, { name: "defaulted" });
    secrets.push(defaulted.token);
    expect(Date.parse(defaulted.expiresAt!) - Date.parse(defaulted.createdAt)).toBe(90 * 86_400_000);

    const res = await listTokens({ cookie: aliceCookie });
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const secret of secrets) expect(text).not.toContain(secret);
    const { items } = JSON.parse(text) as { items: Token[] };
    expect(items.map((t) => t.name)).toEqual(["defaulted", "forever", "ci script"]);
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

    // The use shows in the list.
    const { items } = (await (await listTokens(bearer)).json()) as { items: Token[] };
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
    expect((await (await listTokens({ cookie: admin })).json()) as { items: Token[] }).toEqual({ items: [] });
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

  it("a token revokes itself; an admin revokes anyone's", async () => {
    const self = await madeToken({ cookie: aliceCookie }, { name: "self-revoking", expiresInDays: 1 });
    secrets.push(self.token);
    expect((await revoke({ bearer: self.token }, self.id)).status).toBe(204);
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

  it("a disabled person's token is 403 with the reason", async () => {
    const token = await madeToken({ cookie: aliceCookie }, { name: "before disabling", expiresInDays: null });
    secrets.push(token.token);
    const off = await routes.user.PATCH(req(`/api/admin/users/${aliceId}`, { method: "PATCH", cookie: admin, body: { disabled: true } }), id(aliceId));
    expect(off.status).toBe(200);
    const res = await listGenerations({ bearer: token.token });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).message).toMatch(/disabled/);
    expect((await createGeneration({ bearer: token.token })).status).toBe(403);
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
