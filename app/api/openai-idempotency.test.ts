import OpenAI from "openai";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAiErrorSchema, openAiImagesResponseSchema } from "@/lib/contract";
import type { Poller } from "@/lib/generations/poller";
import { accountsClient } from "@/lib/testing/accounts-client";
import { ADMIN, bootPolledStudio } from "@/lib/testing/accounts-studio";
import { until, type Studio } from "@/lib/testing/studio";

// Idempotency-Key on /v1/images/generations and /v1/images/edits, through the
// real route handlers (and once through the openai SDK): a request repeated
// or sent twice at once with one key makes one batch; the same key with
// another request is 422; keys are each person's and never meet the keys of
// POST /api/generations.

const BOB = { name: "bob", password: "bob-password-2026" };
const base = "http://studio.test";

let studio: Studio;
let poller: Poller;
let rootCookie = "";
let bobCookie = "";
let routes: {
  generations: typeof import("@/app/v1/images/generations/route");
  edits: typeof import("@/app/v1/images/edits/route");
  apiGenerations: typeof import("@/app/api/generations/route");
  users: typeof import("@/app/api/admin/users/route");
  tokens: typeof import("@/app/api/tokens/route");
};

const { req, signIn } = accountsClient();

beforeAll(async () => {
  ({ studio, poller } = await bootPolledStudio({ STUDIO_SYNC_WAIT_MS: "20000" }));
  routes = {
    generations: await import("@/app/v1/images/generations/route"),
    edits: await import("@/app/v1/images/edits/route"),
    apiGenerations: await import("@/app/api/generations/route"),
    users: await import("@/app/api/admin/users/route"),
    tokens: await import("@/app/api/tokens/route"),
  };
  rootCookie = await signIn(ADMIN.name, ADMIN.password);
  const made = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: rootCookie, body: BOB }), undefined);
  expect(made.status).toBe(201);
  bobCookie = await signIn(BOB.name, BOB.password);
});
afterAll(() => {
  poller?.stop();
  studio?.cleanup();
});

const keyed = (key: string | undefined): Record<string, string> => (key === undefined ? {} : { "idempotency-key": key });

const generate = (body: unknown, opts: { key?: string; cookie?: string } = {}) =>
  routes.generations.POST(
    new Request(`${base}/v1/images/generations`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: opts.cookie ?? rootCookie, ...keyed(opts.key) },
      body: JSON.stringify(body),
    }),
  );

const edit = (fields: Record<string, string>, images: Uint8Array[], opts: { key?: string } = {}) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const bytes of images) form.append("image[]", new Blob([new Uint8Array(bytes)], { type: "image/png" }), "picture.png");
  return routes.edits.POST(new Request(`${base}/v1/images/edits`, { method: "POST", headers: { cookie: rootCookie, ...keyed(opts.key) }, body: form }));
};

const png = (color: string) => sharp({ create: { width: 32, height: 32, channels: 3, background: color } }).png().toBuffer();

/** The picture ids a url answer links to (the signature and expiry may differ between answers). */
async function linkedIds(res: Response): Promise<string[]> {
  expect(res.status, await res.clone().text()).toBe(200);
  const body = openAiImagesResponseSchema.parse(await res.json());
  return body.data.map((d) => new URL(d.url!).pathname.split("/").pop()!);
}
async function openAiError(res: Response) {
  return openAiErrorSchema.parse(await res.json()).error;
}
/** Every row (any person's) with this prompt. */
async function rowsWith(prompt: string) {
  return (await studio.deps.db.listGenerations({ limit: 500 })).filter((row) => row.prompt === prompt);
}
const submits = () => studio.sim.stats().submits;
const unique = (what: string) => `${what} ${Math.random().toString(36).slice(2, 10)}`;

describe("Idempotency-Key on /v1/images/generations", () => {
  it("the same key twice makes one batch, and the second answer is the first's pictures", async () => {
    const prompt = unique("a lighthouse, twice");
    const body = { prompt, n: 2, response_format: "url" };
    const before = submits();
    const first = await linkedIds(await generate(body, { key: "gen-twice" }));
    const second = await linkedIds(await generate(body, { key: "gen-twice" }));
    expect(first).toHaveLength(2);
    expect(second).toEqual(first);
    const rows = await rowsWith(prompt);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.batchId)).size).toBe(1);
    expect(submits() - before).toBe(2);
  });

  it("b64_json: the replay answers the same bytes", async () => {
    const body = { prompt: unique("a harbour, b64") };
    const first = openAiImagesResponseSchema.parse(await (await generate(body, { key: "gen-b64" })).json());
    const second = openAiImagesResponseSchema.parse(await (await generate(body, { key: "gen-b64" })).json());
    expect(second.data).toHaveLength(1);
    expect(second.data[0].b64_json).toBe(first.data[0].b64_json);
    expect(await rowsWith(body.prompt)).toHaveLength(1);
  });

  it("requests sent at the same moment with one key make one batch, and each answers its pictures", async () => {
    const prompt = unique("a storm at sea, at once");
    const before = submits();
    const answers = await Promise.all(Array.from({ length: 4 }, () => generate({ prompt, response_format: "url" }, { key: "gen-concurrent" })));
    const ids = await Promise.all(answers.map(linkedIds));
    for (const got of ids) expect(got).toEqual(ids[0]);
    expect(await rowsWith(prompt)).toHaveLength(1);
    expect(submits() - before).toBe(1);
  });

  it("the same key with another body is 422 naming the key, and nothing is made", async () => {
    const prompt = unique("a quiet street");
    await linkedIds(await generate({ prompt, response_format: "url" }, { key: "gen-other-body" }));
    const before = { submits: submits(), rows: (await studio.deps.db.listGenerations({ limit: 500 })).length };
    for (const changed of [
      { prompt: `${prompt}, at night`, response_format: "url" },
      { prompt, response_format: "url", n: 2 },
      { prompt, response_format: "b64_json" },
    ]) {
      const res = await generate(changed, { key: "gen-other-body" });
      expect(res.status).toBe(422);
      expect(res.headers.get("x-should-retry")).toBe("false");
      const error = await openAiError(res);
      expect(error).toMatchObject({ type: "invalid_request_error", code: "idempotency_key_reused", param: null });
      expect(error.message).toMatch(/Idempotency-Key/);
      expect(error.message).toMatch(/different request/);
    }
    expect(submits()).toBe(before.submits);
    expect((await studio.deps.db.listGenerations({ limit: 500 })).length).toBe(before.rows);
  });

  it("the same body written differently (defaults spelled out, keys reordered) is the same request", async () => {
    const prompt = unique("a red kite");
    const first = await linkedIds(await generate({ prompt, response_format: "url" }, { key: "gen-canonical" }));
    const again = await linkedIds(await generate({ n: 1, model: "nano_banana_2", response_format: "url", prompt }, { key: "gen-canonical" }));
    expect(again).toEqual(first);
  });

  it("keys are each person's: bob's request with root's key makes bob's own batch", async () => {
    const prompt = unique("a shared key");
    const roots = await linkedIds(await generate({ prompt, response_format: "url" }, { key: "gen-people" }));
    const bobs = await linkedIds(await generate({ prompt, response_format: "url" }, { key: "gen-people", cookie: bobCookie }));
    expect(bobs).toHaveLength(1);
    expect(bobs).not.toEqual(roots);
    const rows = await rowsWith(prompt);
    expect(rows.map((r) => r.createdBy).sort()).toEqual([BOB.name, ADMIN.name]);
    // The key is now bob's own too: another body from him under it is refused like anyone's.
    const bobsOther = await generate({ prompt: `${prompt} 2`, response_format: "url" }, { key: "gen-people", cookie: bobCookie });
    expect(bobsOther.status).toBe(422);
  });

  it("a /v1 key never answers with a batch of POST /api/generations, nor the other way round", async () => {
    const prompt = unique("two doors");
    const viaApi = await routes.apiGenerations.POST(
      req("/api/generations", { method: "POST", cookie: rootCookie, body: { model: "nano_banana_2", prompt, idempotencyKey: "shared-key" } }),
      undefined,
    );
    expect(viaApi.status).toBe(201);
    const apiIds = ((await viaApi.json()) as { generations: { id: string }[] }).generations.map((g) => g.id);
    const viaV1 = await linkedIds(await generate({ prompt, response_format: "url" }, { key: "shared-key" }));
    expect(viaV1).toHaveLength(1);
    expect(viaV1).not.toEqual(apiIds);
    const apiAgain = await routes.apiGenerations.POST(
      req("/api/generations", { method: "POST", cookie: rootCookie, body: { model: "nano_banana_2", prompt, idempotencyKey: "shared-key" } }),
      undefined,
    );
    expect(((await apiAgain.json()) as { generations: { id: string }[] }).generations.map((g) => g.id)).toEqual(apiIds);
    expect(await rowsWith(prompt)).toHaveLength(2);
  });

  it("a key that is too long is 400, before anything is made", async () => {
    const before = submits();
    const res = await generate({ prompt: unique("long key") }, { key: "k".repeat(201) });
    expect(res.status).toBe(400);
    expect(await openAiError(res)).toMatchObject({ type: "invalid_request_error", param: null });
    expect(submits()).toBe(before);
  });

  it("without a key every request is its own batch, as before", async () => {
    const prompt = unique("no key");
    await linkedIds(await generate({ prompt, response_format: "url" }));
    await linkedIds(await generate({ prompt, response_format: "url" }));
    expect(await rowsWith(prompt)).toHaveLength(2);
  });
});

describe("Idempotency-Key on /v1/images/edits", () => {
  it("the same key with the same pictures makes one batch; with another picture it is 422", async () => {
    const prompt = unique("the same scene in winter");
    const [orange, blue] = await Promise.all([png("#f97316"), png("#0ea5e9")]);
    const before = submits();
    const first = await linkedIds(await edit({ prompt, response_format: "url" }, [orange], { key: "edit-twice" }));
    const again = await linkedIds(await edit({ prompt, response_format: "url" }, [orange], { key: "edit-twice" }));
    expect(again).toEqual(first);
    expect(await rowsWith(prompt)).toHaveLength(1);
    expect(submits() - before).toBe(1);
    const files = studio.files();

    const otherPicture = await edit({ prompt, response_format: "url" }, [blue], { key: "edit-twice" });
    expect(otherPicture.status).toBe(422);
    expect(await openAiError(otherPicture)).toMatchObject({ code: "idempotency_key_reused" });
    const onePictureMore = await edit({ prompt, response_format: "url" }, [orange, blue], { key: "edit-twice" });
    expect(onePictureMore.status).toBe(422);
    expect(submits() - before).toBe(1);
    // Nothing stored for the refused requests.
    expect(studio.files()).toEqual(files);
  });

  it("an edit and a generation with one key are different requests", async () => {
    const prompt = unique("edit or generate");
    await linkedIds(await generate({ prompt, response_format: "url" }, { key: "edit-vs-gen" }));
    const res = await edit({ prompt, response_format: "url" }, [await png("#22c55e")], { key: "edit-vs-gen" });
    expect(res.status).toBe(422);
  });
});

describe("the openai SDK retrying after a proxy's 504", () => {
  it("the retry with the same Idempotency-Key gets the first request's pictures, no second batch", async () => {
    const madeToken = await routes.tokens.POST(req("/api/tokens", { method: "POST", cookie: rootCookie, body: { name: "sdk retry" } }), undefined);
    expect(madeToken.status).toBe(201);
    const { token } = (await madeToken.json()) as { token: string };
    const prompt = unique("a slow sunrise");
    const before = submits();
    let calls = 0;

    // The proxy in front of the studio: the first request's answer takes too
    // long, so the proxy drops it (the studio sees the client go away) and
    // tells the SDK 504, which retries on its own.
    const proxy = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
      calls++;
      const upstream = new AbortController();
      const forwarded = new Request(url as string, { ...init, signal: upstream.signal });
      const answer = routes.generations.POST(forwarded);
      if (calls > 1) return answer;
      await until(async () => ((await rowsWith(prompt)).some((r) => r.status !== "submitting") ? true : undefined));
      upstream.abort();
      expect((await answer).status).toBe(499);
      return new Response("<html>504 Gateway Time-out</html>", { status: 504, headers: { "content-type": "text/html" } });
    };
    const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: token, fetch: proxy, maxRetries: 2 });
    const result = await client.images.generate({ model: "nano_banana_2", prompt, response_format: "url" }, { headers: { "Idempotency-Key": "sdk-retry-1" } });
    expect(calls).toBe(2);
    expect(result.data).toHaveLength(1);
    const rows = await rowsWith(prompt);
    expect(rows).toHaveLength(1);
    expect(result.data![0].url).toContain(rows[0].id);
    expect(submits() - before).toBe(1);
  });
});
