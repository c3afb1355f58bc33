import sharp from "sharp";
import type { Figure, Measurement } from "./support/figures";
import { startSimulatorProcess } from "./support/server";
import { sleep } from "./support/stats";

// 12 /v1/images/edits memory: N people each send one edit of
// five 6 MB pictures (30 MB of multipart) at the same moment, in-process
// through the real route handler, the gateway being the simulator in a
// process of its own (so what it holds is not counted). The process's RSS,
// V8 heap and buffers are sampled every 10 ms from just before the requests
// until every answer has been read; figures are the peaks above the idle
// process, per request, and the heap still held (after collecting) while
// every request waits for its picture. The client side allocates nothing per
// request: each streams views of one body made before the idle reading. Each
// request is another person's, so the per-person edit cap is not what bounds
// it. Run this file against an older checkout for a "before":
//   BENCH_OUT=/tmp/edits.json node --conditions=react-server --expose-gc --import tsx bench/support/measure-one.ts openai-edits

const PEOPLE = Number(process.env.BENCH_EDITS ?? 4);
const PICTURES = 5;
const SIDE = 1448; // 1448² RGB, stored PNG: ~6.3 MB that does not compress
const MB = 1024 * 1024;

/** A PNG of noise: its bytes are as big as its pixels. */
async function noisePng(seed: number): Promise<Buffer> {
  const raw = Buffer.alloc(SIDE * SIDE * 3);
  let x = seed * 2654435761;
  for (let i = 0; i < raw.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    raw[i] = x >>> 24;
  }
  return sharp(raw, { raw: { width: SIDE, height: SIDE, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
}

/**
 * Two collections apart: V8 frees the memory of dead ArrayBuffers a little
 * after the collection that found them (needs --expose-gc, as run.ts gives).
 */
async function settle(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await sleep(300);
  gc?.();
  await sleep(100);
}

export async function measure(): Promise<Measurement> {
  const key = "sk-bench-simulator";
  // Speed 1: a picture takes seconds, so there is a wait to look at.
  const simulator = await startSimulatorProcess({ port: 3408, key, speed: 1 });
  const { bootStudio } = await import("@/lib/testing/studio");
  // STUDIO_AUTH=header: one person per request, named by a header.
  const studio = await bootStudio({
    STUDIO_AUTH: "header",
    STUDIO_USER_HEADER: "X-Forwarded-User",
    NANO_API_KEY: key,
    NANO_API_BASE_URL: simulator.url,
    STUDIO_POLL_INTERVAL_MS: "200",
    STUDIO_MAX_ACTIVE: "100",
    STUDIO_DAILY_LIMIT: "10000",
  });
  const { createPoller } = await import("@/lib/generations");
  const poller = createPoller(studio.deps);
  const edits = await import("@/app/v1/images/edits/route");
  const pictures = await Promise.all(Array.from({ length: PICTURES }, (_, i) => noisePng(i + 1)));
  const pictureMB = pictures.reduce((n, p) => n + p.length, 0) / MB;
  // One multipart body, made once: each request streams views of it, so the
  // client side allocates nothing per request.
  const boundary = "----bench-openai-edits";
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="response_format"\r\n\r\nurl\r\n`),
    ...pictures.flatMap((bytes) => [
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="image[]"; filename="picture.png"\r\nContent-Type: image/png\r\n\r\n`),
      bytes,
      Buffer.from("\r\n"),
    ]),
  ]);

  const send = (person: string) => {
    const prompt = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="prompt"\r\n\r\na collage by ${person}\r\n`);
    const end = Buffer.from(`--${boundary}--\r\n`);
    const chunks = (function* () {
      yield prompt;
      for (let at = 0; at < body.length; at += 64 * 1024) yield body.subarray(at, at + 64 * 1024);
      yield end;
    })();
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          const next = chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        },
      },
      { highWaterMark: 0 },
    );
    return edits.POST(
      new Request("http://studio.test/v1/images/edits", {
        method: "POST",
        headers: { "x-forwarded-user": person, "content-type": `multipart/form-data; boundary=${boundary}` },
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
  };

  try {
    // One warm-up edit: modules, sharp and the database are loaded before the idle reading.
    const warm = await send("warm-up");
    if (warm.status !== 200) throw new Error(`warm-up edit answered ${warm.status}: ${await warm.text()}`);
    await warm.text();
    await settle();
    const idle = process.memoryUsage();

    let peakRss = idle.rss;
    let peakHeap = idle.heapUsed;
    let peakExternal = idle.external;
    let done = false;
    const sampler = (async () => {
      while (!done) {
        const now = process.memoryUsage();
        peakRss = Math.max(peakRss, now.rss);
        peakHeap = Math.max(peakHeap, now.heapUsed);
        // external already counts Buffers (arrayBuffers is a part of it).
        peakExternal = Math.max(peakExternal, now.external);
        await sleep(10);
      }
    })();
    const started = Date.now();
    // While every request waits: all submitted (a task id each), none done yet.
    const waiting = (async () => {
      for (;;) {
        const rows = (await studio.deps.db.listGenerations({ limit: 100 })).filter((r) => r.createdBy.startsWith("person-"));
        if (rows.some((r) => r.status === "completed" || r.status === "failed")) return undefined;
        if (rows.length === PEOPLE && rows.every((r) => r.upstreamId !== null)) {
          // Every request has returned from its submit by now (a picture takes seconds at speed 1).
          await sleep(300);
          await settle();
          return process.memoryUsage();
        }
        await sleep(20);
      }
    })();
    const statuses = await Promise.all(
      Array.from({ length: PEOPLE }, async (_, i) => {
        const res = await send(`person-${i}`);
        await res.text();
        return res.status;
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    done = true;
    await sampler;
    const failed = statuses.filter((s) => s !== 200).length;
    const held = await waiting;

    const perRequest = (bytes: number) => bytes / PEOPLE / MB;
    const note = `${PEOPLE} edits at once, ${PICTURES} pictures (${pictureMB.toFixed(1)} MB) each, answered in ${seconds.toFixed(1)} s${failed ? `; ${failed} failed` : ""}`;
    const figures: Figure[] = [
      { id: "openai-edits.rss", name: `12 edits: peak RSS above idle, per request`, value: perRequest(peakRss - idle.rss), unit: "MB", note },
      { id: "openai-edits.heap", name: `12 edits: peak V8 heap above idle, per request`, value: perRequest(peakHeap - idle.heapUsed), unit: "MB" },
      {
        id: "openai-edits.buffers",
        name: `12 edits: peak buffers outside the heap above idle, per request`,
        value: perRequest(peakExternal - idle.external),
        unit: "MB",
      },
      {
        id: "openai-edits.waiting",
        name: `12 edits: V8 heap still held while the requests wait (after GC), per request`,
        value: held ? perRequest(held.heapUsed - idle.heapUsed) : null,
        unit: "MB",
        note: held ? `buffers outside the heap: ${perRequest(held.external - idle.external).toFixed(1)} MB` : "a picture was done before every request had been submitted",
      },
    ];
    for (const f of figures) console.log(`[bench] ${f.name}: ${f.value?.toFixed(1)} ${f.unit}${f.note ? ` (${f.note})` : ""}`);
    return { figures, details: { people: PEOPLE, pictureMB, idle, peakRss, peakHeap, peakExternal, held, seconds, statuses } };
  } finally {
    poller.stop();
    studio.cleanup();
    await simulator.stop();
  }
}
