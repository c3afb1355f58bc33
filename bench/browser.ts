import zlib from "node:zlib";
import { chromium, type Page } from "@playwright/test";
import sharp from "sharp";
import { ratioOf, type Figure, type Measurement } from "./support/figures";
import { withServer } from "./support/server";
import { median } from "./support/stats";

// 6. The browser, on the built app under `next start`.
// - First-load JavaScript of `/`: every <script src> in the HTML the server
//   answers for `/` (the build's own chunks) except `nomodule` ones, fetched and
//   gzipped here (zlib,
//   default level, as Next's own compression), summed. As a cross-check, the
//   scripts Chromium actually loaded for the page, gzipped the same way.
// - A 12-megapixel JPEG reference (4000×3000, photo-like noise, 90% quality)
//   put into the real composer's "Reference images" file input in Chromium:
//   time from the input's change event to the reference thumbnail decoded in
//   the page (timed in the page), 3 runs. Output size: the reference as the
//   page then uploads it, taken from the POST /api/generations body after
//   clicking Generate. Baseline: the same page only decoding the same file
//   (createImageBitmap), in the same run.

const PORT = 3403;
const RUNS = 3;
const JS_BUDGET_KB = 200;
const KB = 1024;
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

async function twelveMegapixelJpeg(): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  // Smooth shapes plus fine grain: compresses like a phone photo, not like flat art or pure noise.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#4a7fb5"/><stop offset="0.6" stop-color="#d9a066"/><stop offset="1" stop-color="#2f4f2f"/></linearGradient></defs>
<rect width="100%" height="100%" fill="url(#g)"/>
<circle cx="2900" cy="800" r="420" fill="#ffe9a8" fill-opacity="0.8"/>
<path d="M0 2200 Q 1000 1600 2000 2100 T 4000 1900 V 3000 H 0 Z" fill="#3b5d3b"/>
</svg>`;
  const grain = await sharp({ create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 28 } } })
    .blur(0.6)
    .png()
    .toBuffer();
  return sharp(Buffer.from(svg))
    .composite([{ input: grain, blend: "overlay" }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

const gzipKb = (bytes: Buffer) => zlib.gzipSync(bytes).length / KB;

async function firstLoadJs(base: string) {
  const html = await (await fetch(`${base}/`)).text();
  // `nomodule` scripts (Next's legacy polyfills) are skipped by every browser that runs modules.
  const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !/\bnomodule\b/i.test(tag));
  const srcs = [...new Set(tags.flatMap((tag) => /\bsrc="([^"]+)"/.exec(tag)?.[1].replace(/&amp;/g, "&") ?? []))];
  let gz = 0;
  let raw = 0;
  for (const src of srcs) {
    const bytes = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    raw += bytes.length / KB;
    gz += gzipKb(bytes);
  }
  return { chunks: srcs.length, gzipKb: gz, rawKb: raw, srcs };
}

async function timeReference(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __bench: { t0?: number; t1?: number } };
    w.__bench = {};
    document.addEventListener(
      "change",
      (e) => {
        if ((e.target as HTMLElement).id === "composer-references-input") w.__bench.t0 = performance.now();
      },
      { capture: true, once: true },
    );
    const observer = new MutationObserver(() => {
      const img = document.querySelector<HTMLImageElement>('ul[aria-label="Selected references"] img');
      if (!img) return;
      observer.disconnect();
      void img.decode().finally(() => (w.__bench.t1 = performance.now()));
    });
    observer.observe(document.body, { subtree: true, childList: true });
  });
  await page.getByLabel("Reference images").setInputFiles(file);
  await page.waitForFunction(() => (window as unknown as { __bench: { t1?: number } }).__bench.t1 !== undefined, undefined, { timeout: 60_000 });
  return page.evaluate(() => {
    const b = (window as unknown as { __bench: { t0: number; t1: number } }).__bench;
    return b.t1 - b.t0;
  });
}

export async function measure(): Promise<Measurement> {
  const photo = await twelveMegapixelJpeg();
  return withServer({ port: PORT, label: "browser", env: { SIMULATOR_SPEED: "3" } }, async (server) => {
    const js = await firstLoadJs(server.url);

    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ARGS, headless: true });
    try {
      const page = await browser.newPage();
      const loadedScripts: Promise<number>[] = [];
      page.on("response", (res) => {
        if (res.request().resourceType() === "script") loadedScripts.push(res.body().then(gzipKb, () => 0));
      });
      await page.route(`${server.url}/__bench/photo.jpg`, (route) => route.fulfill({ body: photo, contentType: "image/jpeg" }));
      await page.goto(`${server.url}/`, { waitUntil: "load" });
      await page.getByLabel("Reference images").waitFor({ state: "attached" });
      const chromiumJsKb = (await Promise.all(loadedScripts)).reduce((a, b) => a + b, 0);

      const decodeMs: number[] = await page.evaluate(async (runs) => {
        const blob = await (await fetch("/__bench/photo.jpg")).blob();
        const out: number[] = [];
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          const bitmap = await createImageBitmap(blob, { imageOrientation: "from-image" });
          out.push(performance.now() - t);
          bitmap.close();
        }
        return out;
      }, RUNS);

      const file = { name: "photo-12mp.jpg", mimeType: "image/jpeg", buffer: photo };
      const prepareMs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        if (i > 0) {
          await page.getByRole("button", { name: "Remove all" }).click();
          await page.locator('ul[aria-label="Selected references"]').waitFor({ state: "detached" });
        }
        prepareMs.push(await timeReference(page, file));
      }

      // The composer uploads each picture once (POST /api/references) and the
      // request names it by id: what crossed the network is the stored upload.
      await page.getByLabel("Prompt", { exact: true }).fill("bench: a reference photo");
      const [request] = await Promise.all([
        page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/generations"),
        page.getByRole("button", { name: "Generate", exact: true }).click(),
      ]);
      const body = request.postDataJSON() as { references?: string[] };
      const sent = body.references?.[0];
      if (!sent?.startsWith("ref_")) throw new Error(`the POST named no uploaded reference (${sent?.slice(0, 20)})`);
      const stored = await page.request.get(`${server.url}/api/references/${sent}`);
      if (!stored.ok()) throw new Error(`GET /api/references/${sent} answered ${stored.status()}`);
      const sentBytes = Buffer.from(await stored.body());
      const meta = await sharp(sentBytes).metadata();
      const requestBytes = Buffer.byteLength(request.postData() ?? "");

      const prep = median(prepareMs);
      const decode = median(decodeMs);
      const figures: Figure[] = [
        {
          id: "browser.firstLoadJs",
          name: "6 first-load JS of / (gzip)",
          value: js.gzipKb,
          unit: "KB",
          target: `≤ ${JS_BUDGET_KB} KB`,
          meets: js.gzipKb <= JS_BUDGET_KB,
          note: `${js.chunks} chunks, ${js.rawKb.toFixed(0)} KB raw; Chromium loaded ${chromiumJsKb.toFixed(0)} KB gz`,
        },
        {
          id: "browser.referenceTime",
          name: "6 12 MP JPEG → reference thumb shown",
          value: prep,
          unit: "ms",
          baseline: { value: decode, label: "decode only" },
          ratio: ratioOf(prep, decode),
          note: `median of ${RUNS}`,
        },
        {
          id: "browser.referenceBytes",
          name: "6 12 MP JPEG → reference uploaded",
          value: sentBytes.length / KB,
          unit: "KB",
          baseline: { value: photo.length / KB, label: "original file" },
          ratio: ratioOf(sentBytes.length, photo.length),
          note: `${meta.width}×${meta.height} ${meta.format}; the generate request itself ${requestBytes} bytes`,
        },
      ];
      return { figures, details: { js, chromiumJsKb, prepareMs, decodeMs, photoBytes: photo.length, sentBytes: sentBytes.length, sent: { width: meta.width, height: meta.height, format: meta.format } } };
    } finally {
      await browser.close();
    }
  });
}
