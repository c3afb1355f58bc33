import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { FRESH_GENERATION, type GenerationRow } from "@/lib/db";
import { ratioOf, type Figure, type Measurement } from "./support/figures";
import { sleep } from "./support/stats";

// 11. ZIP download: POST /api/downloads for 200 pictures at 4K
// (5504×3072 PNGs of about 24 MB, grainy like a photo so they do not
// compress; one file in the studio's fs store that all 200 rows name, which
// keeps seeding fast), through the real route handler in this process, read
// to a sink that only counts bytes. Measured: the time to the last byte, and
// this process's RSS sampled every 20 ms during the download beside its idle
// RSS just before. Baseline for the time: the same 200 originals read
// straight from the store (store.get) to the same sink, in the same run, so
// the ratio is what making the archive costs. The archive is then checked
// from its tail: 201 entries in its central directory, the sizes, and ZIP64
// records once it passes 4 GiB (200 such pictures do).

/** BENCH_ZIP_PICTURES=20 for a quick look; the figure is for 200. */
const PICTURES = Number(process.env.BENCH_ZIP_PICTURES ?? 200);
const WIDTH = 5504;
const HEIGHT = 3072;
/** Random low bits per channel: 3 gives a PNG of about 24 MB, a camera-like 4K picture. */
const GRAIN = 3;
const SAMPLE_MS = 20;
/** The archive streams through fixed buffers: its cost must not grow with the pictures. */
const RISE_BUDGET_MB = 64;
const MB = 1024 * 1024;
const PROMPTS = [
  "a lighthouse at dusk, long exposure, waves on the rocks",
  "黄昏的灯塔，海浪拍打着礁石",
  "a red fox curled up in fresh snow, soft morning light",
  "城市夜景，霓虹灯倒映在雨后的街道上",
  "an isometric tiny office with plants and a cat",
  "watercolor mountains at dawn / mist \\ in the valley: \"quiet\"",
];

/**
 * A grainy 4K PNG: a gradient with a few random low bits (PNG cannot compress
 * noise). Drawn in a child process, so the 50 MB of raw pixels and sharp's
 * own memory never sit in the RSS this measurement calls idle.
 */
function fourKPicture(dir: string): Buffer {
  const file = path.join(dir, "picture-4k.png");
  const draw = `
    import sharp from "sharp";
    const [width, height, grain] = [${WIDTH}, ${HEIGHT}, ${GRAIN}];
    const raw = Buffer.allocUnsafe(width * height * 3);
    let s = 2463534242;
    for (let y = 0, i = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
        raw[i++] = (x * 200) / width + 20 + (s % grain);
        raw[i++] = (y * 200) / height + 20 + ((s >>> 8) % grain);
        raw[i++] = ((x + y) * 100) / width + 40 + ((s >>> 16) % grain);
      }
    }
    await sharp(raw, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 6 }).toFile(${JSON.stringify(file)});
  `;
  execFileSync(process.execPath, ["--input-type=module", "-e", draw], { cwd: process.cwd(), stdio: "inherit" });
  return fs.readFileSync(file);
}

function rows(input: { key: string; bytes: number; now: number }): GenerationRow[] {
  return Array.from({ length: PICTURES }, (_, i) => {
    const at = input.now - (PICTURES - i) * 60_000;
    return {
      ...FRESH_GENERATION,
      id: `gen_01K${String(i).padStart(23, "0")}`,
      upstreamId: `task_bench_${i}`,
      model: "nano_banana_pro-4K",
      prompt: `${PROMPTS[i % PROMPTS.length]} (${i})`,
      aspectRatio: "16:9",
      imageSize: null,
      references: [],
      status: "completed",
      progress: 100,
      createdAt: at,
      updatedAt: at + 40_000,
      submittedAt: at + 500,
      completedAt: at + 40_000,
      imageKey: input.key,
      imageWidth: WIDTH,
      imageHeight: HEIGHT,
      imageBytes: input.bytes,
      imageContentType: "image/png",
      createdBy: `user${i % 5}`,
      batchId: `bat_01K${String(Math.floor(i / 4)).padStart(23, "0")}`,
    };
  });
}

/** Reads a stream to its end, keeping only the count and (at least) the last `keep` bytes. */
async function drain(body: ReadableStream<Uint8Array>, keep: number): Promise<{ bytes: number; tail: Buffer }> {
  const reader = body.getReader();
  let bytes = 0;
  // The newest chunks, as they came (no copying per chunk); oldest dropped past `keep`.
  const kept: Uint8Array[] = [];
  let keptBytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes, tail: Buffer.concat(kept) };
    bytes += value.byteLength;
    kept.push(value);
    keptBytes += value.byteLength;
    while (keptBytes - kept[0].byteLength >= keep) keptBytes -= kept.shift()!.byteLength;
  }
}

type CentralEntry = { name: string; method: number; size: number; offset: number };

/**
 * The central directory, read from the archive's last bytes (ZIP64 records
 * where the archive passes 4 GiB): enough to see that every entry is there,
 * at a sane offset, with its full size.
 */
function centralDirectory(tail: Buffer, total: number): { entries: CentralEntry[]; zip64: boolean } {
  const start = total - tail.length;
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error("no end of central directory record");
  let count = tail.readUInt16LE(eocd + 10);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  const zip64 = cdOffset === 0xffffffff;
  if (zip64) {
    const locator = eocd - 20;
    if (tail.readUInt32LE(locator) !== 0x07064b50) throw new Error("no ZIP64 locator");
    const record = Number(tail.readBigUInt64LE(locator + 8)) - start;
    if (tail.readUInt32LE(record) !== 0x06064b50) throw new Error("no ZIP64 end of central directory record");
    count = Number(tail.readBigUInt64LE(record + 32));
    cdOffset = Number(tail.readBigUInt64LE(record + 48));
  }
  const entries: CentralEntry[] = [];
  let at = cdOffset - start;
  if (at < 0) throw new Error("the central directory is larger than the kept tail");
  for (let i = 0; i < count; i++) {
    if (tail.readUInt32LE(at) !== 0x02014b50) throw new Error(`central entry ${i}: bad signature`);
    const nameLength = tail.readUInt16LE(at + 28);
    const extraLength = tail.readUInt16LE(at + 30);
    const commentLength = tail.readUInt16LE(at + 32);
    let size = tail.readUInt32LE(at + 24);
    let offset = tail.readUInt32LE(at + 42);
    const name = tail.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const extra = tail.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    if (extra.length >= 4 && extra.readUInt16LE(0) === 0x0001) {
      // compress-commons writes all three: size, compressed size, offset.
      size = Number(extra.readBigUInt64LE(4));
      offset = Number(extra.readBigUInt64LE(20));
    }
    entries.push({ name, method: tail.readUInt16LE(at + 10), size, offset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, zip64 };
}

function checkArchive(directory: { entries: CentralEntry[] }, pictureBytes: number): string | undefined {
  const { entries } = directory;
  if (entries.length !== PICTURES + 1) return `${entries.length} entries, not ${PICTURES + 1}`;
  if (entries[0].name !== "metadata.json" || entries[0].method !== 8) return "metadata.json is not the first, deflated entry";
  for (const [i, e] of entries.slice(1).entries()) {
    if (e.method !== 0 || e.size !== pictureBytes) return `${e.name}: method ${e.method}, ${e.size} bytes`;
    if (!e.name.startsWith(`${String(i + 1).padStart(3, "0")} `)) return `entry ${i + 1} is named ${e.name}`;
    if (e.offset <= entries[i].offset) return `${e.name}: offset ${e.offset} not after the previous entry's`;
  }
  return undefined;
}

export async function measure(): Promise<Measurement> {
  const { bootStudio } = await import("@/lib/testing/studio");
  const studio = await bootStudio();
  const route = await import("@/app/api/downloads/route");
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  try {
    const key = "images/bench-4k.png";
    let pictureBytes: number;
    {
      const picture = fourKPicture(studio.dataDir);
      await studio.deps.store.put({ key, bytes: picture, contentType: "image/png" });
      pictureBytes = picture.length;
    }
    const seeded = rows({ key, bytes: pictureBytes, now: Date.now() });
    await studio.deps.db.insertGenerations({ rows: seeded });
    const picturesTotal = pictureBytes * PICTURES;

    // Baseline (and the page cache warmed for both): the originals alone, from the store.
    const rawStarted = performance.now();
    let rawBytes = 0;
    for (let i = 0; i < PICTURES; i++) {
      const object = await studio.deps.store.get(key);
      for await (const chunk of object!.stream) rawBytes += (chunk as Buffer).length;
    }
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    if (rawBytes !== picturesTotal) throw new Error(`read ${rawBytes} bytes from the store, not ${picturesTotal}`);

    gc();
    await sleep(1_000);
    gc();
    const idle = process.memoryUsage.rss();
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), SAMPLE_MS);

    const started = performance.now();
    const res = await route.POST(
      new Request("http://studio.test/api/downloads", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ generationIds: seeded.map((r) => r.id) }),
      }),
      undefined,
    );
    if (res.status !== 200 || !res.body) throw new Error(`download answered ${res.status}: ${await res.text()}`);
    const { bytes: archiveBytes, tail } = await drain(res.body, MB / 4);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage.rss());

    const directory = centralDirectory(tail, archiveBytes);
    const problem = checkArchive(directory, pictureBytes);
    if (problem) throw new Error(`the archive is not what was asked for: ${problem}`);

    const rise = peak - idle;
    const mbps = archiveBytes / MB / seconds;
    const rawMbps = rawBytes / MB / rawSeconds;
    console.log(
      `[zip] ${PICTURES} pictures of ${(pictureBytes / MB).toFixed(1)} MB (${(picturesTotal / MB).toFixed(0)} MB in all) → archive ${(archiveBytes / MB).toFixed(0)} MB` +
        `${directory.zip64 ? " (ZIP64)" : ""} in ${seconds.toFixed(1)} s, ${mbps.toFixed(0)} MB/s (store alone: ${rawSeconds.toFixed(1)} s, ${rawMbps.toFixed(0)} MB/s); ` +
        `RSS idle ${(idle / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB, peak − idle ${(rise / MB).toFixed(1)} MB`,
    );

    const figures: Figure[] = [
      {
        id: "zip.seconds",
        name: `11 ZIP of ${PICTURES} 4K pictures: time to the last byte`,
        value: seconds,
        unit: "s",
        baseline: { value: rawSeconds, label: "store alone" },
        ratio: ratioOf(seconds, rawSeconds),
        note: `${mbps.toFixed(0)} MB/s; archive ${(archiveBytes / MB).toFixed(0)} MB${directory.zip64 ? ", ZIP64" : ""}, ${directory.entries.length} entries checked`,
      },
      {
        id: "zip.peakRss",
        name: "11 ZIP: process RSS, peak during the download",
        value: peak / MB,
        unit: "MB",
        baseline: { value: idle / MB, label: "idle" },
        ratio: ratioOf(peak, idle),
        note: `sampled every ${SAMPLE_MS} ms`,
      },
      {
        id: "zip.rssRise",
        name: "11 ZIP: RSS peak − idle",
        value: rise / MB,
        unit: "MB",
        baseline: { value: picturesTotal / MB, label: "the pictures' total" },
        ratio: ratioOf(rise, picturesTotal),
        target: `≤ ${RISE_BUDGET_MB} MB`,
        meets: rise / MB <= RISE_BUDGET_MB,
      },
    ];
    return {
      figures,
      details: { pictures: PICTURES, pictureBytes, picturesTotal, archiveBytes, zip64: directory.zip64, seconds, rawSeconds, mbps, rawMbps, idle, peak, rise },
    };
  } finally {
    studio.cleanup();
  }
}
