import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootStudio, type Studio } from "@/lib/testing/studio";

// Hostile requests, one row each: every one gets its documented 4xx and the one
// error body; afterwards the server is healthy and neither the database nor
// the data dir changed.

let studio: Studio;
let routes: {
  generations: typeof import("@/app/api/generations/route");
  one: typeof import("@/app/api/generations/[id]/route");
  retry: typeof import("@/app/api/generations/[id]/retry/route");
  images: typeof import("@/app/api/images/[id]/route");
  references: typeof import("@/app/api/references/[id]/route");
};
let png: Buffer;
let jpeg: Buffer;
let gif: Buffer;
let existingId: string;

beforeAll(async () => {
  studio = await bootStudio({ STUDIO_BODY_LIMIT_BYTES: String(512 * 1024) });
  routes = {
    generations: await import("@/app/api/generations/route"),
    one: await import("@/app/api/generations/[id]/route"),
    retry: await import("@/app/api/generations/[id]/retry/route"),
    images: await import("@/app/api/images/[id]/route"),
    references: await import("@/app/api/references/[id]/route"),
  };
  const img = sharp({ create: { width: 16, height: 16, channels: 3, background: "#f00" } });
  png = await img.clone().png().toBuffer();
  jpeg = await img.clone().jpeg().toBuffer();
  gif = await img.clone().gif().toBuffer();
  // One real generation so id-based attacks have something next to them.
  const res = await studio.create({ model: "nano_banana_2", prompt: "the one legitimate picture" });
  existingId = ((await res.json()) as { generations: { id: string }[] }).generations[0].id;
});
afterAll(() => studio.cleanup());

const BASE = "http://studio.test";
const dataUrl = (type: string, bytes: Buffer | string) => `data:${type};base64,${Buffer.from(bytes).toString("base64")}`;
const valid = { model: "nano_banana_2", prompt: "a cat" };

type Attack = {
  name: string;
  send: () => Promise<Response>;
  status: number;
  code: string;
};

const post = (body: unknown, headers: Record<string, string> = {}) =>
  routes.generations.POST(
    new Request(`${BASE}/api/generations`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    undefined,
  );
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const getOne = (id: string) => routes.one.GET(new Request(`${BASE}/api/generations/x`), ctx(id));
const list = (qs: string) => routes.generations.GET(new Request(`${BASE}/api/generations${qs}`), undefined);

const attacks: () => Attack[] = () => [
  // Oversized and malformed bodies
  { name: "body over the limit", send: () => post({ ...valid, prompt: "y".repeat(600 * 1024) }), status: 413, code: "payload_too_large" },
  { name: "Content-Length claims 10 GB", send: () => post(valid, { "content-length": String(10 * 1024 ** 3) }), status: 413, code: "payload_too_large" },
  { name: "truncated JSON", send: () => post('{"model":"nano_banana_2","prompt":"a'), status: 400, code: "invalid_request" },
  { name: "JSON with trailing garbage", send: () => post(`${JSON.stringify(valid)}}}`), status: 400, code: "invalid_request" },
  { name: "not JSON at all", send: () => post("model=nano_banana_2&prompt=cat"), status: 400, code: "invalid_request" },
  { name: "JSON null", send: () => post("null"), status: 400, code: "invalid_request" },
  { name: "JSON string", send: () => post('"a cat"'), status: 400, code: "invalid_request" },
  { name: "deeply nested JSON", send: () => post(`${"[".repeat(5000)}${"]".repeat(5000)}`), status: 400, code: "invalid_request" },
  { name: "__proto__ pollution", send: () => post('{"model":"nano_banana_2","prompt":"a","__proto__":{"admin":true}}'), status: 400, code: "invalid_request" },
  // Wrong types
  { name: "model as a number", send: () => post({ ...valid, model: 123 }), status: 400, code: "invalid_request" },
  { name: "prompt as an array", send: () => post({ ...valid, prompt: ["a", "b"] }), status: 400, code: "invalid_request" },
  { name: "prompt as an object", send: () => post({ ...valid, prompt: { toString: "x" } }), status: 400, code: "invalid_request" },
  { name: "references as a string", send: () => post({ ...valid, references: "https://example.com/a.png" }), status: 400, code: "invalid_request" },
  { name: "references with a number", send: () => post({ ...valid, references: [42] }), status: 400, code: "invalid_request" },
  { name: "count as a fraction", send: () => post({ ...valid, count: 1.5 }), status: 400, code: "invalid_request" },
  { name: "idempotencyKey too long", send: () => post({ ...valid, idempotencyKey: "k".repeat(1000) }), status: 400, code: "invalid_request" },
  // Unicode edge cases in prompts
  { name: "prompt of zero-width spaces", send: () => post({ ...valid, prompt: "\u200b\u200b\u2060" }), status: 400, code: "invalid_request" },
  { name: "prompt of ideographic spaces", send: () => post({ ...valid, prompt: "\u3000\u3000" }), status: 400, code: "invalid_request" },
  { name: "prompt with a NUL byte", send: () => post({ ...valid, prompt: "a cat\u0000; rm -rf /" }), status: 400, code: "invalid_request" },
  { name: "prompt with a lone surrogate", send: () => post(`{"model":"nano_banana_2","prompt":"a \\ud800 cat"}`), status: 400, code: "invalid_request" },
  { name: "prompt of 10,001 emoji", send: () => post({ ...valid, prompt: "😀".repeat(10_001) }), status: 400, code: "invalid_request" },
  { name: "prompt of 10,001 CJK characters", send: () => post({ ...valid, prompt: "猫".repeat(10_001) }), status: 400, code: "invalid_request" },
  // Path traversal and SQL in ids and queries
  { name: "id ../../etc/passwd", send: () => getOne("../../etc/passwd"), status: 404, code: "not_found" },
  { name: "id %2e%2e%2fetc%2fpasswd", send: () => getOne("%2e%2e%2fetc%2fpasswd"), status: 404, code: "not_found" },
  { name: "image id ../../studio.db", send: () => routes.images.GET(new Request(`${BASE}/api/images/x`), ctx("../../studio.db")), status: 404, code: "not_found" },
  { name: "reference id with traversal", send: () => routes.references.GET(new Request(`${BASE}/api/references/x`), ctx("ref_../../../etc/passwd")), status: 404, code: "not_found" },
  { name: "id with SQL", send: () => getOne("gen_' OR '1'='1"), status: 404, code: "not_found" },
  { name: "DELETE with SQL id", send: () => routes.one.DELETE(new Request(`${BASE}/api/generations/x`, { method: "DELETE" }), ctx("1; DROP TABLE generations")), status: 404, code: "not_found" },
  { name: "cursor with SQL", send: () => list("?cursor=gen_%27%20OR%201%3D1--"), status: 400, code: "invalid_request" },
  { name: "model filter with SQL", send: () => list("?model=x%27%3B%20DROP%20TABLE%20generations%3B--"), status: 400, code: "invalid_request" },
  { name: "search of 5,000 characters", send: () => list(`?q=${"a".repeat(5000)}`), status: 400, code: "invalid_request" },
  { name: "limit of a million", send: () => list("?limit=1000000"), status: 400, code: "invalid_request" },
  { name: "negative limit", send: () => list("?limit=-5"), status: 400, code: "invalid_request" },
  { name: "unknown query parameter", send: () => list("?admin=1"), status: 400, code: "invalid_request" },
  // Cross-origin writes
  { name: "POST from another origin", send: () => post(valid, { origin: "https://evil.example" }), status: 403, code: "forbidden" },
  { name: "POST with Origin null", send: () => post(valid, { origin: "null" }), status: 403, code: "forbidden" },
  { name: "POST marked cross-site", send: () => post(valid, { "sec-fetch-site": "cross-site" }), status: 403, code: "forbidden" },
  { name: "DELETE from another origin", send: () => routes.one.DELETE(new Request(`${BASE}/api/generations/x`, { method: "DELETE", headers: { origin: "https://evil.example" } }), ctx(existingId)), status: 403, code: "forbidden" },
  { name: "PATCH from a look-alike host", send: () => routes.one.PATCH(new Request(`${BASE}/api/generations/x`, { method: "PATCH", headers: { origin: "http://studio.test.evil.example", "content-type": "application/json" }, body: '{"favorite":true}' }), ctx(existingId)), status: 403, code: "forbidden" },
  // Huge counts
  { name: "count of a billion", send: () => post({ ...valid, count: 1e9 }), status: 400, code: "invalid_request" },
  { name: "negative count", send: () => post({ ...valid, count: -1 }), status: 400, code: "invalid_request" },
  { name: "count as 1e309", send: () => post('{"model":"nano_banana_2","prompt":"a","count":1e309}'), status: 400, code: "invalid_request" },
  // Disguised files and SVG
  { name: "HTML disguised as PNG", send: () => post({ ...valid, references: [dataUrl("image/png", "<html><script>alert(1)</script></html>")] }), status: 400, code: "invalid_request" },
  { name: "Windows executable as JPEG", send: () => post({ ...valid, references: [dataUrl("image/jpeg", Buffer.concat([Buffer.from("MZ\x90\x00"), Buffer.alloc(512)]))] }), status: 400, code: "invalid_request" },
  { name: "PDF as WebP", send: () => post({ ...valid, references: [dataUrl("image/webp", "%PDF-1.7\n1 0 obj\n<<>>\nendobj")] }), status: 400, code: "invalid_request" },
  { name: "GIF declared as PNG", send: () => post({ ...valid, references: [dataUrl("image/png", gif)] }), status: 400, code: "invalid_request" },
  { name: "SVG with script as PNG", send: () => post({ ...valid, references: [dataUrl("image/png", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>')] }), status: 400, code: "invalid_request" },
  { name: "SVG data URL", send: () => post({ ...valid, references: [dataUrl("image/svg+xml", "<svg/>")] }), status: 400, code: "invalid_request" },
  { name: "truncated PNG", send: () => post({ ...valid, references: [dataUrl("image/png", png.subarray(0, Math.floor(png.length / 2)))] }), status: 400, code: "invalid_request" },
  // Data URLs with a wrong declared type
  { name: "JPEG declared as PNG", send: () => post({ ...valid, references: [dataUrl("image/png", jpeg)] }), status: 400, code: "invalid_request" },
  { name: "PNG declared as text/html", send: () => post({ ...valid, references: [dataUrl("text/html", png)] }), status: 400, code: "invalid_request" },
  // URLs that must never reach anyone
  { name: "file: URL", send: () => post({ ...valid, references: ["file:///etc/passwd"] }), status: 400, code: "invalid_request" },
  { name: "javascript: URL", send: () => post({ ...valid, references: ["javascript:alert(document.cookie)"] }), status: 400, code: "invalid_request" },
  { name: "credentialed URL", send: () => post({ ...valid, references: ["https://admin:secret@example.com/a.png"] }), status: 400, code: "invalid_request" },
  { name: "ftp: URL", send: () => post({ ...valid, references: ["ftp://example.com/a.png"] }), status: 400, code: "invalid_request" },
  { name: "protocol-relative URL", send: () => post({ ...valid, references: ["//example.com/a.png"] }), status: 400, code: "invalid_request" },
  // Misused routes
  { name: "retry of an unknown generation", send: () => routes.retry.POST(new Request(`${BASE}/api/generations/x/retry`, { method: "POST" }), ctx("gen_01J00000000000000000000000")), status: 404, code: "not_found" },
  { name: "PATCH favorite as a string", send: () => routes.one.PATCH(new Request(`${BASE}/api/generations/x`, { method: "PATCH", headers: { "content-type": "application/json" }, body: '{"favorite":"yes"}' }), ctx(existingId)), status: 400, code: "invalid_request" },
  { name: "PATCH that rewrites the owner", send: () => routes.one.PATCH(new Request(`${BASE}/api/generations/x`, { method: "PATCH", headers: { "content-type": "application/json" }, body: '{"favorite":true,"createdBy":"root"}' }), ctx(existingId)), status: 400, code: "invalid_request" },
];

describe("hostile requests", () => {
  it("each gets its documented 4xx and error body, and nothing changes", async () => {
    // Let the legitimate generation settle so the poller-free snapshot is stable.
    const rowsBefore = JSON.stringify(await studio.deps.db.listGenerations({ limit: 1000 }));
    const filesBefore = studio.files();
    const submitsBefore = studio.sim.stats().submits;
    const table = attacks();
    expect(table.length).toBeGreaterThanOrEqual(40);

    const byStatus: Record<number, number> = {};
    for (const attack of table) {
      const res = await attack.send();
      const body = (await res.json()) as { error?: { code?: string; message?: string } };
      expect({ attack: attack.name, status: res.status, code: body.error?.code }).toEqual({ attack: attack.name, status: attack.status, code: attack.code });
      expect(typeof body.error?.message).toBe("string");
      expect(body.error!.message).not.toMatch(/at .*\.(ts|js):\d+/); // no stack traces
      byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
    }
    console.log(`hostile requests: ${table.length} in all, by status ${JSON.stringify(byStatus)}`);

    expect(JSON.stringify(await studio.deps.db.listGenerations({ limit: 1000 }))).toBe(rowsBefore);
    expect(studio.files()).toEqual(filesBefore);
    expect(studio.sim.stats().submits).toBe(submitsBefore);

    // Still healthy, and still working for a legitimate request.
    expect((await studio.health()).status).toBe(200);
    expect((await post({ ...valid, prompt: "after the storm" })).status).toBe(201);
  });
});
