import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealSession } from "@/lib/auth/session-cookie";
import { bootStudio, type Studio } from "@/lib/testing/studio";

// STUDIO_AUTH=password through the real route handlers.
const SECRET = "a-session-secret-of-at-least-32-characters!";
let studio: Studio;
let session: typeof import("@/app/api/session/route");
beforeAll(async () => {
  // One trusted proxy: its X-Forwarded-For names the client, so tests can be several addresses.
  studio = await bootStudio({ STUDIO_AUTH: "password", STUDIO_PASSWORD: "open sesame", STUDIO_SESSION_SECRET: SECRET, STUDIO_TRUSTED_PROXIES: "1", STUDIO_ADMINS: "boss" });
  session = await import("@/app/api/session/route");
});
afterAll(() => studio.cleanup());

const base = "http://studio.test";
const signIn = (body: unknown, headers: Record<string, string> = {}) =>
  session.POST(new Request(`${base}/api/session`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": "192.0.2.7", ...headers }, body: JSON.stringify(body) }), undefined);
const withCookie = (cookie: string) => ({ cookie });

describe("password mode", () => {
  it("refuses every API route without a session, except health", async () => {
    for (const res of [await studio.list(), await studio.create({ model: "nano_banana_2", prompt: "p" }), await studio.get("gen_01J00000000000000000000000")]) {
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
    expect((await studio.health()).status).toBe(200);
    expect((await session.GET(new Request(`${base}/api/session`), undefined)).status).toBe(401);
  });

  it("a wrong password is 401 and sets no cookie", async () => {
    const res = await signIn({ name: "alice", password: "nope" });
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("the right password gives a session that works, and sign-out clears it", async () => {
    const res = await signIn({ name: "alice", password: "open sesame" }, { "x-forwarded-for": "192.0.2.8" });
    expect(res.status).toBe(204);
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(";")[0];

    const me = await session.GET(new Request(`${base}/api/session`, { headers: withCookie(cookie) }), undefined);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: "alice", auth: "password", limits: { daily: 200, usedToday: 0, maxActive: 8 } });

    const generations = await import("@/app/api/generations/route");
    const created = await generations.POST(
      new Request(`${base}/api/generations`, { method: "POST", headers: { "content-type": "application/json", ...withCookie(cookie) }, body: JSON.stringify({ model: "nano_banana_2", prompt: "by alice" }) }),
      undefined,
    );
    expect(created.status).toBe(201);
    const [g] = ((await created.json()) as { generations: { createdBy: string }[] }).generations;
    expect(g.createdBy).toBe("alice");

    const out = await session.DELETE(new Request(`${base}/api/session`, { method: "DELETE", headers: withCookie(cookie) }), undefined);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
  });

  it("forged, expired and signed-out session ids are refused", async () => {
    const res = await signIn({ name: "alice", password: "open sesame" }, { "x-forwarded-for": "192.0.2.30" });
    const cookie = res.headers.get("set-cookie")!.split(";")[0];
    const value = cookie.split("=")[1];
    const me = (c: string) => session.GET(new Request(`${base}/api/session`, { headers: withCookie(c) }), undefined);
    expect((await me(cookie)).status).toBe(200);
    // A sealed cookie of the old kind, a near miss of the real id, garbage: none is a session.
    const forged = await sealSession({ user: "alice", secret: SECRET, ttlSeconds: 3600 });
    for (const other of [forged, value.slice(0, -1) + (value.endsWith("A") ? "B" : "A"), "not-a-session"]) {
      expect((await me(`studio_session=${other}`)).status).toBe(401);
    }
    const realNow = Date.now;
    Date.now = () => realNow() + 31 * 86_400_000;
    try {
      expect((await me(cookie)).status).toBe(401);
    } finally {
      Date.now = realNow;
    }
    // Signing out ends the session on the server: the same cookie replayed is refused.
    const again = (await signIn({ name: "alice", password: "open sesame" }, { "x-forwarded-for": "192.0.2.31" })).headers.get("set-cookie")!.split(";")[0];
    await session.DELETE(new Request(`${base}/api/session`, { method: "DELETE", headers: withCookie(again) }), undefined);
    expect((await me(again)).status).toBe(401);
  });

  it("only the creator may delete", async () => {
    const login = async (name: string, ip: string) => (await signIn({ name, password: "open sesame" }, { "x-forwarded-for": ip })).headers.get("set-cookie")!.split(";")[0];
    const alice = await login("alice", "192.0.2.20");
    const bob = await login("bob", "192.0.2.21");
    const generations = await import("@/app/api/generations/route");
    const one = await import("@/app/api/generations/[id]/route");
    const res = await generations.POST(
      new Request(`${base}/api/generations`, { method: "POST", headers: { "content-type": "application/json", cookie: alice }, body: JSON.stringify({ model: "nano_banana_2", prompt: "alice's" }) }),
      undefined,
    );
    const [g] = ((await res.json()) as { generations: { id: string }[] }).generations;
    const ctx = { params: Promise.resolve({ id: g.id }) };
    const asBob = await one.DELETE(new Request(`${base}/api/generations/${g.id}`, { method: "DELETE", headers: { cookie: bob } }), ctx);
    expect(asBob.status).toBe(403);
    const viewByBob = await one.GET(new Request(`${base}/api/generations/${g.id}`, { headers: { cookie: bob } }), ctx);
    expect(viewByBob.status).toBe(200);
    const asAlice = await one.DELETE(new Request(`${base}/api/generations/${g.id}`, { method: "DELETE", headers: { cookie: alice } }), ctx);
    expect(asAlice.status).toBe(204);
  });

  it("wrong passwords from one address are throttled with 429 and Retry-After", async () => {
    const ip = { "x-forwarded-for": "198.51.100.9" };
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) last = await signIn({ name: "eve", password: `guess ${i}` }, ip);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
  }, 30_000);

  it("IPv6 addresses in one /64 share one count; the next /64 has its own", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 5; i++) statuses.push((await signIn({ name: "eve", password: `v6 guess ${i}` }, { "x-forwarded-for": `2001:db8:7:1::${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect((await signIn({ name: "eve", password: "open sesame" }, { "x-forwarded-for": "2001:db8:7:1:ffff:ffff:ffff:9" })).status).toBe(429);
    expect((await signIn({ name: "eve", password: "open sesame" }, { "x-forwarded-for": "2001:db8:7:2::1" })).status).toBe(204);
  }, 30_000);

  it("twenty wrong passwords at once: at most five are checked, the rest wait", async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn({ name: "eve", password: `burst ${i}` }, { "x-forwarded-for": "198.51.100.77" })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(5).fill(401), ...Array(15).fill(429)]);
  }, 30_000);
});

// A session is bound to the shared password (and the secret) it was
// made with; STUDIO_ADMINS wins over the stored role; admins end sessions.
describe("password mode: changing the password, the admin list, ending sessions", () => {
  type PasswordAuth = { password: string; sessionSecret: string; admins: string[] };
  /** Runs with the configuration changed as a restart with another environment would (the config is read once). */
  async function withAuth(change: Partial<PasswordAuth>, run: () => Promise<void>) {
    const { getConfig } = await import("@/lib/config");
    const auth = getConfig().auth as unknown as PasswordAuth;
    const saved = { password: auth.password, sessionSecret: auth.sessionSecret, admins: auth.admins };
    Object.assign(auth, change);
    try {
      await run();
    } finally {
      Object.assign(auth, saved);
    }
  }
  let ip = 100;
  const login = async (name: string, password = "open sesame") => {
    const res = await signIn({ name, password }, { "x-forwarded-for": `192.0.2.${ip++}` });
    expect(res.status, `${name} signs in`).toBe(204);
    return res.headers.get("set-cookie")!.split(";")[0];
  };
  const me = async (cookie: string) => session.GET(new Request(`${base}/api/session`, { headers: withCookie(cookie) }), undefined);
  const roleOf = async (cookie: string) => ((await (await me(cookie)).json()) as { role: string }).role;

  it("a session made before the shared password changed is refused and ended; the new password signs in", async () => {
    const before = await login("alice");
    expect((await me(before)).status).toBe(200);
    await withAuth({ password: "a new sesame" }, async () => {
      expect((await me(before)).status).toBe(401);
      const after = await login("alice", "a new sesame");
      expect((await me(after)).status).toBe(200);
    });
    // Ended, not just refused: the old password back does not bring it back.
    expect((await me(before)).status).toBe(401);
  });

  it("a new session secret ends the sessions made with the old one too", async () => {
    const before = await login("alice");
    await withAuth({ sessionSecret: "another-session-secret-of-32-characters!" }, async () => {
      expect((await me(before)).status).toBe(401);
    });
  });

  it("a name removed from STUDIO_ADMINS is a member from its next request; someone an admin promoted in the studio stays admin", async () => {
    const boss = await login("boss");
    expect(await roleOf(boss)).toBe("admin");
    const users = await import("@/app/api/admin/users/route");
    const user = await import("@/app/api/admin/users/[id]/route");
    const carol = await login("carol");
    const list = (await (await users.GET(new Request(`${base}/api/admin/users`, { headers: withCookie(boss) }), undefined)).json()) as { items: { id: string; name: string }[] };
    const carolId = list.items.find((u) => u.name === "carol")!.id;
    const patch = (cookie: string, id: string, body: unknown) =>
      user.PATCH(new Request(`${base}/api/admin/users/${id}`, { method: "PATCH", headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) }), { params: Promise.resolve({ id }) });
    expect((await patch(boss, carolId, { role: "admin" })).status).toBe(200);

    await withAuth({ admins: [] }, async () => {
      expect(await roleOf(boss)).toBe("member");
      expect(await roleOf(carol)).toBe("admin");
      // And at sign-in.
      expect(await roleOf(await login("boss"))).toBe("member");
    });
    expect(await roleOf(boss)).toBe("admin");
    // The list decides for a listed name: demoting boss in the studio would be undone at his next request.
    const bossId = list.items.find((u) => u.name === "boss")!.id;
    const undone = await patch(carol, bossId, { role: "member" });
    expect(undone.status).toBe(400);
    expect(((await undone.json()) as { error: { message: string } }).error.message).toMatch(/STUDIO_ADMINS/);
  });

  it("an admin ends every session of a person, or everyone's but their own; a member cannot", async () => {
    const boss = await login("boss");
    const [dan1, dan2, eve] = [await login("dan"), await login("dan"), await login("eve")];
    const users = await import("@/app/api/admin/users/route");
    const list = (await (await users.GET(new Request(`${base}/api/admin/users`, { headers: withCookie(boss) }), undefined)).json()) as { items: { id: string; name: string }[] };
    const danId = list.items.find((u) => u.name === "dan")!.id;
    const signOutOne = await import("@/app/api/admin/users/[id]/sign-out/route");
    const signOutAll = await import("@/app/api/admin/sign-out-everyone/route");
    const post = (cookie: string, path: string) => new Request(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: "{}" });

    expect((await signOutOne.POST(post(eve, `/api/admin/users/${danId}/sign-out`), { params: Promise.resolve({ id: danId }) })).status).toBe(403);
    expect((await signOutAll.POST(post(eve, "/api/admin/sign-out-everyone"), undefined)).status).toBe(403);
    expect((await me(dan1)).status).toBe(200);

    const one = await signOutOne.POST(post(boss, `/api/admin/users/${danId}/sign-out`), { params: Promise.resolve({ id: danId }) });
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual({ sessions: 2, tokens: 0 });
    expect((await me(dan1)).status).toBe(401);
    expect((await me(dan2)).status).toBe(401);
    expect((await me(eve)).status).toBe(200);

    const all = await signOutAll.POST(post(boss, "/api/admin/sign-out-everyone"), undefined);
    expect(all.status).toBe(200);
    expect((await all.json()) as { sessions: number }).toMatchObject({ sessions: expect.any(Number) });
    expect((await me(eve)).status).toBe(401);
    expect((await me(boss)).status).toBe(200);
  });
});
