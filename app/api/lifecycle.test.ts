import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Generation } from "@/lib/contract";
import { startScriptedServer } from "@/lib/testing/http-server";
import { bootStudio, until, type Studio } from "@/lib/testing/studio";

// The life of a generation through the real route handlers, the real poller,
// SQLite and files on disk, against the simulator.

let studio: Studio;
beforeAll(async () => {
  studio = await bootStudio();
  const { startPoller } = await import("@/lib/generations");
  startPoller(studio.deps);
});
afterAll(() => studio.cleanup());

const pngRef = async (color: string) =>
  `data:image/png;base64,${(await sharp({ create: { width: 80, height: 60, channels: 3, background: color } }).png().toBuffer()).toString("base64")}`;

async function waitFor(id: string, status: Generation["status"]) {
  return until(async () => {
    const g = (await (await studio.get(id)).json()) as Generation;
    return g.status === status ? g : undefined;
  });
}

describe("a generation from submit to stored picture", () => {
  let done: Generation;

  it("is created, polled with no browser open, and completed with its picture stored", async () => {
    const res = await studio.create({ model: "nano_banana_2", prompt: "a red fox in snow 雪中的狐狸", aspectRatio: "16:9" });
    expect(res.status).toBe(201);
    const { generations } = (await res.json()) as { generations: Generation[] };
    expect(generations).toHaveLength(1);
    const [created] = generations;
    expect(created.id).toMatch(/^gen_/);
    expect(created.upstreamId).toMatch(/^task_/);
    expect(["queued", "processing"]).toContain(created.status);
    expect(created.image).toBeNull();

    // The poller alone carries it to the end.
    done = await until(async () => {
      const row = await studio.deps.db.getGeneration(created.id);
      return row?.status === "completed" ? ((await (await studio.get(created.id)).json()) as Generation) : undefined;
    });
    expect(done.progress).toBe(100);
    expect(done.completedAt).not.toBeNull();
    expect(done.image).toMatchObject({ width: 1376, height: 768, contentType: "image/png", url: `/api/images/${done.id}` });
  });

  it("serves the stored original and a WebP thumbnail with cache headers", async () => {
    const full = await studio.image(done.id);
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("image/png");
    expect(full.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    const bytes = Buffer.from(await full.arrayBuffer());
    expect(bytes.length).toBe(done.image!.bytes);
    expect(await sharp(bytes).metadata()).toMatchObject({ width: 1376, height: 768, format: "png" });

    const thumb = await studio.image(done.id, "?variant=thumb");
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 512, height: 286 });

    const etag = full.headers.get("etag")!;
    expect((await studio.image(done.id, "", { "if-none-match": etag })).status).toBe(304);

    const download = await studio.image(done.id, "?download=1");
    expect(download.headers.get("content-disposition")).toMatch(/attachment; filename="a-red-fox-in-snow-_+-[a-z0-9]{6}\.png"; filename\*=UTF-8''a-red-fox-in-snow-%E9%9B%AA/);
  });

  it("keeps serving our copy after the gateway's URL expired", async () => {
    studio.sim.setFaults({ resultTtlSeconds: 0 });
    const upstream = await studio.sim.fetch(`http://simulator.invalid/v1/files/${done.upstreamId}.png`);
    expect(upstream.status).toBe(404);
    expect((await studio.image(done.id)).status).toBe(200);
    studio.sim.setFaults({ resultTtlSeconds: 7200 });
  });

  it("stores reference images, URL ones as a copy, and shows them as ours", async () => {
    // A picture host on loopback, which the studio may reach in this test only.
    const jpeg = await sharp({ create: { width: 90, height: 70, channels: 3, background: "#0a8" } }).jpeg().toBuffer();
    const host = await startScriptedServer(() => ({ status: 200, body: jpeg, headers: { "content-type": "image/jpeg" } }));
    Object.assign(studio.deps, { referenceFetch: { allow: ["127.0.0.1"] } });
    try {
      const res = await studio.create({
        model: "nano_banana_2",
        prompt: "combine these",
        references: [await pngRef("#ff0000"), `${host.url}/style.jpg`],
      });
      const [g] = ((await res.json()) as { generations: Generation[] }).generations;
      expect(g.referenceCount).toBe(2);
      expect(g.references.map((r) => r.url)).toEqual([expect.stringMatching(/^\/api\/references\/ref_/), expect.stringMatching(/^\/api\/references\/ref_/)]);
      const ref = await studio.reference(g.references[0].url.split("/").pop()!);
      expect(ref.headers.get("content-type")).toBe("image/png");
      expect((await sharp(Buffer.from(await ref.arrayBuffer())).metadata()).width).toBe(80);
      const copy = await studio.reference(g.references[1].url.split("/").pop()!);
      expect((await sharp(Buffer.from(await copy.arrayBuffer())).metadata()).width).toBe(90);
      expect(host.requests).toHaveLength(1);
      await waitFor(g.id, "completed");
    } finally {
      delete (studio.deps as { referenceFetch?: unknown }).referenceFetch;
      await host.close();
    }
  });

  it("a failed task carries the gateway's reason, and retry makes a new one", async () => {
    const res = await studio.create({ model: "nano_banana_2", prompt: "this one will #fail" });
    const [g] = ((await res.json()) as { generations: Generation[] }).generations;
    const failed = await waitFor(g.id, "failed");
    expect(failed.error?.message).toMatch(/safety filter/i);
    const again = await studio.retry(g.id);
    expect(again.status).toBe(201);
    const [retried] = ((await again.json()) as { generations: Generation[] }).generations;
    expect(retried.id).not.toBe(g.id);
    expect(retried.prompt).toBe(g.prompt);
  });

  it("a task completed without a URL is fetched from /content", async () => {
    const [g] = ((await (await studio.create({ model: "nano_banana_2", prompt: "no link #nourl" })).json()) as { generations: Generation[] }).generations;
    const done = await waitFor(g.id, "completed");
    expect(done.image?.width).toBe(1024);
  });

  it("a status API that stops answering: the generation says since when, then completes once it answers again", async () => {
    // Nothing else in flight takes the failures meant for this one.
    await until(async () => ((await studio.deps.db.countActive()) === 0 ? true : undefined));
    // Retry-After longer than the client's retry budget: each poll fails at once.
    studio.sim.injectBurst({ status: 503, count: 3, body: "html", retryAfterSeconds: 60, only: "poll" });
    const [g] = ((await (await studio.create({ model: "nano_banana_2", prompt: "the gateway goes quiet" })).json()) as { generations: Generation[] }).generations;
    const quiet = await until(async () => {
      const seen = (await (await studio.get(g.id)).json()) as Generation;
      return seen.unansweredSince ? seen : undefined;
    });
    expect(["queued", "processing"]).toContain(quiet.status);
    expect(quiet.error).toBeNull();
    expect(Date.parse(quiet.unansweredSince!)).toBeGreaterThanOrEqual(Date.parse(g.createdAt));
    const done = await waitFor(g.id, "completed");
    expect(done.unansweredSince).toBeNull();
    expect(done.image).not.toBeNull();
  });

  it("count makes that many generations, one task each", async () => {
    const before = studio.sim.stats().submits;
    const res = await studio.create({ model: "nano_banana_2", prompt: "four variations", count: 4 });
    const { generations } = (await res.json()) as { generations: Generation[] };
    expect(generations).toHaveLength(4);
    expect(new Set(generations.map((g) => g.upstreamId)).size).toBe(4);
    expect(studio.sim.stats().submits - before).toBe(4);
  });

  it("the same idempotencyKey twice submits once", async () => {
    const before = studio.sim.stats().submits;
    const body = { model: "nano_banana_2", prompt: "double click", count: 2, idempotencyKey: "click-123" };
    const [a, b] = await Promise.all([studio.create(body), studio.create(body)]);
    const ids = async (r: Response) => ((await r.json()) as { generations: Generation[] }).generations.map((g) => g.id);
    expect(await ids(a)).toEqual(await ids(b));
    expect(studio.sim.stats().submits - before).toBe(2);
  });

  it("lists newest first with cursor pages, filters, favorites and delete", async () => {
    const page1 = (await (await studio.list("?limit=3")).json()) as { items: Generation[]; nextCursor: string | null };
    expect(page1.items).toHaveLength(3);
    expect(page1.nextCursor).toBe(page1.items[2].id);
    const page2 = (await (await studio.list(`?limit=3&cursor=${page1.nextCursor}`)).json()) as { items: Generation[] };
    expect(page2.items[0].id < page1.items[2].id).toBe(true);

    const fav = await studio.patch(done.id, { favorite: true });
    expect(((await fav.json()) as Generation).favorite).toBe(true);
    const favorites = (await (await studio.list("?favorite=1")).json()) as { items: Generation[] };
    expect(favorites.items.map((g) => g.id)).toEqual([done.id]);
    const found = (await (await studio.list("?q=FOX")).json()) as { items: Generation[] };
    expect(found.items.map((g) => g.id)).toEqual([done.id]);

    const health = await (await studio.health()).json();
    expect(health).toMatchObject({ ok: true, upstream: "demo", db: "sqlite", storage: "fs" });

    const filesBefore = studio.files().length;
    expect((await studio.remove(done.id)).status).toBe(204);
    expect((await studio.get(done.id)).status).toBe(404);
    expect((await studio.image(done.id)).status).toBe(404);
    expect(studio.files().length).toBe(filesBefore - 2);
  });
});
