import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAiErrorSchema } from "@/lib/contract";
import type { Poller } from "@/lib/generations/poller";
import { accountsClient, ctx, errorOf } from "@/lib/testing/accounts-client";
import { bootStudio, type Studio } from "@/lib/testing/studio";

// A model (or size) without a price would be free: while a budget applies to
// a person, asking for one is refused, on POST /api/generations and on /v1,
// with a message naming it, before anything is sent. Without a budget it is
// allowed as before. GET /api/admin/prices says which models and sizes have
// no price (admins only).

const ADMIN_PASSWORD = "root-password-2026";
const MIA = { name: "mia", password: "mia-password-2026" };
const NOA = { name: "noa", password: "noa-password-2026" };
const base = "http://studio.test";

let studio: Studio;
let poller: Poller;
let routes: {
  generations: typeof import("@/app/api/generations/route");
  v1: typeof import("@/app/v1/images/generations/route");
  users: typeof import("@/app/api/admin/users/route");
  user: typeof import("@/app/api/admin/users/[id]/route");
  prices: typeof import("@/app/api/admin/prices/route");
};
const { req, signIn } = accountsClient();
let admin = "";
let mia = "";
let noa = "";

beforeAll(async () => {
  studio = await bootStudio({
    STUDIO_AUTH: "accounts",
    STUDIO_ADMIN_NAME: "root",
    STUDIO_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // nano_banana_2 priced at 1K only; nano_banana_pro at every size; the fixed-size models not at all.
    STUDIO_PRICES: "nano_banana_2-1K=0.04,nano_banana_pro=0.13",
    SIMULATOR_SPEED: "50",
    STUDIO_POLL_INTERVAL_MS: "200",
  });
  poller = (await import("@/lib/generations")).createPoller(studio.deps);
  routes = {
    generations: await import("@/app/api/generations/route"),
    v1: await import("@/app/v1/images/generations/route"),
    users: await import("@/app/api/admin/users/route"),
    user: await import("@/app/api/admin/users/[id]/route"),
    prices: await import("@/app/api/admin/prices/route"),
  };
  admin = await signIn("root", ADMIN_PASSWORD);
  for (const person of [MIA, NOA]) {
    const made = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: admin, body: person }), undefined);
    expect(made.status).toBe(201);
    // Mia has a monthly budget; Noa has none (and the studio sets none).
    if (person === MIA) {
      const { id } = (await made.json()) as { id: string };
      const patched = await routes.user.PATCH(req(`/api/admin/users/${id}`, { method: "PATCH", cookie: admin, body: { monthlyBudget: 20 } }), ctx(id));
      expect(patched.status).toBe(200);
    }
  }
  mia = await signIn(MIA.name, MIA.password);
  noa = await signIn(NOA.name, NOA.password);
});
afterAll(() => {
  poller?.stop();
  studio?.cleanup();
});

const create = (cookie: string, body: Record<string, unknown>) =>
  routes.generations.POST(req("/api/generations", { method: "POST", cookie, body: { prompt: "a lighthouse", ...body } }), undefined);
const createV1 = (cookie: string, body: Record<string, unknown>) =>
  routes.v1.POST(
    new Request(`${base}/v1/images/generations`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ prompt: "a lighthouse", response_format: "url", ...body }),
    }),
  );
const submits = () => studio.sim.stats().submits;
const rowCount = async () => (await studio.deps.db.listGenerations({ limit: 500 })).length;

describe("a model or size without a price, while a budget applies", () => {
  const refusals = [
    { what: "a model with no price at all", body: { model: "nano_banana_pro-4K" }, names: /nano_banana_pro-4K/ },
    { what: "a size with no price (the model is priced at another size)", body: { model: "nano_banana_2", imageSize: "4K" }, names: /nano_banana_2 at 4K/ },
  ];
  for (const c of refusals) {
    it(`POST /api/generations: ${c.what} is refused naming it, nothing sent`, async () => {
      const before = { submits: submits(), rows: await rowCount() };
      const res = await create(mia, c.body);
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe("invalid_request");
      expect(error.message).toMatch(c.names);
      expect(error.message).toMatch(/no price/);
      expect(error.message).toMatch(/budget/);
      expect(submits()).toBe(before.submits);
      expect(await rowCount()).toBe(before.rows);
    });
  }

  it("/v1/images/generations: refused the same way, in OpenAI's shape naming the model", async () => {
    const before = submits();
    const res = await createV1(mia, { model: "nano_banana_2", image_size: "2K" });
    expect(res.status).toBe(400);
    const { error } = openAiErrorSchema.parse(await res.json());
    expect(error).toMatchObject({ type: "invalid_request_error", param: "model" });
    expect(error.message).toMatch(/nano_banana_2 at 2K has no price/);
    expect(submits()).toBe(before);
  });

  it("priced models and sizes still go through", async () => {
    expect((await create(mia, { model: "nano_banana_2", imageSize: "1K" })).status).toBe(201);
    expect((await create(mia, { model: "nano_banana_pro", imageSize: "4K" })).status).toBe(201);
    expect((await createV1(mia, { model: "nano_banana_pro" })).status).toBe(200);
  });

  it("a price of 0 set by an admin is a price: the model is then allowed", async () => {
    const set = await routes.prices.PUT(req("/api/admin/prices", { method: "PUT", cookie: admin, body: { prices: { "nano_banana_pro-2K": 0 } } }), undefined);
    expect(set.status).toBe(200);
    try {
      expect((await create(mia, { model: "nano_banana_pro-2K" })).status).toBe(201);
    } finally {
      await routes.prices.PUT(req("/api/admin/prices", { method: "PUT", cookie: admin, body: { prices: { "nano_banana_pro-2K": null } } }), undefined);
    }
    expect((await create(mia, { model: "nano_banana_pro-2K" })).status).toBe(400);
  });

  it("without any budget, an unpriced model is allowed as before", async () => {
    expect((await create(noa, { model: "nano_banana_pro-4K" })).status).toBe(201);
    expect((await createV1(noa, { model: "nano_banana_2", image_size: "4K" })).status).toBe(200);
  });
});

describe("GET /api/admin/prices names what has no price", () => {
  it("lists the price keys that are missing: whole models, or the sizes of a model priced at some sizes only", async () => {
    const res = await routes.prices.GET(req("/api/admin/prices", { cookie: admin }), undefined);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { unpriced: string[] };
    expect(body.unpriced).toEqual(["nano_banana_2-2K", "nano_banana_2-4K", "nano_banana_pro-1K", "nano_banana_pro-2K", "nano_banana_pro-4K"]);
  });

  it("members get 403 and see nothing", async () => {
    const res = await routes.prices.GET(req("/api/admin/prices", { cookie: mia }), undefined);
    expect(res.status).toBe(403);
  });
});
