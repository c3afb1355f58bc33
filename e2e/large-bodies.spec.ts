import sharp from "sharp";
import { expect, test } from "./support/demo";

// Under `next start`, a request body that passes through the proxy (proxy.ts)
// is cloned for it, and Next cuts a clone off at 10 MB: a script sending large
// references as data URLs got "not valid JSON" for a request well inside the
// studio's own 40 MB limit. API routes are not proxied; pages keep their CSP.

/** A noisy PNG of about `bytes` (noise does not compress), as a data URL. */
async function noisyPng(bytes: number, seed: number): Promise<string> {
  const side = Math.ceil(Math.sqrt(bytes / 3));
  const raw = Buffer.alloc(side * side * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = ((i + seed) * 2654435761) >>> 24;
  const png = await sharp(raw, { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
  return `data:image/png;base64,${png.toString("base64")}`;
}

test("a 13 MB request with two large data-URL references is read whole", async ({ request }) => {
  const references = [await noisyPng(5_000_000, 1), await noisyPng(5_000_000, 2)];
  const body = JSON.stringify({ model: "nano_banana_2", prompt: "two large references", references });
  expect(body.length).toBeGreaterThan(12 * 1024 * 1024);
  const res = await request.post("/api/generations", { data: body, headers: { "content-type": "application/json" } });
  expect(res.status(), await res.text()).toBe(201);
  const [g] = ((await res.json()) as { generations: { referenceCount: number; status: string }[] }).generations;
  expect(g.referenceCount).toBe(2);
});

test("pages still carry the content security policy", async ({ request }) => {
  const res = await request.get("/");
  expect(res.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
  const api = await request.get("/api/health");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
});
