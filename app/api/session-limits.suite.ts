import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionInfo } from "@/lib/contract";
import { PRICE_KEYS } from "@/lib/pricing";
import { accountsClient, ctx as id } from "@/lib/testing/accounts-client";
import { ADMIN, bootAccountsStudio } from "@/lib/testing/accounts-studio";
import type { Studio } from "@/lib/testing/studio";

// Through the real route handlers, run once per
// database engine (session-limits.test.ts, session-limits-postgres.test.ts):
// GET /api/session carries the server's own prices (`quote`), what is in
// flight and waiting, and when each limit resets (`resetsAt`); a daily or
// budget refusal names its limit and the moment it resets.

type ErrorBody = { error: { code: string; message: string; limit?: string; resetsAt?: string } };

// A fixed "now" for the studio: 20 December, 19:00 UTC.
const NOW = Date.parse("2026-12-20T19:00:00.000Z");
const NEXT_DAY = "2026-12-21T00:00:00.000Z";
const NEXT_MONTH = "2027-01-01T00:00:00.000Z";

export function sessionLimitsSuite(boot: () => Promise<Record<string, string>>) {
  let studio: Studio;
  let admin = "";
  let routes: {
    session: typeof import("@/app/api/session/route");
    users: typeof import("@/app/api/admin/users/route");
    user: typeof import("@/app/api/admin/users/[id]/route");
    prices: typeof import("@/app/api/admin/prices/route");
    generations: typeof import("@/app/api/generations/route");
  };
  const { req, signIn } = accountsClient();

  beforeAll(async () => {
    studio = await bootAccountsStudio({ STUDIO_PRICES: "nano_banana_2=0.04,nano_banana_pro-4K=0.24", ...(await boot()) });
    routes = {
      session: await import("@/app/api/session/route"),
      users: await import("@/app/api/admin/users/route"),
      user: await import("@/app/api/admin/users/[id]/route"),
      prices: await import("@/app/api/admin/prices/route"),
      generations: await import("@/app/api/generations/route"),
    };
    admin = await signIn(ADMIN.name, ADMIN.password);
    Object.assign(studio.deps, { now: () => NOW });
  });
  afterAll(async () => {
    await studio?.deps.db.close();
    studio?.cleanup();
  });

  async function member(name: string, limits: { dailyLimit?: number; maxActive?: number; monthlyBudget?: number } = {}) {
    const password = `${name}-password-2026`;
    const made = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: admin, body: { name, password } }), undefined);
    expect(made.status).toBe(201);
    const { id: userId } = (await made.json()) as { id: string };
    if (Object.keys(limits).length) {
      expect((await routes.user.PATCH(req(`/api/admin/users/${userId}`, { method: "PATCH", cookie: admin, body: limits }), id(userId))).status).toBe(200);
    }
    return signIn(name, password);
  }
  const session = async (cookie: string) => {
    const res = await routes.session.GET(req("/api/session", { cookie }), undefined);
    expect(res.status).toBe(200);
    return (await res.json()) as SessionInfo;
  };
  const create = (cookie: string, body: Record<string, unknown> = {}) =>
    routes.generations.POST(req("/api/generations", { method: "POST", cookie, body: { model: "nano_banana_2", prompt: "a lighthouse", ...body } }), undefined);

  describe("GET /api/session: quote and resetsAt", () => {
    it("quotes every price key with the server's price, null where none is set", async () => {
      const ann = await member("ann");
      const { limits } = await session(ann);
      expect(limits.quote.currency).toBe("USD");
      expect(Object.keys(limits.quote.prices).sort()).toEqual([...PRICE_KEYS].sort());
      expect(limits.quote.prices.nano_banana_2).toBe(0.04);
      expect(limits.quote.prices["nano_banana_pro-4K"]).toBe(0.24);
      expect(limits.quote.prices.nano_banana_pro).toBeNull();
      expect(limits.quote.prices["nano_banana_2-4K"]).toBeNull();
    });

    it("an admin's price set in the studio is in the quote at once", async () => {
      const put = await routes.prices.PUT(req("/api/admin/prices", { method: "PUT", cookie: admin, body: { prices: { "nano_banana_2-4K": 0.12 } } }), undefined);
      expect(put.status).toBe(200);
      const { limits } = await session(await member("bo"));
      expect(limits.quote.prices["nano_banana_2-4K"]).toBe(0.12);
      expect(limits.quote.prices.nano_banana_2).toBe(0.04);
    });

    it("says when each limit resets: the daily at the next midnight UTC, no month without a budget", async () => {
      const { limits } = await session(await member("cy"));
      expect(limits.resetsAt).toEqual({ daily: NEXT_DAY, monthlyBudget: null });
    });

    it("with a budget, the month resets on the 1st of the next month (UTC)", async () => {
      const { limits } = await session(await member("di", { monthlyBudget: 1 }));
      expect(limits.resetsAt).toEqual({ daily: NEXT_DAY, monthlyBudget: NEXT_MONTH });
      expect(limits.monthlyBudget).toBe(1);
    });

    it("says how many pictures are in flight and waiting, and how many may wait", async () => {
      const ed = await member("ed");
      expect(await session(ed)).toMatchObject({ limits: { active: 0, waiting: 0, maxQueued: 20 } });
      expect((await create(ed, { count: 2 })).status).toBe(201);
      expect((await session(ed)).limits).toMatchObject({ active: 2, usedToday: 2 });
    });
  });

  describe("GET /api/session: the queue past the in-flight cap", () => {
    it("counts what waits, and reserves its price in the month as the budget check does", async () => {
      const ivy = await member("ivy", { maxActive: 1, monthlyBudget: 1 });
      const res = await create(ivy, { count: 3 });
      expect(res.status).toBe(201);
      const { limits } = await session(ivy);
      expect(limits).toMatchObject({ active: 1, waiting: 2, maxQueued: 20, usedToday: 3 });
      // The one sent is charged; the two waiting are reserved (0.04 each), not yet charged.
      expect(limits.spentThisMonth).toBe(0.04);
      expect(limits.reservedThisMonth).toBe(0.08);
    });
  });

  describe("a refusal names its limit and when it resets", () => {
    it("the daily limit: 429 with limit daily and resetsAt the next midnight UTC", async () => {
      const fay = await member("fay", { dailyLimit: 1 });
      expect((await create(fay)).status).toBe(201);
      const res = await create(fay);
      expect(res.status).toBe(429);
      const { error } = (await res.json()) as ErrorBody;
      expect(error).toMatchObject({ code: "quota_exceeded", limit: "daily", resetsAt: NEXT_DAY });
      expect(error.message).toMatch(/^Daily limit reached: 1 of 1 pictures used today/);
    });

    it("the monthly budget: 429 with limit monthlyBudget, resetsAt the 1st, and the message names the day", async () => {
      const gus = await member("gus", { monthlyBudget: 0.05 });
      expect((await create(gus)).status).toBe(201);
      const res = await create(gus);
      expect(res.status).toBe(429);
      const { error } = (await res.json()) as ErrorBody;
      expect(error).toMatchObject({ code: "quota_exceeded", limit: "monthlyBudget", resetsAt: NEXT_MONTH });
      expect(error.message).toMatch(/It resets on 1 January \(UTC\)\.$/);
    });
  });
}
