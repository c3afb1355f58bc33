import argon2 from "argon2";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accountsClient, captureLogs, cookieOf, ctx as id, errorOf } from "@/lib/testing/accounts-client";
import { ADMIN, bootAccountsStudio } from "@/lib/testing/accounts-studio";
import type { Studio } from "@/lib/testing/studio";

// STUDIO_AUTH=accounts through the real route handlers: the first admin,
// people added with a password or an invite, per-person limits and budget,
// ownership, per-person stars, disabling, usage. Nothing secret in a log line.

const ADMIN_PASSWORD = ADMIN.password;
let studio: Studio;
let routes: {
  session: typeof import("@/app/api/session/route");
  password: typeof import("@/app/api/session/password/route");
  users: typeof import("@/app/api/admin/users/route");
  user: typeof import("@/app/api/admin/users/[id]/route");
  invite: typeof import("@/app/api/admin/users/[id]/invite/route");
  accept: typeof import("@/app/api/invites/[token]/route");
  prices: typeof import("@/app/api/admin/prices/route");
  usage: typeof import("@/app/api/usage/route");
  usageCsv: typeof import("@/app/api/usage.csv/route");
  generations: typeof import("@/app/api/generations/route");
  generation: typeof import("@/app/api/generations/[id]/route");
};
let logged: string[] = [];

beforeAll(async () => {
  // The per-address limit is low (6, not 50) so the device-cookie test fills it in a few guesses; every other test stays under it.
  studio = await bootAccountsStudio({ STUDIO_TRUSTED_PROXIES: "1", STUDIO_PRICES: "nano_banana_2=0.04,nano_banana_pro-4K=0.24", STUDIO_SIGNIN_FAILURES_PER_ADDRESS: "6" });
  // After boot: the logger reads the configuration once, on import.
  logged = await captureLogs();
  routes = {
    session: await import("@/app/api/session/route"),
    password: await import("@/app/api/session/password/route"),
    users: await import("@/app/api/admin/users/route"),
    user: await import("@/app/api/admin/users/[id]/route"),
    invite: await import("@/app/api/admin/users/[id]/invite/route"),
    accept: await import("@/app/api/invites/[token]/route"),
    prices: await import("@/app/api/admin/prices/route"),
    usage: await import("@/app/api/usage/route"),
    usageCsv: await import("@/app/api/usage.csv/route"),
    generations: await import("@/app/api/generations/route"),
    generation: await import("@/app/api/generations/[id]/route"),
  };
});
afterAll(() => studio.cleanup());

const { req, signInResponse: signIn } = accountsClient();
const create = (cookie: string, body: Record<string, unknown> = {}) =>
  routes.generations.POST(req("/api/generations", { method: "POST", cookie, body: { model: "nano_banana_2", prompt: "a lighthouse", ...body } }), undefined);
type User = { id: string; name: string; role: string; hasPassword: boolean };

let admin = "";
let alice: User;
let aliceCookie = "";
let bob: User;
let bobCookie = "";
let inviteToken = "";

describe("accounts mode", () => {
  it("the first admin from the environment signs in; no cookie is 401", async () => {
    expect((await routes.session.GET(req("/api/session"), undefined)).status).toBe(401);
    expect((await signIn("root", "wrong-password")).status).toBe(401);
    const res = await signIn("root", ADMIN_PASSWORD);
    expect(res.status).toBe(204);
    admin = cookieOf(res);
    const me = await routes.session.GET(req("/api/session", { cookie: admin }), undefined);
    expect(await me.json()).toMatchObject({ user: "root", role: "admin", auth: "accounts" });
  });

  it("an admin adds people with a password or for an invite; short passwords are refused", async () => {
    const short = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: admin, body: { name: "alice", password: "too-short" } }), undefined);
    expect(short.status).toBe(400);
    expect((await errorOf(short)).message).toMatch(/password must be at least 10 characters/);

    const a = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: admin, body: { name: "alice", password: "alice-password-1" } }), undefined);
    expect(a.status).toBe(201);
    alice = (await a.json()) as User;
    expect(alice).toMatchObject({ name: "alice", role: "member", hasPassword: true });
    expect(JSON.stringify(alice)).not.toMatch(/argon2|alice-password/);

    const taken = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: admin, body: { name: "alice", password: "another-password" } }), undefined);
    expect(taken.status).toBe(400);

    const b = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: admin, body: { name: "bob" } }), undefined);
    bob = (await b.json()) as User;
    expect(bob.hasPassword).toBe(false);
    const inv = await routes.invite.POST(req(`/api/admin/users/${bob.id}/invite`, { method: "POST", cookie: admin }), id(bob.id));
    expect(inv.status).toBe(201);
    const { url } = (await inv.json()) as { url: string };
    inviteToken = url.split("/").pop()!;
    expect(inviteToken.length).toBeGreaterThanOrEqual(40);
  });

  it("an invite sets the password once and signs the person in; a second use is refused", async () => {
    const accept = (password: string) =>
      routes.accept.POST(req(`/api/invites/${inviteToken}`, { method: "POST", body: { password } }), { params: Promise.resolve({ token: inviteToken }) });
    expect((await accept("short")).status).toBe(400);
    const first = await accept("bob-password-123");
    expect(first.status).toBe(204);
    bobCookie = cookieOf(first);
    // Setting the password through the invite is a sign-in: the browser gets its device cookie too.
    expect(first.headers.getSetCookie().filter((c) => c.startsWith("studio_device_"))).toHaveLength(1);
    const again = await accept("bob-password-456");
    expect(again.status).toBe(404);
    expect((await errorOf(again)).message).toMatch(/used already or has expired/);
    expect((await signIn("bob", "bob-password-456")).status).toBe(401);
    expect((await signIn("bob", "bob-password-123")).status).toBe(204);
  });

  it("a member calling an admin route is 403", async () => {
    aliceCookie = cookieOf(await signIn("alice", "alice-password-1"));
    for (const res of [
      await routes.users.GET(req("/api/admin/users", { cookie: aliceCookie }), undefined),
      await routes.user.PATCH(req(`/api/admin/users/${alice.id}`, { method: "PATCH", cookie: aliceCookie, body: { role: "admin" } }), id(alice.id)),
      await routes.prices.PUT(req("/api/admin/prices", { method: "PUT", cookie: aliceCookie, body: { prices: { nano_banana_2: 0 } } }), undefined),
    ]) {
      expect(res.status).toBe(403);
    }
  });

  it("only the creator or an admin deletes; stars are per person", async () => {
    const made = await create(aliceCookie);
    expect(made.status).toBe(201);
    const [g] = ((await made.json()) as { generations: { id: string }[] }).generations;
    expect((await routes.generation.DELETE(req(`/api/generations/${g.id}`, { method: "DELETE", cookie: bobCookie }), id(g.id))).status).toBe(403);

    const star = await routes.generation.PATCH(req(`/api/generations/${g.id}`, { method: "PATCH", cookie: bobCookie, body: { favorite: true } }), id(g.id));
    expect(await star.json()).toMatchObject({ favorite: true });
    const asAlice = await routes.generation.GET(req(`/api/generations/${g.id}`, { cookie: aliceCookie }), id(g.id));
    expect(await asAlice.json()).toMatchObject({ favorite: false });
    const bobsStars = await routes.generations.GET(req("/api/generations?favorite=1", { cookie: bobCookie }), undefined);
    expect(((await bobsStars.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([g.id]);
    const alicesStars = await routes.generations.GET(req("/api/generations?favorite=1", { cookie: aliceCookie }), undefined);
    expect(((await alicesStars.json()) as { items: unknown[] }).items).toEqual([]);

    const other = ((await (await create(aliceCookie)).json()) as { generations: { id: string }[] }).generations[0];
    expect((await routes.generation.DELETE(req(`/api/generations/${other.id}`, { method: "DELETE", cookie: admin }), id(other.id))).status).toBe(204);
  });

  it("a person's daily limit and monthly budget refuse with 429 naming them, before anything is sent", async () => {
    const patch = (user: User, body: unknown) => routes.user.PATCH(req(`/api/admin/users/${user.id}`, { method: "PATCH", cookie: admin, body }), id(user.id));
    // alice made 2 today: a limit of 3 leaves one.
    expect((await patch(alice, { dailyLimit: 3 })).status).toBe(200);
    expect((await create(aliceCookie)).status).toBe(201);
    const tasksBefore = studio.sim.stats().submits;
    const over = await create(aliceCookie);
    expect(over.status).toBe(429);
    expect((await errorOf(over)).message).toMatch(/Daily limit reached: 3 of 3/);

    // bob: 0.04 a picture, 0.10 a month: two fit, a third does not.
    expect((await patch(bob, { monthlyBudget: 0.1 })).status).toBe(200);
    expect((await create(bobCookie, { count: 2 })).status).toBe(201);
    const poor = await create(bobCookie);
    expect(poor.status).toBe(429);
    const message = (await errorOf(poor)).message;
    expect(message).toMatch(/Monthly budget reached: \$0\.08 of \$0\.10/);
    expect(studio.sim.stats().submits).toBe(tasksBefore + 2);

    const me = await routes.session.GET(req("/api/session", { cookie: bobCookie }), undefined);
    expect(await me.json()).toMatchObject({ limits: { monthlyBudget: 0.1, spentThisMonth: 0.08, currency: "USD" } });
    // Back to the studio's default: no budget.
    expect(await (await patch(bob, { monthlyBudget: null })).json()).toMatchObject({ monthlyBudget: null });
  });

  it("usage: admins see everyone, members themselves; CSV has the same rows", async () => {
    const byUser = await routes.usage.GET(req("/api/usage?groupBy=user", { cookie: admin }), undefined);
    const report = (await byUser.json()) as { rows: { key: string; pictures: number }[]; total: { cost: number } };
    expect(report.rows.map((r) => r.key).sort()).toEqual(["alice", "bob"]);
    const mine = await routes.usage.GET(req("/api/usage?groupBy=user", { cookie: aliceCookie }), undefined);
    expect(((await mine.json()) as { rows: { key: string }[] }).rows.map((r) => r.key)).toEqual(["alice"]);
    expect((await routes.usage.GET(req("/api/usage?user=bob", { cookie: aliceCookie }), undefined)).status).toBe(403);
    expect((await routes.usage.GET(req("/api/usage?from=2026-13-01", { cookie: admin }), undefined)).status).toBe(400);
    const csv = await routes.usageCsv.GET(req("/api/usage.csv?groupBy=user", { cookie: admin }), undefined);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect((await csv.text()).split("\r\n")[0]).toMatch(/^user,pictures,failed,cost,currency/);
  });

  it("disabling a person ends their sessions: the next request is 403 with a plain message", async () => {
    const res = await routes.user.PATCH(req(`/api/admin/users/${alice.id}`, { method: "PATCH", cookie: admin, body: { disabled: true } }), id(alice.id));
    expect(res.status).toBe(200);
    const next = await routes.generations.GET(req("/api/generations", { cookie: aliceCookie }), undefined);
    expect(next.status).toBe(403);
    expect((await errorOf(next)).message).toMatch(/disabled/);
    // That request ended her sessions: enabling her again does not bring them back.
    expect((await routes.generations.GET(req("/api/generations", { cookie: aliceCookie }), undefined)).status).toBe(401);
    const again = await signIn("alice", "alice-password-1");
    expect(again.status).toBe(403);
    expect((await errorOf(again)).message).toMatch(/disabled/);
    // The last admin cannot be demoted or disabled.
    const rootId = ((await (await routes.users.GET(req("/api/admin/users", { cookie: admin }), undefined)).json()) as { items: User[] }).items.find((u) => u.name === "root")!.id;
    expect((await routes.user.PATCH(req(`/api/admin/users/${rootId}`, { method: "PATCH", cookie: admin, body: { role: "member" } }), id(rootId))).status).toBe(400);
  });

  it("sign out everywhere ends every session of the person; changing the password too", async () => {
    const second = cookieOf(await signIn("bob", "bob-password-123"));
    const out = await routes.session.DELETE(req("/api/session?all=1", { method: "DELETE", cookie: bobCookie }), undefined);
    expect(out.status).toBe(204);
    // Signed-in reads are kept by the browser for Back and Forward (private, no-cache): signing out drops them.
    expect(out.headers.get("clear-site-data")).toBe('"cache"');
    expect((await routes.session.GET(req("/api/session", { cookie: second }), undefined)).status).toBe(401);

    const fresh = cookieOf(await signIn("bob", "bob-password-123"));
    const other = cookieOf(await signIn("bob", "bob-password-123"));
    const wrong = await routes.password.POST(req("/api/session/password", { method: "POST", cookie: fresh, body: { currentPassword: "nope", newPassword: "bob-password-789" } }), undefined);
    expect(wrong.status).toBe(403);
    const changed = await routes.password.POST(
      req("/api/session/password", { method: "POST", cookie: fresh, body: { currentPassword: "bob-password-123", newPassword: "bob-password-789" } }),
      undefined,
    );
    expect(changed.status).toBe(204);
    expect((await routes.session.GET(req("/api/session", { cookie: other }), undefined)).status).toBe(401);
    expect((await routes.session.GET(req("/api/session", { cookie: cookieOf(changed) }), undefined)).status).toBe(200);
  });

  it("no password, hash, session id or invite token reached a log line", () => {
    const all = logged.join("\n");
    expect(all).toContain("signed in");
    for (const secret of [ADMIN_PASSWORD, "alice-password-1", "bob-password-123", "bob-password-789", inviteToken, "$argon2", admin.split("=")[1], aliceCookie.split("=")[1]]) {
      expect(all).not.toContain(secret);
    }
  });
});

// The wrong-password throttle: counted per account at an address
// (5 in 15 minutes) and per address over all accounts (50; 6 here), the check
// and the count one step, so parallel guesses cannot all pass before one is
// counted. A browser that signed in as a person before (its device cookie) is
// counted on its own, not with the address.
describe("the wrong-password throttle", () => {
  const CAROL = "carol-password-1";
  const DAVE = "dave-password-12";
  const signInFrom = (address: string, name: string, password: string) =>
    routes.session.POST(req("/api/session", { method: "POST", body: { name, password }, headers: { "x-forwarded-for": address } }), undefined);
  const changePasswordFrom = (address: string, cookie: string, currentPassword: string) =>
    routes.password.POST(
      req("/api/session/password", { method: "POST", cookie, body: { currentPassword, newPassword: "carol-password-2" }, headers: { "x-forwarded-for": address } }),
      undefined,
    );

  beforeAll(async () => {
    for (const [name, password] of [["carol", CAROL], ["dave", DAVE]]) {
      const res = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: admin, body: { name, password } }), undefined);
      expect(res.status).toBe(201);
    }
  });

  it("4 guesses at the admin and a sign-in as oneself, repeated from one address, reach the admin's limit", async () => {
    const address = "203.0.113.40";
    const guesses: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) guesses.push((await signInFrom(address, "root", `guess-${round}-${i}`)).status);
      expect((await signInFrom(address, "carol", CAROL)).status).toBe(204);
    }
    expect(guesses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    // Even the right password waits at that address; from another, root is in.
    expect((await signInFrom(address, "root", ADMIN_PASSWORD)).status).toBe(429);
    expect((await signInFrom("203.0.113.140", "root", ADMIN_PASSWORD)).status).toBe(204);
  }, 60_000);

  it("someone else's guesses at another account do not lock out a person who types the right password at the same address", async () => {
    const address = "203.0.113.41";
    const guesses: number[] = [];
    for (let i = 0; i < 5; i++) guesses.push((await signInFrom(address, "dave", `not-daves-${i}`)).status);
    expect(guesses).toEqual([401, 401, 401, 401, 401]);
    expect((await signInFrom(address, "carol", CAROL)).status).toBe(204);
    // Carol's sign-in did not clear dave's count: his limit still holds there, right password or not.
    const locked = await signInFrom(address, "dave", DAVE);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await signInFrom(address, "dave", "not-daves-again")).status).toBe(429);
  }, 60_000);

  it("twenty wrong guesses at once check at most five passwords, for a known name and an unknown one alike", async () => {
    const verify = vi.spyOn(argon2, "verify");
    try {
      for (const [name, address] of [["root", "203.0.113.42"], ["nobody-by-this-name", "203.0.113.43"]]) {
        verify.mockClear();
        const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => signInFrom(address, name, `parallel-guess-${i}`)));
        expect(verify).toHaveBeenCalledTimes(5);
        expect(answers.map((a) => a.status).sort()).toEqual([...Array(5).fill(401), ...Array(15).fill(429)]);
      }
    } finally {
      verify.mockRestore();
    }
  }, 60_000);

  it("the current-password check of a password change goes through the same throttle", async () => {
    const address = "203.0.113.44";
    const carol = cookieOf(await signInFrom(address, "carol", CAROL));
    const wrong: number[] = [];
    for (let i = 0; i < 5; i++) wrong.push((await changePasswordFrom(address, carol, `not-carols-${i}`)).status);
    expect(wrong).toEqual([403, 403, 403, 403, 403]);
    const locked = await changePasswordFrom(address, carol, CAROL);
    expect(locked.status).toBe(429);
    expect((await errorOf(locked)).code).toBe("rate_limited");
    // One count with signing in: carol's sign-in from there waits too, not from elsewhere.
    expect((await signInFrom(address, "carol", CAROL)).status).toBe(429);
    expect((await signInFrom("203.0.113.144", "carol", CAROL)).status).toBe(204);
  }, 60_000);

  it("guesses spread over many names lock the address, but not a person whose browser signed in as her before (device cookie)", async () => {
    const address = "203.0.113.45";
    const ERIN = "erin-password-1";
    const FRANK = "frank-password-1";
    for (const [name, password] of [["erin", ERIN], ["frank", FRANK]]) {
      expect((await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: admin, body: { name, password } }), undefined)).status).toBe(201);
    }
    const from = (name: string, password: string, cookie?: string, at = address) =>
      routes.session.POST(req("/api/session", { method: "POST", body: { name, password }, headers: { "x-forwarded-for": at, ...(cookie ? { cookie } : {}) } }), undefined);
    /** The device cookie a sign-in set (`name=value`), "" when none. */
    const deviceOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("studio_device_")) ?? "";

    // Erin signs in at the office; frank in another browser elsewhere. Each browser keeps its device cookie.
    const erinSignIn = await from("erin", ERIN);
    expect(erinSignIn.status).toBe(204);
    const erinDevice = deviceOf(erinSignIn);
    const frankDevice = deviceOf(await from("frank", FRANK, undefined, "203.0.113.145"));

    // Someone at the office sprays one password at six other names: the address's limit (6) is reached.
    const sprayed: number[] = [];
    for (let i = 0; i < 6; i++) sprayed.push((await from(`staff-${i}`, "Summer2026!")).status);
    expect(sprayed).toEqual([401, 401, 401, 401, 401, 401]);

    // Erin's browser, with her device cookie and her password, still gets in.
    expect((await from("erin", ERIN, erinDevice)).status).toBe(204);
    // A fresh browser at that address, even with the right password, waits: the spraying is still stopped.
    expect((await from("erin", ERIN)).status).toBe(429);
    const [name, value] = erinDevice.split("=");
    const [frankName, frankValue] = frankDevice.split("=");
    // A forged or altered device cookie is no exemption.
    const altered = value.slice(0, -2) + (value.endsWith("AA") ? "BB" : "AA");
    expect((await from("erin", ERIN, `${name}=${altered}`)).status).toBe(429);
    expect((await from("erin", ERIN, `${name}=not-a-device-cookie`)).status).toBe(429);
    // Erin's device cookie opens nothing for frank: not under her cookie's name, not moved under his.
    expect((await from("frank", FRANK, erinDevice)).status).toBe(429);
    expect((await from("frank", FRANK, `${frankName}=${value}`)).status).toBe(429);
    // Nor frank's for erin.
    expect((await from("erin", ERIN, `${name}=${frankValue}`)).status).toBe(429);
    // Frank's own browser is in, at the locked address too.
    expect((await from("frank", FRANK, frankDevice)).status).toBe(204);
  }, 60_000);

  it("a device cookie's wrong passwords are counted for that browser alone; the current-password check honours it too", async () => {
    const address = "203.0.113.46";
    const GRACE = "grace-password-1";
    expect((await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: admin, body: { name: "grace", password: GRACE } }), undefined)).status).toBe(201);
    const from = (password: string, cookie?: string, at = address) =>
      routes.session.POST(req("/api/session", { method: "POST", body: { name: "grace", password }, headers: { "x-forwarded-for": at, ...(cookie ? { cookie } : {}) } }), undefined);
    const signedIn = await from(GRACE, undefined, "203.0.113.146");
    const device = signedIn.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("studio_device_")) ?? "";
    const session = cookieOf(signedIn);

    // Six wrong names at the address lock it; grace's password change there, from her browser, still checks her password.
    for (let i = 0; i < 6; i++) expect((await signInFrom(address, `visitor-${i}`, "Winter2026!")).status).toBe(401);
    const change = (currentPassword: string, cookie: string) =>
      routes.password.POST(req("/api/session/password", { method: "POST", cookie, body: { currentPassword, newPassword: "grace-password-2" }, headers: { "x-forwarded-for": address } }), undefined);
    expect((await change(GRACE, session)).status).toBe(429);
    const changed = await change(GRACE, `${session}; ${device}`);
    expect(changed.status).toBe(204);
    const fresh = cookieOf(changed);

    // The browser's own wrong passwords: five, then it waits, right password or not; a colleague's browser is not counted with it.
    const wrong: number[] = [];
    for (let i = 0; i < 5; i++) wrong.push((await from(`not-graces-${i}`, device, "203.0.113.147")).status);
    expect(wrong).toEqual([401, 401, 401, 401, 401]);
    expect((await from("grace-password-2", device, "203.0.113.147")).status).toBe(429);
    expect((await from("grace-password-2", undefined, "203.0.113.147")).status).toBe(204);
    expect(fresh).toMatch(/^studio_session=/);
  }, 60_000);
});

// An admin ends a person's sessions (and tokens, unless told not to)
// or everyone's but their own, from /admin.
describe("an admin signs people out", () => {
  it("a person's sessions and tokens end; with endTokens false the tokens stay; everyone's sessions end but the admin's own", async () => {
    const tokens = await import("@/app/api/tokens/route");
    const signOutOne = await import("@/app/api/admin/users/[id]/sign-out/route");
    const signOutAll = await import("@/app/api/admin/sign-out-everyone/route");
    const root = cookieOf(await signIn("root", ADMIN_PASSWORD));
    const made = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: root, body: { name: "kim", password: "kim-password-1" } }), undefined);
    const kim = (await made.json()) as User;
    const kimCookie = cookieOf(await signIn("kim", "kim-password-1"));
    const newToken = async () => ((await (await tokens.POST(req("/api/tokens", { method: "POST", cookie: kimCookie, body: { name: "kim's" } }), undefined)).json()) as { token: string }).token;
    const works = async (auth: { cookie?: string; bearer?: string }) => (await routes.generations.GET(req("/api/generations", auth), undefined)).status;
    const kept = await newToken();

    const keepTokens = await signOutOne.POST(req(`/api/admin/users/${kim.id}/sign-out`, { method: "POST", cookie: root, body: { endTokens: false } }), id(kim.id));
    expect(keepTokens.status).toBe(200);
    expect(await keepTokens.json()).toEqual({ sessions: 1, tokens: 0 });
    expect(await works({ cookie: kimCookie })).toBe(401);
    expect(await works({ bearer: kept })).toBe(200);

    const again = cookieOf(await signIn("kim", "kim-password-1"));
    const out = await signOutOne.POST(req(`/api/admin/users/${kim.id}/sign-out`, { method: "POST", cookie: root }), id(kim.id));
    expect(await out.json()).toEqual({ sessions: 1, tokens: 1 });
    expect(await works({ cookie: again })).toBe(401);
    expect(await works({ bearer: kept })).toBe(401);
    expect((await signOutOne.POST(req("/api/admin/users/usr_01ZZZZZZZZZZZZZZZZZZZZZZZZ/sign-out", { method: "POST", cookie: root }), id("usr_01ZZZZZZZZZZZZZZZZZZZZZZZZ"))).status).toBe(404);

    const third = cookieOf(await signIn("kim", "kim-password-1"));
    const everyone = await signOutAll.POST(req("/api/admin/sign-out-everyone", { method: "POST", cookie: root, body: { endTokens: false } }), undefined);
    expect(everyone.status).toBe(200);
    expect(await works({ cookie: third })).toBe(401);
    expect(await works({ cookie: root })).toBe(200);
  });
});
