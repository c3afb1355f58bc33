import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAiErrorSchema, openAiImagesResponseSchema, openAiModelsResponseSchema } from "@/lib/contract";
import type { Poller } from "@/lib/generations/poller";
import { ADMIN, bootPolledStudio } from "@/lib/testing/accounts-studio";
import { readNow } from "@/lib/testing/read-now";
import { until, type Studio } from "@/lib/testing/studio";

// The OpenAI-compatible API (/v1) through the real route handlers, signed in
// on STUDIO_AUTH=accounts so that a picture link opening without a cookie
// means something: models, generations (b64 and url), edits with multipart
// files, bad input refused before anything is sent, a client that goes away,
// the wait's time limit, failures and limits in OpenAI's error shape.

const WAIT_MS = 5_000;
const base = "http://studio.test";

let studio: Studio;
let poller: Poller;
let cookie = "";
let routes: {
  models: typeof import("@/app/v1/models/route");
  generations: typeof import("@/app/v1/images/generations/route");
  edits: typeof import("@/app/v1/images/edits/route");
  session: typeof import("@/app/api/session/route");
  images: typeof import("@/app/api/images/[id]/route");
  list: typeof import("@/app/api/generations/route");
  reference: typeof import("@/app/api/references/[id]/route");
};
let generations: typeof import("@/lib/generations");

beforeAll(async () => {
  ({ studio, poller } = await bootPolledStudio({
    STUDIO_SYNC_WAIT_MS: String(WAIT_MS),
    // Small, so that "a body over the limit" is cheap to send.
    STUDIO_BODY_LIMIT_BYTES: String(4 * 1024 * 1024),
  }));
  // For the tests that stop the poller and start another.
  generations = await import("@/lib/generations");
  routes = {
    models: await import("@/app/v1/models/route"),
    generations: await import("@/app/v1/images/generations/route"),
    edits: await import("@/app/v1/images/edits/route"),
    session: await import("@/app/api/session/route"),
    images: await import("@/app/api/images/[id]/route"),
    list: await import("@/app/api/generations/route"),
    reference: await import("@/app/api/references/[id]/route"),
  };
  const signedIn = await routes.session.POST(
    new Request(`${base}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(ADMIN) }),
    undefined,
  );
  expect(signedIn.status).toBe(204);
  cookie = signedIn.headers.get("set-cookie")!.split(";")[0];
});
afterAll(() => {
  poller?.stop();
  studio?.cleanup();
});

type Auth = { cookie?: string; authorization?: string };
const authHeaders = (auth: Auth = { cookie }) => ({
  ...(auth.cookie ? { cookie: auth.cookie } : {}),
  ...(auth.authorization ? { authorization: auth.authorization } : {}),
});

const generate = (body: unknown, opts: { auth?: Auth; signal?: AbortSignal } = {}) =>
  routes.generations.POST(
    new Request(`${base}/v1/images/generations`, {
      method: "POST",
      headers: { "content-type": "application/json", ...authHeaders(opts.auth) },
      body: typeof body === "string" ? body : JSON.stringify(body),
      signal: opts.signal,
    }),
  );

type Upload = { field?: string; bytes: Uint8Array; name?: string; type?: string };
const edit = (fields: Record<string, string>, files: Upload[], opts: { auth?: Auth } = {}) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const f of files) form.append(f.field ?? "image", new Blob([new Uint8Array(f.bytes)], { type: f.type ?? "image/png" }), f.name ?? "picture.png");
  return routes.edits.POST(new Request(`${base}/v1/images/edits`, { method: "POST", headers: authHeaders(opts.auth), body: form }));
};

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const image = (url: string, auth: Auth = {}) => {
  const { pathname } = new URL(url, base);
  const id = pathname.split("/").pop()!;
  return routes.images.GET(new Request(new URL(url, base), { headers: authHeaders(auth) }), ctx(id)).then(readNow);
};

const png = (width: number, height: number, color = "#0ea5e9") => sharp({ create: { width, height, channels: 3, background: color } }).png().toBuffer();

async function pictures(res: Response) {
  expect(res.status, await res.clone().text()).toBe(200);
  const body = openAiImagesResponseSchema.parse(await res.json());
  expect(body.created).toBeGreaterThan(1_700_000_000);
  return body.data;
}
async function sizes(data: { b64_json?: string }[]) {
  return Promise.all(
    data.map(async (d) => {
      const meta = await sharp(Buffer.from(d.b64_json!, "base64")).metadata();
      return { width: meta.width!, height: meta.height!, format: meta.format };
    }),
  );
}
async function openAiError(res: Response) {
  return openAiErrorSchema.parse(await res.json()).error;
}
/** The gallery as the signed-in person sees it, newest first. */
async function gallery() {
  const res = await routes.list.GET(new Request(`${base}/api/generations?limit=100`, { headers: { cookie } }), undefined);
  return ((await res.json()) as { items: { id: string; status: string; prompt: string; createdBy: string; aspectRatio: string; references: { url: string }[] }[] }).items;
}
const submits = () => studio.sim.stats().submits;

describe("GET /v1/models", () => {
  it("lists every model of the catalog in OpenAI's shape", async () => {
    const res = await routes.models.GET(new Request(`${base}/v1/models`, { headers: { cookie } }));
    expect(res.status).toBe(200);
    const body = openAiModelsResponseSchema.parse(await res.json());
    expect(body.data.map((m) => m.id)).toEqual(["nano_banana_2", "nano_banana_pro", "nano_banana_pro-1K", "nano_banana_pro-2K", "nano_banana_pro-4K"]);
    expect(body.data[0]).toMatchObject({ object: "model", owned_by: "nano-studio" });
  });

  it("without a session or token is 401 in OpenAI's shape", async () => {
    const res = await routes.models.GET(new Request(`${base}/v1/models`));
    expect(res.status).toBe(401);
    expect(await openAiError(res)).toMatchObject({ type: "authentication_error", code: "invalid_api_key" });
    const wrong = await routes.models.GET(new Request(`${base}/v1/models`, { headers: { authorization: "Bearer nst_not-a-real-token" } }));
    expect(wrong.status).toBe(401);
  });
});

describe("personal API tokens (Authorization: Bearer nst_…)", () => {
  it("a token works on /v1 as its person; once revoked it is 401 in OpenAI's shape", async () => {
    const tokens = await import("@/app/api/tokens/route");
    const token = await import("@/app/api/tokens/[id]/route");
    const made = await tokens.POST(
      new Request(`${base}/api/tokens`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify({ name: "openai test" }) }),
      undefined,
    );
    expect(made.status).toBe(201);
    const { id, token: secret } = (await made.json()) as { id: string; token: string };
    const bearer = { authorization: `Bearer ${secret}` };

    const listed = await routes.models.GET(new Request(`${base}/v1/models`, { headers: bearer }));
    expect(listed.status).toBe(200);
    const data = await pictures(await generate({ prompt: "made with a token" }, { auth: bearer }));
    expect(data).toHaveLength(1);
    const [latest] = await gallery();
    expect(latest).toMatchObject({ prompt: "made with a token", createdBy: ADMIN.name, status: "completed" });
    // A token is no cookie: a page elsewhere cannot use it, so no origin check stands in its way.
    const crossSite = await routes.generations.POST(
      new Request(`${base}/v1/images/generations`, {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer, origin: "https://elsewhere.example", "sec-fetch-site": "cross-site" },
        body: JSON.stringify({ prompt: "from a tool on another origin" }),
      }),
    );
    expect(crossSite.status).toBe(200);

    const revoked = await token.DELETE(new Request(`${base}/api/tokens/${id}`, { method: "DELETE", headers: { cookie } }), ctx(id));
    expect(revoked.status).toBe(204);
    const before = submits();
    const refused = await generate({ prompt: "after revoking" }, { auth: bearer });
    expect(refused.status).toBe(401);
    expect(await openAiError(refused)).toMatchObject({ type: "authentication_error", code: "invalid_api_key" });
    expect(submits()).toBe(before);
  });

  it("a cookie from another site's page is refused (403) before anything is made", async () => {
    const before = submits();
    const res = await routes.generations.POST(
      new Request(`${base}/v1/images/generations`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: "https://elsewhere.example", "sec-fetch-site": "cross-site" },
        body: JSON.stringify({ prompt: "forged" }),
      }),
    );
    expect(res.status).toBe(403);
    expect(await openAiError(res)).toMatchObject({ type: "permission_error" });
    expect(submits()).toBe(before);
  });
});

describe("POST /v1/images/generations", () => {
  it("b64_json by default: 1792x1024 is a 16:9 landscape picture, made as the person and in the gallery", async () => {
    const data = await pictures(await generate({ model: "nano_banana_2", prompt: "a lighthouse at dusk, wide", size: "1792x1024" }));
    expect(data).toHaveLength(1);
    const [size] = await sizes(data);
    expect(size.width).toBeGreaterThan(size.height);
    expect(size).toMatchObject({ width: 1376, height: 768 });
    const [latest] = await gallery();
    expect(latest).toMatchObject({ prompt: "a lighthouse at dusk, wide", status: "completed", createdBy: ADMIN.name, aspectRatio: "16:9" });
  });

  it("n=2 gives two pictures; aspect_ratio wins over size", async () => {
    const data = await pictures(await generate({ prompt: "two portraits of a cat", n: 2, size: "1024x1024", aspect_ratio: "9:16" }));
    expect(data).toHaveLength(2);
    for (const size of await sizes(data)) expect(size.height).toBeGreaterThan(size.width);
    const square = await sizes(await pictures(await generate({ prompt: "a square tile", size: "1024x1024" })));
    expect(square[0].width).toBe(square[0].height);
  });

  it("url: an absolute signed link that opens without a cookie; tampered or expired is 403", async () => {
    const data = await pictures(await generate({ prompt: "a harbour at night", response_format: "url", size: "1536x1024" }));
    expect(data).toHaveLength(1);
    const url = new URL(data[0].url!);
    expect(url.origin).toBe(base);
    expect(url.pathname).toMatch(/^\/api\/images\/gen_[0-9A-Z]{26}$/);
    const exp = Number(url.searchParams.get("exp"));
    expect(exp - Date.now() / 1000).toBeGreaterThan(3_500);
    expect(exp - Date.now() / 1000).toBeLessThanOrEqual(3_600);

    const opened = await image(url.href);
    expect(opened.status).toBe(200);
    expect(opened.headers.get("content-type")).toMatch(/^image\/(png|jpeg)$/);
    const meta = await sharp(Buffer.from(await opened.arrayBuffer())).metadata();
    expect(meta.width!).toBeGreaterThan(meta.height!);
    // The same picture without the signature needs a session.
    expect((await image(url.pathname)).status).toBe(401);
    expect((await image(url.pathname, { cookie })).status).toBe(200);

    const sig = url.searchParams.get("sig")!;
    const tampered = new URL(url);
    tampered.searchParams.set("sig", (sig[0] === "A" ? "B" : "A") + sig.slice(1));
    const refused = await image(tampered.href);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    const later = new URL(url);
    later.searchParams.set("exp", String(exp + 3_600));
    expect((await image(later.href)).status).toBe(403);
    const noSig = new URL(url);
    noSig.searchParams.delete("sig");
    expect((await image(noSig.href)).status).toBe(403);

    // A link signed with the studio's key an hour and more ago has expired.
    const { imageLinkKey, signImageLink } = await import("@/lib/server/signed-links");
    const id = url.pathname.split("/").pop()!;
    const old = signImageLink({ key: await imageLinkKey(studio.deps.db), id, now: Date.now() - 3_601_000 });
    const expired = await image(`/api/images/${id}?exp=${old.exp}&sig=${old.sig}`);
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(/expired/);
    // Another picture's link does not open this one.
    const [other] = (await gallery()).filter((g) => g.id !== id && g.status === "completed");
    expect((await image(`/api/images/${other.id}?exp=${url.searchParams.get("exp")}&sig=${sig}`)).status).toBe(403);
  });

  it("uses the forwarded scheme and host for the link, as sign-in does", async () => {
    const res = await routes.generations.POST(
      new Request(`${base}/v1/images/generations`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, "x-forwarded-proto": "https", "x-forwarded-host": "studio.team.example" },
        body: JSON.stringify({ prompt: "behind a proxy", response_format: "url" }),
      }),
    );
    const [{ url }] = await pictures(res);
    expect(url).toMatch(/^https:\/\/studio\.team\.example\/api\/images\/gen_/);
  });
});

describe("POST /v1/images/edits", () => {
  it("a multipart reference file (field image) makes an image-to-image picture whose reference is in the gallery", async () => {
    const reference = await png(96, 64, "#f97316");
    const res = await edit({ prompt: "the same scene in winter", model: "nano_banana_2", size: "1536x1024" }, [{ bytes: reference, name: "scene.png" }]);
    const data = await pictures(res);
    expect(data).toHaveLength(1);
    const [size] = await sizes(data);
    expect(size.width).toBeGreaterThan(size.height);
    const [latest] = await gallery();
    expect(latest).toMatchObject({ prompt: "the same scene in winter", status: "completed" });
    expect(latest.references).toHaveLength(1);
    const refId = latest.references[0].url.split("/").pop()!;
    const stored = await routes.reference.GET(new Request(`${base}${latest.references[0].url}`, { headers: { cookie } }), ctx(refId));
    expect(stored.status).toBe(200);
    expect((await sharp(Buffer.from(await stored.arrayBuffer())).metadata()).width).toBe(96);
  });

  it("several files in image[] (as the SDKs send them), a JPEG sent as octet-stream, n and url", async () => {
    const jpeg = await sharp({ create: { width: 40, height: 40, channels: 3, background: "#22c55e" } }).jpeg().toBuffer();
    const res = await edit({ prompt: "combine these", n: "2", response_format: "url" }, [
      { field: "image[]", bytes: await png(50, 50) },
      { field: "image[]", bytes: jpeg, type: "application/octet-stream", name: "blob" },
    ]);
    const data = await pictures(res);
    expect(data).toHaveLength(2);
    for (const d of data) expect((await image(d.url!)).status).toBe(200);
    const latest = (await gallery()).slice(0, 2);
    for (const g of latest) expect(g.references).toHaveLength(2);
  });
});

describe("bad input: 400 (413 for a body over the limit) in OpenAI's shape naming the field, and nothing submitted or stored", () => {
  const tooLong = "x".repeat(10_001);
  const cases: { name: string; send: () => Promise<Response>; param: string | null; code?: string; status?: number }[] = [
    { name: "an unknown model", send: () => generate({ model: "dall-e-3", prompt: "a cat" }), param: "model", code: "model_not_found" },
    { name: "n over 4", send: () => generate({ prompt: "a cat", n: 5 }), param: "n" },
    { name: "n of 0", send: () => generate({ prompt: "a cat", n: 0 }), param: "n" },
    { name: "a size it cannot map", send: () => generate({ prompt: "a cat", size: "512x512" }), param: "size" },
    { name: "an unknown aspect_ratio", send: () => generate({ prompt: "a cat", aspect_ratio: "4:3" }), param: "aspect_ratio" },
    { name: "an unknown response_format", send: () => generate({ prompt: "a cat", response_format: "gif" }), param: "response_format" },
    { name: "a prompt over 10,000 characters", send: () => generate({ prompt: tooLong }), param: "prompt" },
    { name: "no prompt", send: () => generate({ model: "nano_banana_2" }), param: "prompt" },
    { name: "a body that is not JSON", send: () => generate("prompt=a cat"), param: null },
    { name: "a JSON body over the limit", send: () => generate({ prompt: "a cat", user: "u".repeat(300 * 1024) }), param: null, code: "request_too_large", status: 413 },
    { name: "edits: a prompt over 10,000 characters", send: async () => edit({ prompt: tooLong }, [{ bytes: await png(20, 20) }]), param: "prompt" },
    { name: "edits: n over 4", send: async () => edit({ prompt: "a cat", n: "5" }, [{ bytes: await png(20, 20) }]), param: "n" },
    { name: "edits: an unknown model", send: async () => edit({ prompt: "a cat", model: "gpt-image-1" }, [{ bytes: await png(20, 20) }]), param: "model" },
    { name: "edits: no image", send: () => edit({ prompt: "a cat" }, []), param: "image" },
    {
      name: "edits: more than 5 images",
      send: async () => {
        const bytes = await png(20, 20);
        return edit({ prompt: "a cat" }, Array.from({ length: 6 }, () => ({ field: "image[]", bytes })));
      },
      param: "image",
    },
    { name: "edits: a file that is not an image", send: () => edit({ prompt: "a cat" }, [{ bytes: Buffer.from("just some words"), name: "notes.png" }]), param: "image", code: "invalid_image" },
    {
      name: "edits: a GIF",
      send: () => edit({ prompt: "a cat" }, [{ bytes: Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"), type: "image/gif" }]),
      param: "image",
      code: "invalid_image",
    },
    {
      name: "edits: a PNG signature on bytes that do not decode",
      send: () => edit({ prompt: "a cat" }, [{ bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]) }]),
      param: "image",
    },
    { name: "edits: a body over the limit", send: () => edit({ prompt: "a cat" }, [{ bytes: Buffer.alloc(5 * 1024 * 1024, 7) }]), param: "image", code: "request_too_large", status: 413 },
    { name: "edits: a mask", send: async () => edit({ prompt: "a cat" }, [{ bytes: await png(20, 20) }, { field: "mask", bytes: await png(20, 20) }]), param: "mask" },
    {
      name: "edits: not multipart",
      send: () =>
        routes.edits.POST(new Request(`${base}/v1/images/edits`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify({ prompt: "a cat" }) })),
      param: "image",
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const before = { submits: submits(), files: studio.files(), rows: (await gallery()).length };
      const res = await c.send();
      expect(res.status).toBe(c.status ?? 400);
      expect(res.headers.get("x-should-retry")).toBe("false");
      const error = await openAiError(res);
      expect(error.type).toBe("invalid_request_error");
      expect(error.param).toBe(c.param);
      if (c.code) expect(error.code).toBe(c.code);
      expect(error.message.length).toBeGreaterThan(5);
      expect(submits()).toBe(before.submits);
      expect(studio.files()).toEqual(before.files);
      expect((await gallery()).length).toBe(before.rows);
    });
  }
});

describe("waiting", () => {
  it("a client that goes away stops waiting, and its picture still completes into the gallery", async () => {
    poller.stop();
    const abort = new AbortController();
    const prompt = `left before the end ${Date.now()}`;
    const pending = generate({ prompt }, { signal: abort.signal });
    // Read from the database, not the gallery route: a gallery read nudges a poll of its own.
    const row = await until(async () => (await studio.deps.db.listGenerations({ limit: 5 })).find((g) => g.prompt === prompt && g.status !== "submitting"));
    expect(row.status).toMatch(/queued|processing/);
    const submitted = submits();
    abort.abort();
    const res = await pending;
    expect(res.status).toBe(499);
    expect((await studio.deps.db.getGeneration(row.id))?.status).toMatch(/queued|processing/);
    // The waiting request never asked the gateway itself: the poller does.
    expect(studio.sim.stats().pollsByTask[(await studio.deps.db.getGeneration(row.id))!.upstreamId!] ?? 0).toBe(0);
    poller = generations.createPoller(studio.deps);
    await until(async () => ((await gallery()).find((g) => g.id === row.id)?.status === "completed" ? true : undefined));
    expect(submits()).toBe(submitted);
    expect((await image(`/api/images/${row.id}`, { cookie })).status).toBe(200);
  });

  it("past STUDIO_SYNC_WAIT_MS: 504 naming the generations, which still complete", async () => {
    poller.stop();
    const started = Date.now();
    const res = await generate({ prompt: "too slow today", n: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS - 100);
    expect(res.status).toBe(504);
    expect(res.headers.get("x-should-retry")).toBe("false");
    const error = await openAiError(res);
    expect(error.type).toBe("timeout_error");
    const ids = error.message.match(/gen_[0-9A-Z]{26}/g)!;
    expect(new Set(ids).size).toBe(2);
    poller = generations.createPoller(studio.deps);
    for (const id of new Set(ids)) {
      await until(async () => ((await studio.deps.db.getGeneration(id))?.status === "completed" ? true : undefined));
    }
  });

  it("every picture failed: 502 with the gateway's reason; some failed: the ones that completed", async () => {
    studio.sim.setFaults({ failureReason: "Output blocked by the safety filter (simulated)" });
    // "#fail" in a prompt makes the simulator's task fail.
    const res = await generate({ prompt: "refused #fail", n: 2 });
    expect(res.status).toBe(502);
    expect(res.headers.get("x-should-retry")).toBe("false");
    const error = await openAiError(res);
    expect(error.type).toBe("upstream_error");
    expect(error.message).toMatch(/safety filter/);
    expect(error.message.match(/gen_[0-9A-Z]{26}/g)).toHaveLength(2);

    // The first of two submits refused by the gateway: one picture comes back.
    studio.sim.injectBurst({ status: 400, count: 1, only: "submit" });
    const some = await pictures(await generate({ prompt: "half refused", n: 2 }));
    expect(some).toHaveLength(1);
    expect((await gallery()).filter((g) => g.prompt === "half refused").map((g) => g.status).sort()).toEqual(["completed", "failed"]);
  });

  it("a daily limit is 429 in OpenAI's shape (RateLimitError), before anything is sent", async () => {
    const { db } = studio.deps;
    const me = (await db.getUserByName(ADMIN.name))!;
    await db.updateUser({ id: me.id, patch: { dailyLimit: 1 } });
    try {
      const before = submits();
      const res = await generate({ prompt: "one too many" });
      expect(res.status).toBe(429);
      expect(res.headers.get("x-should-retry")).toBe("false");
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      const error = await openAiError(res);
      expect(error).toMatchObject({ type: "rate_limit_error", code: "quota_exceeded" });
      expect(error.message).toMatch(/Daily limit reached/);
      const files = await edit({ prompt: "one too many" }, [{ bytes: await png(20, 20) }]);
      expect(files.status).toBe(429);
      expect(submits()).toBe(before);
    } finally {
      await db.updateUser({ id: me.id, patch: { dailyLimit: null } });
    }
  });
});
