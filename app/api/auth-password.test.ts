import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealSession } from "@/lib/auth/session";
import { bootStudio, type Studio } from "@/lib/testing/studio";

// STUDIO_AUTH=password through the real route handlers.
const SECRET = "a-session-secret-of-at-least-32-characters!";
let studio: Studio;
let session: typeof import("@/app/api/session/route");
beforeAll(async () => {
  // One trusted proxy: its X-Forwarded-For names the client, so tests can be several addresses.
  studio = await bootStudio({ STUDIO_AUTH: "password", STUDIO_PASSWORD: "open sesame", STUDIO_SESSION_SECRET: SECRET, STUDIO_TRUSTED_PROXIES: "1" });
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
});
