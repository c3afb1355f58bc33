import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Generation } from "@/lib/contract";
import type { Poller } from "@/lib/generations/poller";
import { accountsClient, ctx as id, errorOf } from "@/lib/testing/accounts-client";
import { ADMIN, bootAccountsStudio } from "@/lib/testing/accounts-studio";
import { until, type Studio } from "@/lib/testing/studio";

// Through the real route handlers: past the in-flight cap a
// request is queued, not refused. Its pictures wait (status `waiting`, a
// position in the person's queue), nothing is sent or billed while they wait,
// a cancel of a waiting picture is free, and the poller (no browser) sends
// them in order as slots free, checking the budget again then. Past
// STUDIO_MAX_QUEUED: 429 as before.
//
// The first blocks run with no poller: rows move only when a test says so.

let studio: Studio;
let routes: {
  users: typeof import("@/app/api/admin/users/route");
  user: typeof import("@/app/api/admin/users/[id]/route");
  generations: typeof import("@/app/api/generations/route");
  generation: typeof import("@/app/api/generations/[id]/route");
  cancel: typeof import("@/app/api/generations/[id]/cancel/route");
  retry: typeof import("@/app/api/generations/[id]/retry/route");
  session: typeof import("@/app/api/session/route");
  usage: typeof import("@/app/api/usage/route");
  tokens: typeof import("@/app/api/tokens/route");
  v1: typeof import("@/app/v1/images/generations/route");
};
let generations: typeof import("@/lib/generations");
let admin = "";

beforeAll(async () => {
  studio = await bootAccountsStudio({
    STUDIO_MAX_ACTIVE: "8",
    STUDIO_MAX_QUEUED: "6",
    STUDIO_PRICES: "nano_banana_2=0.04",
    SIMULATOR_SPEED: "50",
    STUDIO_POLL_INTERVAL_MS: "200",
    STUDIO_SYNC_WAIT_MS: "60000",
  });
  routes = {
    users: await import("@/app/api/admin/users/route"),
    user: await import("@/app/api/admin/users/[id]/route"),
    generations: await import("@/app/api/generations/route"),
    generation: await import("@/app/api/generations/[id]/route"),
    cancel: await import("@/app/api/generations/[id]/cancel/route"),
    retry: await import("@/app/api/generations/[id]/retry/route"),
    session: await import("@/app/api/session/route"),
    usage: await import("@/app/api/usage/route"),
    tokens: await import("@/app/api/tokens/route"),
    v1: await import("@/app/v1/images/generations/route"),
  };
  generations = await import("@/lib/generations");
  admin = await signIn(ADMIN.name, ADMIN.password);
});
afterAll(() => studio.cleanup());

const { req, signIn } = accountsClient();

type Person = { id: string; name: string; cookie: string };
type Limits = { dailyLimit?: number; maxActive?: number; monthlyBudget?: number };
const setLimits = async (userId: string, limits: Limits) =>
  expect((await routes.user.PATCH(req(`/api/admin/users/${userId}`, { method: "PATCH", cookie: admin, body: limits }), id(userId))).status).toBe(200);
/** A new member, signed in, with these limits (admin-set). */
async function member(name: string, limits: Limits = {}): Promise<Person> {
  const password = `${name}-password-2026`;
  const made = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: admin, body: { name, password } }), undefined);
  expect(made.status).toBe(201);
  const { id: userId } = (await made.json()) as { id: string };
  if (Object.keys(limits).length > 0) await setLimits(userId, limits);
  return { id: userId, name, cookie: await signIn(name, password) };
}

const create = (cookie: string, body: Record<string, unknown> = {}) =>
  routes.generations.POST(req("/api/generations", { method: "POST", cookie, body: { model: "nano_banana_2", prompt: "a lighthouse", ...body } }), undefined);
const created = async (res: Response) => {
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { generations: Generation[] }).generations;
};
const cancel = (cookie: string, g: string) => routes.cancel.POST(req(`/api/generations/${g}/cancel`, { method: "POST", cookie }), id(g));
const get = async (cookie: string, g: string) => (await (await routes.generation.GET(req(`/api/generations/${g}`, { cookie }), id(g))).json()) as Generation;
const mineActive = async (cookie: string) =>
  ((await (await routes.generations.GET(req("/api/generations?status=active&mine=1&limit=100", { cookie }), undefined)).json()) as { items: Generation[] }).items;
const submits = () => studio.sim.stats().submits;
const usedToday = async (cookie: string) =>
  ((await (await routes.session.GET(req("/api/session", { cookie }), undefined)).json()) as { limits: { usedToday: number } }).limits.usedToday;
const cost = async (cookie: string) =>
  ((await (await routes.usage.GET(req("/api/usage?groupBy=user", { cookie }), undefined)).json()) as { total: { cost: number; pictures: number } }).total;
/** Polls the gateway for the row (as the poller would) until it has ended in `status`. */
const ended = (g: string, status: "completed" | "failed") =>
  until(async () => {
    const row = await generations.refreshGeneration(studio.deps, g);
    return row?.status === status ? row : undefined;
  });
const positions = (gs: Generation[]) => gs.map((g) => [g.status, g.position]);

describe("past the in-flight cap, requests wait instead of being refused", () => {
  it("a third batch of 4 at a cap of 8 is 201 with 4 pictures waiting, positions 1 to 4, none of them sent", async () => {
    const ann = await member("ann");
    const first = await created(await create(ann.cookie, { count: 4 }));
    const second = await created(await create(ann.cookie, { count: 4 }));
    const sent = submits();
    const third = await created(await create(ann.cookie, { count: 4 }));
    expect([...first, ...second].map((g) => g.position)).toEqual(Array(8).fill(null));
    expect(positions(third)).toEqual([["waiting", 1], ["waiting", 2], ["waiting", 3], ["waiting", 4]]);
    expect(third.every((g) => g.upstreamId === null)).toBe(true);
    expect(submits()).toBe(sent);
    // "In progress" lists them (the composer and the gallery poll it), with their places.
    const active = await mineActive(ann.cookie);
    expect(active).toHaveLength(12);
    expect(active.filter((g) => g.status === "waiting").map((g) => g.position).sort()).toEqual([1, 2, 3, 4]);
    expect((await get(ann.cookie, third[2].id)).position).toBe(3);
    // Asked for: they count in the day's allowance. Not sent: nothing is charged for them.
    expect(await usedToday(ann.cookie)).toBe(12);
    expect((await cost(ann.cookie)).cost).toBeCloseTo(0.32);
  });

  it("a batch that partly fits: the free slots are used now, the rest waits; then new rows wait behind them", async () => {
    const ben = await member("ben", { maxActive: 3 });
    const batch = await created(await create(ben.cookie, { count: 4 }));
    expect(batch.map((g) => g.status === "waiting")).toEqual([false, false, false, true]);
    expect(batch.map((g) => g.position)).toEqual([null, null, null, 1]);
    // One in flight ends: a slot is free, but a picture already waits, so the next one waits behind it.
    await ended(batch[0].id, "completed");
    const next = await created(await create(ben.cookie));
    expect(positions(next)).toEqual([["waiting", 2]]);
  });

  it("past STUDIO_MAX_QUEUED the request is refused (429, the queue is full) and nothing is made", async () => {
    const cat = await member("cat", { maxActive: 2 });
    await created(await create(cat.cookie, { count: 4 }));
    await created(await create(cat.cookie, { count: 4 }));
    const before = (await mineActive(cat.cookie)).length;
    const full = await create(cat.cookie, { count: 1 });
    expect(full.status).toBe(429);
    expect(full.headers.get("retry-after")).toBeTruthy();
    const error = await errorOf(full);
    expect(error.code).toBe("rate_limited");
    expect(error.message).toMatch(/queue is full/i);
    expect(error.message).toMatch(/6 of 6 waiting/);
    expect((await mineActive(cat.cookie)).length).toBe(before);
  });

  it("with STUDIO_MAX_QUEUED reached by one batch, a batch that would pass it is refused whole", async () => {
    const dan = await member("dan", { maxActive: 1 });
    await created(await create(dan.cookie, { count: 4 }));
    const over = await create(dan.cookie, { count: 4 });
    expect(over.status).toBe(429);
    expect(positions(await created(await create(dan.cookie, { count: 3 })))).toEqual([["waiting", 4], ["waiting", 5], ["waiting", 6]]);
  });
});

describe("cancelling or deleting a waiting picture", () => {
  it("a cancel is free, says so, and the pictures behind it move up", async () => {
    const eve = await member("eve", { maxActive: 1 });
    const [, a, b, c] = await created(await create(eve.cookie, { count: 4 }));
    const sent = submits();
    const res = await cancel(eve.cookie, a.id);
    expect(res.status).toBe(200);
    const cancelled = (await res.json()) as Generation;
    expect(cancelled).toMatchObject({ status: "failed", position: null, upstreamId: null, error: { code: "cancelled_waiting", message: "Cancelled before it was sent; nothing was billed." } });
    expect(cancelled.cancelledAt).not.toBeNull();
    expect(positions([await get(eve.cookie, b.id), await get(eve.cookie, c.id)])).toEqual([["waiting", 1], ["waiting", 2]]);
    // Never sent, never charged, and it gives the day's allowance back.
    expect(submits()).toBe(sent);
    expect(await usedToday(eve.cookie)).toBe(3);
    expect((await cost(eve.cookie)).cost).toBeCloseTo(0.04);
    // Twice is the same answer.
    expect(((await (await cancel(eve.cookie, a.id)).json()) as Generation).error?.code).toBe("cancelled_waiting");
  });

  it("someone else may not cancel a waiting picture (403), an admin may", async () => {
    const fay = await member("fay", { maxActive: 1 });
    const gus = await member("gus");
    const [, waiting] = await created(await create(fay.cookie, { count: 2 }));
    const before = await studio.deps.db.getGeneration(waiting.id);
    expect((await cancel(gus.cookie, waiting.id)).status).toBe(403);
    expect(await studio.deps.db.getGeneration(waiting.id)).toEqual(before);
    expect(((await (await cancel(admin, waiting.id)).json()) as Generation).error?.code).toBe("cancelled_waiting");
  });

  it("a deleted waiting picture holds no slot and costs nothing", async () => {
    const hal = await member("hal", { maxActive: 1 });
    const [first, waiting] = await created(await create(hal.cookie, { count: 2 }));
    await ended(first.id, "completed");
    const removed = await routes.generation.DELETE(req(`/api/generations/${waiting.id}`, { method: "DELETE", cookie: hal.cookie }), id(waiting.id));
    expect(removed.status).toBe(204);
    // Its slot was never taken: the next request is sent at once.
    const [next] = await created(await create(hal.cookie));
    expect(next.status).not.toBe("waiting");
    expect(await usedToday(hal.cookie)).toBe(2);
  });
});

describe("the day's allowance and retries", () => {
  it("waiting pictures count in the day's allowance: past it, 429 daily, not a longer queue", async () => {
    const ida = await member("ida", { maxActive: 1, dailyLimit: 5 });
    await created(await create(ida.cookie, { count: 4 }));
    const over = await create(ida.cookie, { count: 2 });
    expect(over.status).toBe(429);
    expect((await errorOf(over)).message).toMatch(/Daily limit reached: 4 of 5/);
  });

  it("a retry at the cap waits too", async () => {
    const jay = await member("jay", { maxActive: 1 });
    const [failed] = await created(await create(jay.cookie, { prompt: "a cat #fail" }));
    await ended(failed.id, "failed");
    await created(await create(jay.cookie));
    const retried = await routes.retry.POST(req(`/api/generations/${failed.id}/retry`, { method: "POST", cookie: jay.cookie }), id(failed.id));
    expect(positions(await created(retried))).toEqual([["waiting", 1]]);
  });
});

describe("the poller moves the queue", () => {
  let poller: Poller | undefined;
  /** Started once a test has set its scene: the simulator finishes a picture in ~0.1 s. */
  const startPoller = () => (poller = generations.createPoller(studio.deps));
  afterEach(() => poller?.stop());

  it("sends waiting pictures in order as slots free, and they complete", async () => {
    const kim = await member("kim", { maxActive: 1 });
    const batch = await created(await create(kim.cookie, { count: 3, prompt: "in order" }));
    expect(positions(batch)).toEqual([[expect.stringMatching(/^(queued|processing)$/), null], ["waiting", 1], ["waiting", 2]]);
    startPoller();
    const done = await until(async () => {
      const all = await Promise.all(batch.map((g) => get(kim.cookie, g.id)));
      return all.every((g) => g.status === "completed") ? all : undefined;
    }, 30_000);
    expect(done.every((g) => g.upstreamId !== null && g.position === null)).toBe(true);
    // One slot: each was sent only once the one before it had finished.
    const [first, second, third] = await studio.deps.db.getGenerations(batch.map((g) => g.id));
    expect(second.submittedAt!).toBeGreaterThanOrEqual(first.completedAt!);
    expect(third.submittedAt!).toBeGreaterThanOrEqual(second.completedAt!);
    expect((await cost(kim.cookie)).cost).toBeCloseTo(0.12);
  });

  it("the budget is checked again when a picture is sent: one that no longer fits ends failed, not sent, free", async () => {
    const lea = await member("lea", { maxActive: 1, monthlyBudget: 0.12 });
    const [first, second, third] = await created(await create(lea.cookie, { count: 3, prompt: "on a budget" }));
    expect(positions([second, third])).toEqual([["waiting", 1], ["waiting", 2]]);
    // The admin lowers her budget while they wait: only the picture already sent fits.
    await setLimits(lea.id, { monthlyBudget: 0.04 });
    startPoller();
    const refused = await until(async () => {
      const all = await Promise.all([second, third].map((g) => get(lea.cookie, g.id)));
      return all.every((g) => g.status === "failed") ? all : undefined;
    }, 30_000);
    for (const g of refused) {
      expect(g).toMatchObject({ upstreamId: null, position: null, error: { code: "not_sent" } });
      expect(g.error?.message).toMatch(/nothing was billed.*Monthly budget/i);
    }
    expect((await get(lea.cookie, first.id)).status).toBe("completed");
    expect((await cost(lea.cookie)).cost).toBeCloseTo(0.04);
    expect(await usedToday(lea.cookie)).toBe(1);
  });

  it("/v1/images/generations waits for a queued picture like a slow one", async () => {
    const max = await member("max", { maxActive: 1 });
    const made = await routes.tokens.POST(req("/api/tokens", { method: "POST", cookie: max.cookie, body: { name: "script" } }), undefined);
    const { token } = (await made.json()) as { token: string };
    startPoller();
    const res = await routes.v1.POST(req("/v1/images/generations", { method: "POST", bearer: token, body: { model: "nano_banana_2", prompt: "three, one at a time", n: 3 } }));
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { data: { b64_json?: string }[] };
    expect(body.data).toHaveLength(3);
    expect(body.data.every((d) => (d.b64_json ?? "").length > 100)).toBe(true);
  });
});
