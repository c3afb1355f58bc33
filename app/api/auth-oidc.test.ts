import { sealData, unsealData } from "iron-session";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSessionId } from "@/lib/auth/sessions";
import { startTestProvider, TEST_ACCOUNTS, type TestAccount, type TestProvider } from "@/lib/testing/oidc-provider";
import { bootStudio, type Studio } from "@/lib/testing/studio";

// STUDIO_AUTH=oidc through the real route handlers, against a real OpenID
// Connect provider on loopback. A small "browser" (a cookie jar and a
// redirect walk) carries a person from the studio to the provider's login and
// consent and back; requests to the studio go to the handlers in-process.

const SECRET = "an-oidc-transaction-secret-of-32-chars-or-more";
const base = "http://studio.test";
const CALLBACK = `${base}/api/auth/oidc/callback`;
// The provider's people, as this file changes them: eve later calls herself
// "alice" (a name she may pick at such a provider), alice is renamed.
const ACCOUNTS: TestAccount[] = [...TEST_ACCOUNTS.map((a) => ({ ...a })), { sub: "u-eve", password: "eve-pw", preferred_username: "eve", email: "eve@example.test" }];
const account = (sub: string) => ACCOUNTS.find((a) => a.sub === sub)!;
let provider: TestProvider;
let studio: Studio;
let routes: {
  start: typeof import("@/app/api/auth/oidc/start/route");
  callback: typeof import("@/app/api/auth/oidc/callback/route");
  session: typeof import("@/app/api/session/route");
};

beforeAll(async () => {
  provider = await startTestProvider({ clientId: "studio", clientSecret: "studio-client-secret", redirectUris: [CALLBACK], claimsIn: "id_token", accounts: ACCOUNTS });
  studio = await bootStudio({
    STUDIO_AUTH: "oidc",
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: "studio",
    OIDC_CLIENT_SECRET: "studio-client-secret",
    STUDIO_SESSION_SECRET: SECRET,
    // By email, in other letters than the provider's: emails compare case-insensitively.
    STUDIO_ADMINS: "ALICE@example.TEST, someone-else",
  });
  routes = {
    start: await import("@/app/api/auth/oidc/start/route"),
    callback: await import("@/app/api/auth/oidc/callback/route"),
    session: await import("@/app/api/session/route"),
  };
});
afterAll(async () => {
  await provider?.close();
  studio?.cleanup();
});

type Hop = { url: string; res: Response };

class Browser {
  private cookies = new Map<string, Map<string, string>>();
  /** Every Set-Cookie the studio sent, in order. */
  readonly studioSetCookies: string[] = [];

  cookie(host: string, name: string): string | undefined {
    return this.cookies.get(host)?.get(name);
  }
  setCookie(host: string, name: string, value: string) {
    this.cookies.set(host, new Map([...(this.cookies.get(host) ?? []), [name, value]]));
  }

  /** One request; the studio's routes are called in-process. */
  async send(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const jar = this.cookies.get(target.host) ?? new Map<string, string>();
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const headers: Record<string, string> = cookie ? { cookie } : {};
    let res: Response;
    if (target.origin === base) {
      const route = { "/api/auth/oidc/start": routes.start, "/api/auth/oidc/callback": routes.callback, "/api/session": routes.session }[target.pathname];
      if (!route) throw new Error(`no studio route for ${target.pathname}`);
      res = await route.GET(new Request(url, { headers }), undefined);
      this.studioSetCookies.push(...res.headers.getSetCookie());
    } else {
      res = await fetch(url, {
        method: init.method ?? "GET",
        redirect: "manual",
        headers: init.form ? { ...headers, "content-type": "application/x-www-form-urlencoded" } : headers,
        body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      });
    }
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      if (!this.cookies.has(target.host)) this.cookies.set(target.host, new Map());
      const expired = !value || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired) this.cookies.get(target.host)!.delete(name);
      else this.cookies.get(target.host)!.set(name, value);
    }
    return res;
  }

  /**
   * Follows redirects like a browser, stopping at a page (200 or an error), at
   * the studio's callback when `stopAtCallback`, or at a studio page that is
   * not an API route ("/", "/sign-in?error=…"), which is returned unvisited.
   */
  async go(url: string, init: { method?: string; form?: Record<string, string>; stopAtCallback?: boolean } = {}): Promise<Hop> {
    let hop: Hop = { url, res: await this.send(url, init) };
    for (let i = 0; i < 20 && [301, 302, 303, 307].includes(hop.res.status); i++) {
      const next = new URL(hop.res.headers.get("location")!, hop.url).href;
      if (next.startsWith(`${base}/`) && !next.startsWith(`${base}/api/`)) return { url: next, res: hop.res };
      if (init.stopAtCallback && next.startsWith(CALLBACK)) return { url: next, res: hop.res };
      hop = { url: next, res: await this.send(next) };
    }
    return hop;
  }
}

/** start → the provider's login page. */
async function toLogin(browser: Browser, query = ""): Promise<Hop> {
  const hop = await browser.go(`${base}/api/auth/oidc/start${query}`);
  expect(hop.res.status).toBe(200);
  expect(await hop.res.text()).toContain("Sign in to the test provider");
  return hop;
}

/** Log in and allow, up to (not into) the studio's callback: the URL the provider sends the person to. */
async function throughProvider(browser: Browser, who: { username: string; password: string }, query = ""): Promise<string> {
  const login = await toLogin(browser, query);
  const consent = await browser.go(`${login.url}/login`, { method: "POST", form: who });
  expect(await consent.res.text()).toContain("Allow the studio?");
  const back = await browser.go(`${consent.url}/consent`, { method: "POST", form: {}, stopAtCallback: true });
  expect(back.url.startsWith(CALLBACK)).toBe(true);
  return back.url;
}

const ALICE = { username: "alice", password: "alice-pw" };
const BOB = { username: "bob", password: "bob-pw" };

async function signInAs(who: { username: string; password: string }, query = "") {
  const browser = new Browser();
  const callback = await throughProvider(browser, who, query);
  const end = await browser.go(callback);
  return { browser, end, session: browser.cookie("studio.test", "studio_session") };
}

const me = (session: string | undefined) =>
  routes.session.GET(new Request(`${base}/api/session`, { headers: session ? { cookie: `studio_session=${session}` } : {} }), undefined);

describe("STUDIO_AUTH=oidc", () => {
  it("start sends the person to the provider with code + PKCE (S256), state and nonce, and seals the transaction in a cookie", async () => {
    const browser = new Browser();
    const res = await browser.send(`${base}/api/auth/oidc/start`);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get("location")!);
    expect(to.origin).toBe(provider.issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "studio",
      redirect_uri: CALLBACK,
      code_challenge_method: "S256",
      scope: "openid email profile",
    });
    for (const param of ["state", "nonce", "code_challenge"]) expect(to.searchParams.get(param)).toMatch(/^[\w-]{40,}$/);
    expect(to.search).not.toMatch(/code_verifier/);

    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^studio_oidc=Fe26\.2\*/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=600/);
    expect(cookie).toMatch(/Path=\/api\/auth\/oidc/);
    // Sealed: nothing of the transaction is readable in the cookie.
    expect(cookie).not.toContain(to.searchParams.get("state")!);
  });

  it("signs alice in: provider login and consent, back on / with a session that /api/session knows, as admin (STUDIO_ADMINS by email)", async () => {
    const { browser, end, session } = await signInAs(ALICE);
    expect(end.url).toBe(`${base}/`);
    expect(end.res.status).toBe(302);
    const sessionCookie = browser.studioSetCookies.find((c) => c.startsWith("studio_session="))!;
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    expect(browser.studioSetCookies.filter((c) => c.startsWith("studio_oidc=")).at(-1)).toMatch(/Max-Age=0/);
    expect(browser.cookie("studio.test", "studio_oidc")).toBeUndefined();

    const alice = await studio.deps.db.getUserByName("alice");
    expect(alice).toMatchObject({ email: "alice@example.test", role: "admin", disabled: false, passwordHash: null });
    expect(alice!.id).toMatch(/^usr_/);
    const stored = await studio.deps.db.getSession({ idHash: hashSessionId(session!), now: Date.now() });
    expect(stored?.user.id).toBe(alice!.id);

    const res = await me(session);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: "alice", role: "admin", auth: "oidc" });
  });

  it("someone not in STUDIO_ADMINS is a member; a sign-in again is the same account", async () => {
    const first = await signInAs(BOB);
    expect(first.end.url).toBe(`${base}/`);
    const bob = await studio.deps.db.getUserByName("bob");
    expect(bob).toMatchObject({ role: "member", email: "bob@example.test" });
    const again = await signInAs(BOB);
    expect(again.session).toBeDefined();
    expect(again.session).not.toBe(first.session);
    expect((await studio.deps.db.getUserByName("bob"))!.id).toBe(bob!.id);
    expect(await (await me(again.session)).json()).toMatchObject({ user: "bob", role: "member" });
  });

  it("STUDIO_ADMINS is applied on every sign-in: an admin demoted in the database is admin again", async () => {
    const alice = (await studio.deps.db.getUserByName("alice")) ?? (await signInAs(ALICE), await studio.deps.db.getUserByName("alice"));
    await studio.deps.db.updateUser({ id: alice!.id, patch: { role: "member" } });
    await signInAs(ALICE);
    expect((await studio.deps.db.getUserByName("alice"))!.role).toBe("admin");
  });

  it("goes back to the path it started from, never to another site", async () => {
    expect((await signInAs(BOB, "?returnTo=%2F%3Fq%3Dfoxes")).end.url).toBe(`${base}/?q=foxes`);
    expect((await signInAs(BOB, "?returnTo=%2F%2Fevil.example%2F")).end.url).toBe(`${base}/`);
    expect((await signInAs(BOB, "?returnTo=https%3A%2F%2Fevil.example%2F")).end.url).toBe(`${base}/`);
  });

  it("a tampered state is refused: no session", async () => {
    const browser = new Browser();
    const callback = new URL(await throughProvider(browser, ALICE));
    callback.searchParams.set("state", `${callback.searchParams.get("state")}x`);
    const end = await browser.go(callback.href);
    expect(end.url).toBe(`${base}/sign-in?error=oidc_failed`);
    expect(browser.cookie("studio.test", "studio_session")).toBeUndefined();
    expect(browser.cookie("studio.test", "studio_oidc")).toBeUndefined();
  });

  it("a missing state, or an answer from a sign-in started in another browser, is refused", async () => {
    const browser = new Browser();
    const callback = new URL(await throughProvider(browser, ALICE));
    callback.searchParams.delete("state");
    expect((await browser.go(callback.href)).url).toBe(`${base}/sign-in?error=oidc_failed`);

    // The victim's browser never started this sign-in (login CSRF): no transaction cookie.
    const attacker = new Browser();
    const planted = await throughProvider(attacker, BOB);
    const victim = new Browser();
    expect((await victim.go(planted)).url).toBe(`${base}/sign-in?error=oidc_failed`);
    expect(victim.cookie("studio.test", "studio_session")).toBeUndefined();
  });

  it("an ID token with another nonce than the transaction's is refused", async () => {
    const browser = new Browser();
    const callback = await throughProvider(browser, ALICE);
    // Same state and verifier, another nonce: only the nonce check can catch it.
    const tx = await unsealData<Record<string, unknown>>(browser.cookie("studio.test", "studio_oidc")!, { password: SECRET, ttl: 600 });
    expect(tx.nonce).toEqual(expect.any(String));
    browser.setCookie("studio.test", "studio_oidc", await sealData({ ...tx, nonce: "another-nonce-entirely" }, { password: SECRET, ttl: 600 }));
    const end = await browser.go(callback);
    expect(end.url).toBe(`${base}/sign-in?error=oidc_failed`);
    expect(browser.cookie("studio.test", "studio_session")).toBeUndefined();
  });

  it("a wrong PKCE verifier is refused by the provider", async () => {
    const browser = new Browser();
    const callback = await throughProvider(browser, ALICE);
    const tx = await unsealData<Record<string, unknown>>(browser.cookie("studio.test", "studio_oidc")!, { password: SECRET, ttl: 600 });
    browser.setCookie("studio.test", "studio_oidc", await sealData({ ...tx, codeVerifier: "x".repeat(43) }, { password: SECRET, ttl: 600 }));
    expect((await browser.go(callback)).url).toBe(`${base}/sign-in?error=oidc_failed`);
  });

  it("a transaction cookie sealed with another secret is refused", async () => {
    const browser = new Browser();
    const callback = await throughProvider(browser, ALICE);
    const tx = await unsealData<Record<string, unknown>>(browser.cookie("studio.test", "studio_oidc")!, { password: SECRET, ttl: 600 });
    browser.setCookie("studio.test", "studio_oidc", await sealData(tx, { password: "a-different-secret-of-32-characters-at-least", ttl: 600 }));
    expect((await browser.go(callback)).url).toBe(`${base}/sign-in?error=oidc_failed`);
  });

  it("the provider's error=access_denied (the person pressed Deny) is refused", async () => {
    const browser = new Browser();
    const login = await toLogin(browser);
    const consent = await browser.go(`${login.url}/login`, { method: "POST", form: ALICE });
    const back = await browser.go(`${consent.url}/abort`, { method: "POST", form: {}, stopAtCallback: true });
    expect(new URL(back.url).searchParams.get("error")).toBe("access_denied");
    const end = await browser.go(back.url);
    expect(end.url).toBe(`${base}/sign-in?error=oidc_failed`);
    expect(browser.cookie("studio.test", "studio_session")).toBeUndefined();
  });

  it("a sign-in that took longer than 10 minutes is refused", async () => {
    const browser = new Browser();
    const callback = await throughProvider(browser, ALICE);
    const realNow = Date.now;
    // Past the 10 minutes, within iron-session's one minute of clock skew: the studio's own check refuses it.
    Date.now = () => realNow() + 10.5 * 60_000;
    try {
      expect((await browser.go(callback)).url).toBe(`${base}/sign-in?error=oidc_failed`);
    } finally {
      Date.now = realNow;
    }
    expect(browser.cookie("studio.test", "studio_session")).toBeUndefined();
  });

  it("a disabled account gets no session", async () => {
    await signInAs(BOB);
    const bob = (await studio.deps.db.getUserByName("bob"))!;
    await studio.deps.db.updateUser({ id: bob.id, patch: { disabled: true } });
    try {
      const { end, session, browser } = await signInAs(BOB);
      expect(end.url).toBe(`${base}/sign-in?error=disabled`);
      expect(session).toBeUndefined();
      expect(browser.studioSetCookies.some((c) => c.startsWith("studio_session="))).toBe(false);
    } finally {
      await studio.deps.db.updateUser({ id: bob.id, patch: { disabled: false } });
    }
  });

  it("without preferred_username the email is the name; a name the studio does not allow is refused", async () => {
    const carol = await signInAs({ username: "Carol@Example.test", password: "carol-pw" });
    expect(carol.end.url).toBe(`${base}/`);
    expect(await (await me(carol.session)).json()).toMatchObject({ user: "Carol@Example.test", role: "member" });

    const mallory = await signInAs({ username: "<mallory>", password: "mallory-pw" });
    expect(mallory.end.url).toBe(`${base}/sign-in?error=oidc_failed`);
    expect(mallory.session).toBeUndefined();
    expect(await studio.deps.db.getUserByName("<mallory>")).toBeUndefined();
  });
  it("an account is the provider's person (issuer + sub), not the name: someone else calling herself alice is refused", async () => {
    await signInAs(ALICE);
    const alice = (await studio.deps.db.getUserByName("alice"))!;
    expect(alice.ssoSubject).toBe(`${provider.issuer} u-alice`);
    account("u-eve").preferred_username = "alice";
    try {
      const eve = await signInAs({ username: "alice", password: "eve-pw" });
      expect(eve.end.url).toBe(`${base}/sign-in?error=oidc_failed`);
      expect(eve.session).toBeUndefined();
      // Nothing of alice's account changed, the email STUDIO_ADMINS knows her by included.
      expect(await studio.deps.db.getUserByName("alice")).toEqual({ ...alice, lastSeenAt: expect.any(Number) });
      expect(await studio.deps.db.getUserBySsoSubject(`${provider.issuer} u-eve`)).toBeUndefined();
    } finally {
      account("u-eve").preferred_username = "eve";
    }
  });

  it("renamed at the provider, alice is still her account: her name, role and pictures stay", async () => {
    await signInAs(ALICE);
    const before = (await studio.deps.db.getUserByName("alice"))!;
    account("u-alice").preferred_username = "alice.w";
    try {
      const renamed = await signInAs({ username: "alice.w", password: "alice-pw" });
      expect(renamed.end.url).toBe(`${base}/`);
      expect(await (await me(renamed.session)).json()).toMatchObject({ user: "alice", role: "admin" });
      expect(await studio.deps.db.getUserByName("alice.w")).toBeUndefined();
      expect((await studio.deps.db.getUserByName("alice"))!.id).toBe(before.id);
    } finally {
      account("u-alice").preferred_username = "alice";
    }
  });

  it("an account from before subjects were kept is linked at its first sign-in, then only that person is it", async () => {
    await signInAs(BOB);
    const bob = (await studio.deps.db.getUserByName("bob"))!;
    // As an upgraded data dir has it: the account, no subject.
    await studio.deps.db.updateUser({ id: bob.id, patch: { ssoSubject: null } });
    const again = await signInAs(BOB);
    expect(await (await me(again.session)).json()).toMatchObject({ user: "bob" });
    expect(await studio.deps.db.getUserByName("bob")).toMatchObject({ id: bob.id, ssoSubject: `${provider.issuer} u-bob` });

    account("u-eve").preferred_username = "bob";
    try {
      expect((await signInAs({ username: "bob", password: "eve-pw" })).end.url).toBe(`${base}/sign-in?error=oidc_failed`);
    } finally {
      account("u-eve").preferred_username = "eve";
    }
  });

  it("an account linked to a provider since replaced (another issuer) is linked again by its name", async () => {
    await signInAs(BOB);
    const bob = (await studio.deps.db.getUserByName("bob"))!;
    await studio.deps.db.updateUser({ id: bob.id, patch: { ssoSubject: "https://old-provider.example.test 8f3a 2b" } });
    const again = await signInAs(BOB);
    expect(await (await me(again.session)).json()).toMatchObject({ user: "bob" });
    expect(await studio.deps.db.getUserByName("bob")).toMatchObject({ id: bob.id, ssoSubject: `${provider.issuer} u-bob` });
  });
});
