import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootStudio, type Studio } from "@/lib/testing/studio";

// Every bad input studio-api.md names gets its 4xx and the one error body,
// and nothing is written: no row, no file, no upstream submit.

let studio: Studio;
let png: string;
beforeAll(async () => {
  studio = await bootStudio({ STUDIO_BODY_LIMIT_BYTES: String(256 * 1024) });
  png = `data:image/png;base64,${(await sharp({ create: { width: 8, height: 8, channels: 3, background: "#0f0" } }).png().toBuffer()).toString("base64")}`;
});
afterAll(() => studio.cleanup());

const b64 = (s: string) => Buffer.from(s).toString("base64");
const valid = { model: "nano_banana_2", prompt: "a cat" };

type Case = { name: string; body: () => unknown; status: number; code: string; message?: RegExp };
const cases: Case[] = [
  { name: "empty prompt", body: () => ({ ...valid, prompt: "" }), status: 400, code: "invalid_request", message: /prompt/ },
  { name: "blank prompt", body: () => ({ ...valid, prompt: "   \n  " }), status: 400, code: "invalid_request", message: /prompt/ },
  { name: "prompt over 10000 characters", body: () => ({ ...valid, prompt: "x".repeat(10_001) }), status: 400, code: "invalid_request", message: /10000/ },
  { name: "missing prompt", body: () => ({ model: "nano_banana_2" }), status: 400, code: "invalid_request", message: /prompt/ },
  { name: "six references", body: () => ({ ...valid, references: Array(6).fill(png) }), status: 400, code: "invalid_request", message: /at most 5/ },
  { name: "HTML named as png", body: () => ({ ...valid, references: [`data:image/png;base64,${b64("<!doctype html><html><body>hi</body></html>")}`] }), status: 400, code: "invalid_request", message: /not a PNG, JPEG or WebP/i },
  { name: "SVG named as png", body: () => ({ ...valid, references: [`data:image/png;base64,${b64('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')}`] }), status: 400, code: "invalid_request" },
  { name: "SVG data URL", body: () => ({ ...valid, references: [`data:image/svg+xml;base64,${b64("<svg/>")}`] }), status: 400, code: "invalid_request" },
  { name: "PNG declared as JPEG", body: () => ({ ...valid, references: [png.replace("image/png", "image/jpeg")] }), status: 400, code: "invalid_request", message: /really image\/png/ },
  { name: "unknown model", body: () => ({ ...valid, model: "dall-e-3" }), status: 400, code: "invalid_request", message: /model/ },
  { name: "unknown aspect ratio", body: () => ({ ...valid, aspectRatio: "4:3" }), status: 400, code: "invalid_request", message: /aspectRatio/ },
  { name: "unknown image size", body: () => ({ ...valid, imageSize: "8K" }), status: 400, code: "invalid_request", message: /imageSize/ },
  { name: "file: URL", body: () => ({ ...valid, references: ["file:///etc/passwd"] }), status: 400, code: "invalid_request", message: /http/ },
  { name: "javascript: URL", body: () => ({ ...valid, references: ["javascript:alert(1)"] }), status: 400, code: "invalid_request" },
  { name: "URL with credentials", body: () => ({ ...valid, references: ["https://user:pw@example.com/a.png"] }), status: 400, code: "invalid_request" },
  { name: "count 0", body: () => ({ ...valid, count: 0 }), status: 400, code: "invalid_request", message: /count/ },
  { name: "count 5", body: () => ({ ...valid, count: 5 }), status: 400, code: "invalid_request", message: /count/ },
  { name: "count as a string", body: () => ({ ...valid, count: "2" }), status: 400, code: "invalid_request" },
  { name: "unknown field", body: () => ({ ...valid, webhook: "http://x" }), status: 400, code: "invalid_request" },
  { name: "malformed JSON", body: () => '{"model": "nano_banana_2", "prompt": ', status: 400, code: "invalid_request", message: /JSON/ },
  { name: "JSON that is not an object", body: () => "[1,2,3]", status: 400, code: "invalid_request" },
  { name: "empty body", body: () => "", status: 400, code: "invalid_request" },
  { name: "body over the limit", body: () => ({ ...valid, prompt: "y".repeat(300 * 1024) }), status: 413, code: "payload_too_large" },
];

describe("POST /api/generations refuses bad input", () => {
  it.each(cases)("$name → $status $code", async (c) => {
    const filesBefore = studio.files();
    const rowsBefore = (await studio.deps.db.listGenerations({ limit: 1000 })).length;
    const submitsBefore = studio.sim.stats().submits;

    const res = await studio.create(c.body());
    expect(res.status).toBe(c.status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(c.code);
    expect(body.error.message.length).toBeGreaterThan(5);
    if (c.message) expect(body.error.message).toMatch(c.message);

    expect(studio.files()).toEqual(filesBefore);
    expect((await studio.deps.db.listGenerations({ limit: 1000 })).length).toBe(rowsBefore);
    expect(studio.sim.stats().submits).toBe(submitsBefore);
  });
});

describe("other routes refuse bad input", () => {
  it("an id that is not ours is 404, never a path", async () => {
    for (const id of ["../../etc/passwd", "gen_x", "'; DROP TABLE generations; --"]) {
      const res = await studio.get(id);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
      expect((await studio.image(id)).status).toBe(404);
    }
  });

  it("bad list queries are 400", async () => {
    for (const q of ["?limit=1000", "?limit=abc", "?status=weird", "?model=x", "?favorite=maybe"]) {
      const res = await studio.list(q);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    }
  });

  it("a bad PATCH is 400 and a bad image variant is 400", async () => {
    const [g] = ((await (await studio.create(valid)).json()) as { generations: { id: string }[] }).generations;
    expect((await studio.patch(g.id, { favorite: "yes" })).status).toBe(400);
    expect((await studio.patch(g.id, { prompt: "changed" })).status).toBe(400);
    expect((await studio.image(g.id, "?variant=huge")).status).toBe(400);
  });
});

// Each route reads no more of a body than what it takes needs: 16 KB
// for the small JSON routes, 32 KB for a list of 200 ids, the configured
// limit (256 KB in this file) for POST /api/generations and its data URLs.
describe("each route has a body limit that fits what it takes", () => {
  const base = "http://studio.test";
  const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
  const jsonRequest = (path: string, method: string, body: string) =>
    new Request(`${base}${path}`, { method, headers: { "content-type": "application/json" }, body });
  const padded = (fields: Record<string, unknown>, bytes: number) => JSON.stringify({ ...fields, padding: "x".repeat(bytes) });
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `gen_01J${String(i).padStart(23, "0")}`);
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

  it("a 200 KB body to a small JSON route is 413 naming its limit, and changes nothing", async () => {
    const [g] = ((await (await studio.create(valid)).json()) as { generations: { id: string; favorite: boolean }[] }).generations;
    const one = await import("@/app/api/generations/[id]/route");
    const retry = await import("@/app/api/generations/[id]/retry/route");
    const boards = await import("@/app/api/boards/route");
    const downloads = await import("@/app/api/downloads/route");
    const body = (fields: Record<string, unknown>) => padded(fields, 200 * 1024);
    const answers = {
      patch: await one.PATCH(jsonRequest(`/api/generations/${g.id}`, "PATCH", body({ favorite: true })), ctx(g.id)),
      retry: await retry.POST(jsonRequest(`/api/generations/${g.id}/retry`, "POST", body({ idempotencyKey: "k" })), ctx(g.id)),
      board: await boards.POST(jsonRequest("/api/boards", "POST", body({ name: "big" })), undefined),
      downloadJson: await downloads.POST(jsonRequest("/api/downloads", "POST", body({ generationIds: [g.id] })), undefined),
      downloadForm: await downloads.POST(
        new Request(`${base}/api/downloads`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `generationIds=${g.id}&padding=${"x".repeat(200 * 1024)}` }),
        undefined,
      ),
    };
    const seen = await Promise.all(Object.entries(answers).map(async ([route, res]) => ({ route, status: res.status, ...(await errorOf(res)) })));
    expect(seen).toEqual([
      { route: "patch", status: 413, code: "payload_too_large", message: "The request body is larger than 16 KB, the most this request takes" },
      { route: "retry", status: 413, code: "payload_too_large", message: "The request body is larger than 16 KB, the most this request takes" },
      { route: "board", status: 413, code: "payload_too_large", message: "The request body is larger than 16 KB, the most this request takes" },
      { route: "downloadJson", status: 413, code: "payload_too_large", message: "The request body is larger than 32 KB, the most this request takes" },
      { route: "downloadForm", status: 413, code: "payload_too_large", message: "The request body is larger than 32 KB, the most this request takes" },
    ]);
    expect(((await (await studio.get(g.id)).json()) as { favorite: boolean }).favorite).toBe(false);
    expect(((await (await boards.GET(new Request(`${base}/api/boards`), undefined)).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("a streamed body without Content-Length is read no further than the route's limit", async () => {
    const [g] = ((await (await studio.create(valid)).json()) as { generations: { id: string }[] }).generations;
    const one = await import("@/app/api/generations/[id]/route");
    let pulled = 0;
    const chunk = new TextEncoder().encode(" ".repeat(4096));
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await one.PATCH(
      new Request(`${base}/api/generations/${g.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: endless, duplex: "half" } as RequestInit),
      ctx(g.id),
    );
    expect(res.status).toBe(413);
    // The limit and a few chunks read ahead, not the 256 KB every route used to take.
    expect(pulled).toBeLessThanOrEqual(16 * 1024 + 4 * chunk.byteLength);
  });

  it("the routes that need more still take it: 200 ids to download, a data URL of 200 KB to generate", async () => {
    const downloads = await import("@/app/api/downloads/route");
    const list = ids(200);
    const asJson = await downloads.POST(jsonRequest("/api/downloads", "POST", JSON.stringify({ generationIds: list })), undefined);
    const asForm = await downloads.POST(
      new Request(`${base}/api/downloads`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: list.map((id) => `generationIds=${id}`).join("&") }),
      undefined,
    );
    // Read whole and looked up: none of these pictures exists.
    for (const res of [asJson, asForm]) {
      expect(res.status).toBe(404);
      expect((await errorOf(res)).message).toMatch(/No picture with id gen_01J/);
    }
    const noise = await sharp(Buffer.from(Array.from({ length: 220 * 220 * 3 }, (_, i) => (i * 7919) % 251)), { raw: { width: 220, height: 220, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    const reference = `data:image/png;base64,${noise.toString("base64")}`;
    expect(reference.length).toBeGreaterThan(180 * 1024);
    const created = await studio.create({ ...valid, references: [reference] });
    expect(created.status).toBe(201);
  });
});
