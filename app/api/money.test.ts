import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Generation } from "@/lib/contract";
import type { GenerationRow } from "@/lib/db";
import { accountsClient, ctx as id, errorOf } from "@/lib/testing/accounts-client";
import { ADMIN, bootAccountsStudio } from "@/lib/testing/accounts-studio";
import { until, type Studio } from "@/lib/testing/studio";

// Through the real route handlers: a cancel gives
// no money back and frees no slot (the gateway has no cancel and bills the
// task anyway), a picture arriving after a cancel is kept, a picture being
// saved cannot be cancelled, and only its creator or an admin may retry a
// failed picture or read the references it was sent with.
//
// No poller runs here: rows move only when a test refreshes them, so a
// cancel always meets the row in flight.

const ADMIN_PASSWORD = ADMIN.password;
let studio: Studio;
let routes: {
  users: typeof import("@/app/api/admin/users/route");
  user: typeof import("@/app/api/admin/users/[id]/route");
  generations: typeof import("@/app/api/generations/route");
  generation: typeof import("@/app/api/generations/[id]/route");
  cancel: typeof import("@/app/api/generations/[id]/cancel/route");
  retry: typeof import("@/app/api/generations/[id]/retry/route");
  reference: typeof import("@/app/api/references/[id]/route");
  usage: typeof import("@/app/api/usage/route");
  usageCsv: typeof import("@/app/api/usage.csv/route");
};
let refreshGeneration: typeof import("@/lib/generations").refreshGeneration;
let admin = "";

beforeAll(async () => {
  // A queue of one: past the in-flight cap one picture waits, the next is refused.
  studio = await bootAccountsStudio({ STUDIO_TRUSTED_PROXIES: "1", STUDIO_PRICES: "nano_banana_2=0.04", STUDIO_MAX_QUEUED: "1" });
  routes = {
    users: await import("@/app/api/admin/users/route"),
    user: await import("@/app/api/admin/users/[id]/route"),
    generations: await import("@/app/api/generations/route"),
    generation: await import("@/app/api/generations/[id]/route"),
    cancel: await import("@/app/api/generations/[id]/cancel/route"),
    retry: await import("@/app/api/generations/[id]/retry/route"),
    reference: await import("@/app/api/references/[id]/route"),
    usage: await import("@/app/api/usage/route"),
    usageCsv: await import("@/app/api/usage.csv/route"),
  };
  ({ refreshGeneration } = await import("@/lib/generations"));
  admin = await signIn("root", ADMIN_PASSWORD);
});
afterAll(() => studio.cleanup());

const { req, signIn } = accountsClient();

type Person = { id: string; name: string; cookie: string };
/** A new member, signed in, with these limits (admin-set). */
async function member(name: string, limits: { dailyLimit?: number; maxActive?: number; monthlyBudget?: number } = {}): Promise<Person> {
  const password = `${name}-password-2026`;
  const made = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: admin, body: { name, password } }), undefined);
  expect(made.status).toBe(201);
  const { id: userId } = (await made.json()) as { id: string };
  if (Object.keys(limits).length > 0) {
    expect((await routes.user.PATCH(req(`/api/admin/users/${userId}`, { method: "PATCH", cookie: admin, body: limits }), id(userId))).status).toBe(200);
  }
  return { id: userId, name, cookie: await signIn(name, password) };
}

const create = (cookie: string, body: Record<string, unknown> = {}) =>
  routes.generations.POST(req("/api/generations", { method: "POST", cookie, body: { model: "nano_banana_2", prompt: "a lighthouse", ...body } }), undefined);
const cancel = (cookie: string, generation: string) =>
  routes.cancel.POST(req(`/api/generations/${generation}/cancel`, { method: "POST", cookie }), id(generation));
const retry = (cookie: string, generation: string) =>
  routes.retry.POST(req(`/api/generations/${generation}/retry`, { method: "POST", cookie }), id(generation));
const reference = (cookie: string, ref: string) => routes.reference.GET(req(`/api/references/${ref}`, { cookie }), id(ref));
const created = async (res: Response) => {
  expect(res.status).toBe(201);
  return ((await res.json()) as { generations: Generation[] }).generations;
};
/** Polls the gateway for the row (as the poller would) until it has ended in `status`. */
const ended = (generation: string, status: "completed" | "failed") =>
  until(async () => {
    const row = await refreshGeneration(studio.deps, generation);
    return row?.status === status ? row : undefined;
  });
const pngRef = async () =>
  `data:image/png;base64,${(await sharp({ create: { width: 40, height: 30, channels: 3, background: "#c0ffee" } }).png().toBuffer()).toString("base64")}`;
const refId = (g: Generation) => g.references[0].url.split("/").pop()!;
const rows = () => studio.deps.db.listGenerations({ limit: 1000 });

describe("cancelling gives no money back (item 1)", () => {
  it("a budget spent to the cent stays spent after a cancel: the next request is refused", async () => {
    const alice = await member("alice", { monthlyBudget: 0.08 });
    const [first] = await created(await create(alice.cookie, { count: 2 }));
    const res = await cancel(alice.cookie, first.id);
    expect(res.status).toBe(200);
    const submits = studio.sim.stats().submits;
    const again = await create(alice.cookie);
    expect(again.status).toBe(429);
    expect((await errorOf(again)).message).toMatch(/Monthly budget reached: \$0\.08 of \$0\.08/);
    expect(studio.sim.stats().submits).toBe(submits);
  });

  it("a cancelled picture keeps its in-flight slot until the gateway says it ended", async () => {
    const bob = await member("bob", { maxActive: 1 });
    const [g] = await created(await create(bob.cookie));
    expect((await cancel(bob.cookie, g.id)).status).toBe(200);
    // Its slot is still taken: the next picture waits (nothing sent), and past the queue of one, 429.
    const submits = studio.sim.stats().submits;
    const [waiting] = await created(await create(bob.cookie));
    expect(waiting).toMatchObject({ status: "waiting", position: 1 });
    const busy = await create(bob.cookie);
    expect(busy.status).toBe(429);
    expect((await errorOf(busy)).message).toMatch(/queue is full: 1 of 1 waiting, and 1 of 1 in progress/);
    expect(studio.sim.stats().submits).toBe(submits);
    // Once the gateway has finished it, the slot is free again: with nothing waiting, the next one is sent at once.
    await ended(g.id, "completed");
    expect((await cancel(bob.cookie, waiting.id)).status).toBe(200);
    const [next] = await created(await create(bob.cookie));
    expect(next.status).not.toBe("waiting");
  });

  it("a cancel leaves the row in flight, marked; twice is the same; a picture that arrives is kept", async () => {
    const carol = await member("carol");
    const [g] = await created(await create(carol.cookie));
    const res = await cancel(carol.cookie, g.id);
    expect(res.status).toBe(200);
    const cancelled = (await res.json()) as Generation;
    expect(cancelled).toMatchObject({ id: g.id, status: g.status, error: null, cancelledAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const twice = (await (await cancel(carol.cookie, g.id)).json()) as Generation;
    expect(twice.cancelledAt).toBe(cancelled.cancelledAt);
    // Still in the active list (the composer's), and still polled.
    const active = await routes.generations.GET(req("/api/generations?status=active&mine=1", { cookie: carol.cookie }), undefined);
    expect(((await active.json()) as { items: Generation[] }).items.map((x) => x.id)).toEqual([g.id]);

    await ended(g.id, "completed");
    const done = (await (await routes.generation.GET(req(`/api/generations/${g.id}`, { cookie: carol.cookie }), id(g.id))).json()) as Generation;
    expect(done).toMatchObject({ status: "completed", cancelledAt: cancelled.cancelledAt, image: { url: `/api/images/${g.id}` } });
  });

  it("a task the gateway fails after a cancel ends failed, says it was cancelled, and is still charged", async () => {
    const dave = await member("dave");
    const [g] = await created(await create(dave.cookie, { prompt: "changed my mind #fail" }));
    expect((await cancel(dave.cookie, g.id)).status).toBe(200);
    const row = await ended(g.id, "failed");
    expect(row.cancelledAt).not.toBeNull();
    expect(row.errorMessage).toMatch(/^Cancelled/);
    expect(row.errorMessage).toMatch(/safety filter/);

    // The gateway refuses the next one outright: it never took it, so it is free.
    studio.sim.injectBurst({ status: 400, count: 1, only: "submit" });
    expect((await create(dave.cookie)).status).toBe(400);
    const usage = await routes.usage.GET(req("/api/usage?groupBy=user", { cookie: dave.cookie }), undefined);
    const report = (await usage.json()) as { rows: { key: string; pictures: number; failed: number; failedCharged: number; cost: number }[] };
    expect(report.rows).toEqual([expect.objectContaining({ key: "dave", pictures: 0, failed: 2, failedCharged: 1, cost: 0.04 })]);
    const csv = await (await routes.usageCsv.GET(req("/api/usage.csv?groupBy=user", { cookie: dave.cookie }), undefined)).text();
    expect(csv.split("\r\n").slice(0, 2)).toEqual(["user,pictures,failed,cost,currency,failed_charged,in_flight", "dave,0,2,0.04,USD,1,0"]);
  });

  it("a request the gateway refused uses none of the day's allowance", async () => {
    const erin = await member("erin", { dailyLimit: 1 });
    studio.sim.injectBurst({ status: 400, count: 1, only: "submit" });
    expect((await create(erin.cookie)).status).toBe(400);
    expect((await create(erin.cookie)).status).toBe(201);
    expect((await create(erin.cookie)).status).toBe(429);
  });

  it("a cancel while the submit is on its way: a task the gateway takes is still followed, one it refuses ends failed and free", async () => {
    const kate = await member("kate");
    /** Starts a request the gateway answers slowly, and cancels its row while the submit waits. */
    async function cancelWhileSubmitting(prompt: string) {
      studio.sim.setFaults({ latencyMs: 400 });
      try {
        const pending = create(kate.cookie, { prompt });
        const row = await until(async () => (await rows()).find((r) => r.prompt === prompt && r.status === "submitting"));
        const res = await cancel(kate.cookie, row.id);
        expect(res.status).toBe(200);
        expect((await res.json()) as Generation).toMatchObject({ status: "submitting", cancelledAt: expect.any(String) });
        return { row, answer: await pending };
      } finally {
        studio.sim.setFaults({ latencyMs: 0 });
      }
    }
    const taken = await cancelWhileSubmitting("taken after all");
    expect(taken.answer.status).toBe(201);
    const followed = await studio.deps.db.getGeneration(taken.row.id);
    expect(followed).toMatchObject({ status: "queued", upstreamId: expect.stringMatching(/^task_/) });
    expect(followed!.cancelledAt).not.toBeNull();
    expect((await ended(taken.row.id, "completed")).cancelledAt).not.toBeNull();

    studio.sim.injectBurst({ status: 400, count: 1, only: "submit" });
    const refused = await cancelWhileSubmitting("refused anyway");
    expect(refused.answer.status).toBe(400);
    expect(await studio.deps.db.getGeneration(refused.row.id)).toMatchObject({ status: "failed", upstreamId: null, errorCode: "submit_invalid" });
    const usage = await routes.usage.GET(req("/api/usage?groupBy=user", { cookie: kate.cookie }), undefined);
    expect(((await usage.json()) as { total: { pictures: number; failed: number; failedCharged: number; cost: number } }).total).toMatchObject({
      pictures: 1,
      failed: 1,
      failedCharged: 0,
      cost: 0.04,
    });
  });

  it("only the creator or an admin may cancel; others get 403 and nothing changes", async () => {
    const frank = await member("frank");
    const grace = await member("grace");
    const [g] = await created(await create(frank.cookie));
    const before = await studio.deps.db.getGeneration(g.id);
    const refused = await cancel(grace.cookie, g.id);
    expect(refused.status).toBe(403);
    expect(await studio.deps.db.getGeneration(g.id)).toEqual(before);
    const byAdmin = (await (await cancel(admin, g.id)).json()) as Generation;
    expect(byAdmin.cancelledAt).not.toBeNull();
  });
});

describe("deleting gives no slot back (item 1)", () => {
  it("a deleted in-flight picture keeps its slot until it would have timed out", async () => {
    const olga = await member("olga", { maxActive: 1 });
    const [g] = await created(await create(olga.cookie));
    expect(["submitting", "queued", "processing"]).toContain(g.status);
    const removed = await routes.generation.DELETE(req(`/api/generations/${g.id}`, { method: "DELETE", cookie: olga.cookie }), id(g.id));
    expect(removed.status).toBe(204);
    expect(await studio.deps.db.getGeneration(g.id)).toBeUndefined();

    // The gateway goes on with the task: its slot stays taken, nothing more is
    // sent: the next picture waits, and past the queue of one, 429.
    const submits = studio.sim.stats().submits;
    const [waiting] = await created(await create(olga.cookie));
    expect(waiting).toMatchObject({ status: "waiting", position: 1 });
    const busy = await create(olga.cookie);
    expect(busy.status).toBe(429);
    expect((await errorOf(busy)).message).toMatch(/queue is full: 1 of 1 waiting, and 1 of 1 in progress/);
    expect(studio.sim.stats().submits).toBe(submits);
    expect((await cancel(olga.cookie, waiting.id)).status).toBe(200);

    // The studio can no longer ask the gateway about it: the slot is held as
    // long as the studio would have waited (createdAt + the task timeout).
    const timedOutAt = Date.parse(g.createdAt) + studio.deps.config.taskTimeoutMs;
    const clock = vi.spyOn(studio.deps, "now");
    try {
      clock.mockReturnValue(timedOutAt);
      const [held] = await created(await create(olga.cookie));
      expect(held.status).toBe("waiting");
      expect((await cancel(olga.cookie, held.id)).status).toBe(200);
      clock.mockReturnValue(timedOutAt + 1);
      const [sent] = await created(await create(olga.cookie));
      expect(sent.status).not.toBe("waiting");
    } finally {
      clock.mockRestore();
    }
  });
});

describe("a picture being saved cannot be cancelled (item 13)", () => {
  it("refuses with 400 saying the picture exists, and changes nothing", async () => {
    const heidi = await member("heidi");
    const [g] = await created(await create(heidi.cookie));
    // The gateway finished it and the studio's storage is down: "Saving…".
    const now = Date.now();
    const saving = (await studio.deps.db.updateGeneration({
      id: g.id,
      patch: { status: "processing", progress: 100, resultSeenAt: now, savingReason: "the studio's storage is not answering", updatedAt: now },
    })) as GenerationRow;
    const res = await cancel(heidi.cookie, g.id);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/already made and is being saved/);
    expect(await studio.deps.db.getGeneration(g.id)).toEqual(saving);
  });
});

describe("someone else's failed picture (item 4)", () => {
  let ivan: Person;
  let judy: Person;
  let failed: Generation;
  let finished: Generation;

  beforeAll(async () => {
    ivan = await member("ivan");
    judy = await member("judy");
    [failed] = await created(await create(ivan.cookie, { prompt: "my private sketch #fail", references: [await pngRef()] }));
    await ended(failed.id, "failed");
    [finished] = await created(await create(ivan.cookie, { prompt: "a finished one", references: [await pngRef()] }));
    await ended(finished.id, "completed");
  });

  it("only its creator or an admin may retry it: others get 403 and nothing is made or sent", async () => {
    const before = (await rows()).length;
    const submits = studio.sim.stats().submits;
    const res = await retry(judy.cookie, failed.id);
    expect(res.status).toBe(403);
    expect((await errorOf(res)).message).toMatch(/Only the person who made this picture, or an admin, can retry it/);
    expect((await rows()).length).toBe(before);
    expect(studio.sim.stats().submits).toBe(submits);
    expect((await retry(ivan.cookie, failed.id)).status).toBe(201);
    // The retry took the failed one's place; an admin may retry another of ivan's.
    const [another] = await created(await create(ivan.cookie, { prompt: "another sketch #fail" }));
    await ended(another.id, "failed");
    expect((await retry(admin, another.id)).status).toBe(201);
  });

  it("its uploaded references are served to its creator and admins only; a finished picture's to the team", async () => {
    const refused = await reference(judy.cookie, refId(failed));
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).message).toMatch(/references of a picture that was not made/);
    expect((await reference(ivan.cookie, refId(failed))).status).toBe(200);
    expect((await reference(admin, refId(failed))).status).toBe(200);
    // Shown in the shared gallery's viewer: Remix may use them.
    expect((await reference(judy.cookie, refId(finished))).status).toBe(200);
  });
});
