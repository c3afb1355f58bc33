import { afterEach, describe, expect, it } from "vitest";
import { testDeps } from "@/lib/testing/deps";
import { identify } from "./identify";
import { openSession, sealSession, sessionCookie, SESSION_COOKIE } from "./session";
import { FREE_ATTEMPTS, signIn } from "./sign-in";

const secret = "s".repeat(40);
const password = { mode: "password" as const, password: "hunter2-correct", sessionSecret: secret, sessionDays: 30 };
const withCookie = (value: string) => new Request("http://studio.test/", { headers: { cookie: `${SESSION_COOKIE}=${value}` } });

describe("sessions", () => {
  it("round-trips a user through a sealed cookie", async () => {
    const sealed = await sealSession({ user: "alice", secret, ttlSeconds: 60 });
    expect(sealed).not.toContain("alice");
    expect(await openSession({ sealed, secret, ttlSeconds: 60 })).toBe("alice");
    expect(await identify(withCookie(sealed), password)).toBe("alice");
  });

  it("refuses a forged, tampered or foreign-secret cookie, and no cookie", async () => {
    const sealed = await sealSession({ user: "alice", secret, ttlSeconds: 60 });
    const tampered = sealed.slice(0, -4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
    const foreign = await sealSession({ user: "mallory", secret: "x".repeat(40), ttlSeconds: 60 });
    for (const value of ["alice", "Fe26.2**garbage", tampered, foreign]) {
      await expect(identify(withCookie(value), password)).rejects.toMatchObject({ code: "unauthorized" });
    }
    await expect(identify(new Request("http://studio.test/"), password)).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("refuses a seal whose time-to-live has passed", async () => {
    const realNow = Date.now;
    const sealed = await sealSession({ user: "alice", secret, ttlSeconds: 1 });
    Date.now = () => realNow() + 120_000;
    try {
      expect(await openSession({ sealed, secret, ttlSeconds: 1 })).toBeUndefined();
    } finally {
      Date.now = realNow;
    }
  });

  it("writes an HttpOnly, SameSite=Lax cookie", () => {
    const cookie = sessionCookie({ value: "v", maxAgeSeconds: 100, secure: true });
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
  });
});

describe("header mode", () => {
  const header = { mode: "header" as const, userHeader: "x-forwarded-user" };
  it("takes the user from the header and refuses without it", async () => {
    expect(await identify(new Request("http://s/", { headers: { "X-Forwarded-User": "bob" } }), header)).toBe("bob");
    await expect(identify(new Request("http://s/"), header)).rejects.toMatchObject({ code: "unauthorized" });
    await expect(identify(new Request("http://s/", { headers: { "x-forwarded-user": "  " } }), header)).rejects.toMatchObject({ code: "unauthorized" });
    await expect(identify(new Request("http://s/", { headers: { "x-forwarded-user": "<script>" } }), header)).rejects.toMatchObject({ code: "unauthorized" });
  });
});

describe("sign-in throttle", () => {
  let env: ReturnType<typeof testDeps>;
  afterEach(() => env?.cleanup());
  const noDelay = async () => {};

  it("slows wrong passwords per address and lets the right one in", async () => {
    env = testDeps();
    const attempt = (pw: string, address = "10.0.0.1") =>
      signIn({ db: env.deps.db, auth: password, name: "alice", password: pw, address, delay: noDelay });
    for (let i = 0; i < FREE_ATTEMPTS; i++) await expect(attempt("wrong")).rejects.toMatchObject({ code: "unauthorized" });
    // Now even the right password waits: the address is throttled.
    await expect(attempt("hunter2-correct")).rejects.toMatchObject({ code: "rate_limited" });
    // Another address is not affected.
    const ok = await attempt("hunter2-correct", "10.0.0.2");
    expect(await openSession({ sealed: ok.sealed, secret, ttlSeconds: 60 })).toBe("alice");
  });
});
