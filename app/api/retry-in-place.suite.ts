import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Generation, ListGenerationsResponse } from "@/lib/contract";
import { accountsClient, ctx as id, errorOf } from "@/lib/testing/accounts-client";
import { ADMIN, bootAccountsStudio } from "@/lib/testing/accounts-studio";
import { until, type Studio } from "@/lib/testing/studio";

// Through the real route handlers, once per database engine
// (retry-in-place.test.ts, retry-in-place-postgres.test.ts): a retry takes the
// failed picture's place. The new generation joins the failed one's batch and
// sorts where it sorted (the gallery is newest first by id); the failed one
// leaves the gallery as a delete would, so what it cost stays counted and
// /usage does not change for it.

type Totals = { pictures: number; failed: number; failedCharged: number; cost: number };

export function retryInPlaceSuite(boot: () => Promise<Record<string, string>>) {
  let studio: Studio;
  let admin = "";
  let routes: {
    users: typeof import("@/app/api/admin/users/route");
    generations: typeof import("@/app/api/generations/route");
    retry: typeof import("@/app/api/generations/[id]/retry/route");
    usage: typeof import("@/app/api/usage/route");
  };
  let refreshGeneration: typeof import("@/lib/generations").refreshGeneration;
  const { req, signIn } = accountsClient();

  beforeAll(async () => {
    studio = await bootAccountsStudio({ STUDIO_PRICES: "nano_banana_2=0.04", ...(await boot()) });
    routes = {
      users: await import("@/app/api/admin/users/route"),
      generations: await import("@/app/api/generations/route"),
      retry: await import("@/app/api/generations/[id]/retry/route"),
      usage: await import("@/app/api/usage/route"),
    };
    ({ refreshGeneration } = await import("@/lib/generations"));
    admin = await signIn(ADMIN.name, ADMIN.password);
  });
  afterAll(async () => {
    await studio?.deps.db.close();
    studio?.cleanup();
  });

  async function member(name: string) {
    const password = `${name}-password-2026`;
    const made = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: admin, body: { name, password } }), undefined);
    expect(made.status).toBe(201);
    return signIn(name, password);
  }
  const create = async (cookie: string, body: Record<string, unknown>) => {
    const res = await routes.generations.POST(
      req("/api/generations", { method: "POST", cookie, body: { model: "nano_banana_2", ...body } }),
      undefined,
    );
    expect(res.status).toBe(201);
    return ((await res.json()) as { generations: Generation[] }).generations;
  };
  const retry = (cookie: string, generation: string, body?: unknown) =>
    routes.retry.POST(req(`/api/generations/${generation}/retry`, { method: "POST", cookie, body }), id(generation));
  /** The person's own pictures, newest first (`query` adds to the filter). */
  const list = async (cookie: string, query = "") => {
    const res = await routes.generations.GET(req(`/api/generations?limit=100&mine=1${query}`, { cookie }), undefined);
    expect(res.status).toBe(200);
    return ((await res.json()) as ListGenerationsResponse).items;
  };
  const totals = async (cookie: string) => {
    const res = await routes.usage.GET(req("/api/usage?groupBy=user", { cookie }), undefined);
    expect(res.status).toBe(200);
    return ((await res.json()) as { total: Totals }).total;
  };
  /** Polls the gateway for the rows (as the poller would) until each has ended. */
  const ended = (ids: string[]) =>
    until(async () => {
      const rows = await Promise.all(ids.map((g) => refreshGeneration(studio.deps, g)));
      return rows.every((row) => row?.status === "completed" || row?.status === "failed") ? rows : undefined;
    });

  describe("POST /api/generations/{id}/retry takes the failed picture's place", () => {
    it("the new generation has the failed one's batch and place; the failed one is gone from the gallery", async () => {
      const ann = await member("ann");
      const batch = await create(ann, { prompt: "three tries #fail", count: 3 });
      await ended(batch.map((g) => g.id));
      const before = await list(ann);
      const order = before.map((g) => g.id);
      // The middle one of the three, newest first.
      const failed = before[1];
      expect(failed.status).toBe("failed");

      const res = await retry(ann, failed.id, { idempotencyKey: "ann-retry-1" });
      expect(res.status).toBe(201);
      const [made] = ((await res.json()) as { generations: Generation[] }).generations;
      expect(made.id).not.toBe(failed.id);
      expect(made.batchId).toBe(failed.batchId);

      const after = await list(ann);
      expect(after.map((g) => g.id)).toEqual(order.map((g) => (g === failed.id ? made.id : g)));
      expect(await list(ann, `&batch=${failed.batchId}`)).toHaveLength(3);
      // Paging from the new one goes on where the failed one left off.
      const below = await list(ann, `&cursor=${made.id}`);
      expect(below.map((g) => g.id)).toEqual(order.slice(2));
    });

    it("what the failed one cost stays counted: usage changes only by the new picture", async () => {
      const bob = await member("bob");
      const [failed] = await create(bob, { prompt: "taken and failed #fail" });
      await ended([failed.id]);
      // The gateway took the task: it is billed though it failed.
      expect(await totals(bob)).toMatchObject({ pictures: 0, failed: 1, failedCharged: 1, cost: 0.04 });

      const res = await retry(bob, failed.id);
      expect(res.status).toBe(201);
      const [made] = ((await res.json()) as { generations: Generation[] }).generations;
      await ended([made.id]);
      expect((await list(bob)).map((g) => g.id)).toEqual([made.id]);
      // The retry failed too (#fail), and was taken: both are billed, the replaced one still counted.
      expect(await totals(bob)).toMatchObject({ pictures: 0, failed: 2, failedCharged: 2, cost: 0.08 });
    });

    it("a failure the gateway never took stays free after its retry", async () => {
      const cat = await member("cat");
      studio.sim.injectBurst({ status: 400, count: 1, only: "submit" });
      const refused = await routes.generations.POST(
        req("/api/generations", { method: "POST", cookie: cat, body: { model: "nano_banana_2", prompt: "refused at the door" } }),
        undefined,
      );
      expect(refused.status).toBe(400);
      const [failed] = await list(cat);
      expect(failed).toMatchObject({ status: "failed", upstreamId: null });
      expect(await totals(cat)).toMatchObject({ pictures: 0, failed: 1, failedCharged: 0, cost: 0 });

      const res = await retry(cat, failed.id);
      expect(res.status).toBe(201);
      const [made] = ((await res.json()) as { generations: Generation[] }).generations;
      await ended([made.id]);
      expect(await list(cat)).toEqual([expect.objectContaining({ id: made.id, status: "completed", batchId: failed.batchId })]);
      expect(await totals(cat)).toMatchObject({ pictures: 1, failed: 1, failedCharged: 0, cost: 0.04 });
    });

    it("the same retry sent twice is one; a retry of a picture already replaced finds nothing", async () => {
      const dan = await member("dan");
      const [failed] = await create(dan, { prompt: "pressed twice #fail" });
      await ended([failed.id]);
      const [a, b] = await Promise.all([0, 1].map(() => retry(dan, failed.id, { idempotencyKey: "dan-key" })));
      expect([a.status, b.status]).toEqual([201, 201]);
      const [first] = ((await a.json()) as { generations: Generation[] }).generations;
      const [second] = ((await b.json()) as { generations: Generation[] }).generations;
      expect(second.id).toBe(first.id);
      expect(await list(dan)).toHaveLength(1);

      const later = await retry(dan, failed.id, { idempotencyKey: "dan-other-key" });
      expect(later.status).toBe(404);
      expect(await list(dan)).toHaveLength(1);
    });

    it("a retried retry takes the place again", async () => {
      const eve = await member("eve");
      const batch = await create(eve, { prompt: "again and again #fail", count: 2 });
      await ended(batch.map((g) => g.id));
      const [newer, older] = await list(eve);
      const once = ((await (await retry(eve, older.id)).json()) as { generations: Generation[] }).generations[0];
      await ended([once.id]);
      const twice = ((await (await retry(eve, once.id)).json()) as { generations: Generation[] }).generations[0];
      expect((await list(eve)).map((g) => g.id)).toEqual([newer.id, twice.id]);
      expect(twice.batchId).toBe(older.batchId);
    });

    it("someone else's failure: 403, and it stays where it was, nothing made or sent", async () => {
      const fay = await member("fay");
      const gus = await member("gus");
      const [failed] = await create(fay, { prompt: "fay's own #fail" });
      await ended([failed.id]);
      const submits = studio.sim.stats().submits;
      const res = await retry(gus, failed.id);
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe("forbidden");
      expect((await list(fay)).map((g) => g.id)).toEqual([failed.id]);
      expect(studio.sim.stats().submits).toBe(submits);
      // Its creator's admin may: the place is taken as for the creator.
      const byAdmin = await retry(admin, failed.id);
      expect(byAdmin.status).toBe(201);
      const [made] = ((await byAdmin.json()) as { generations: Generation[] }).generations;
      expect(made.batchId).toBe(failed.batchId);
      const res2 = await routes.generations.GET(req(`/api/generations?batch=${failed.batchId}`, { cookie: fay }), undefined);
      expect(((await res2.json()) as ListGenerationsResponse).items.map((g) => g.id)).toEqual([made.id]);
    });
  });
}
