import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FRESH_GENERATION, type GenerationRow } from "@/lib/db";
import { newBatchId, newGenerationId } from "@/lib/core/ids";
import type { BlobStore } from "@/lib/storage";
import { testDeps } from "@/lib/testing/deps";
import { readZip } from "./read-zip-for-tests";
import { zipDownload } from "./zip-download";

// The service under the route: entries written one at a time and only as
// fast as the archive is read, originals byte for byte, and a picture lost
// half-way failing the stream instead of ending it short.

const PICTURE_BYTES = 600 * 1024;
const viewer = { name: "ann" };
let env: ReturnType<typeof testDeps>;
afterEach(() => env?.cleanup());

/** A store that counts the pictures open at once (opened by get, closed with their stream). */
function countingStore(store: BlobStore) {
  const counts = { gets: 0, open: 0, maxOpen: 0 };
  const counting: BlobStore = {
    ...store,
    async get(key) {
      const object = await store.get(key);
      if (!object) return object;
      counts.gets++;
      counts.open++;
      counts.maxOpen = Math.max(counts.maxOpen, counts.open);
      object.stream.once("close", () => counts.open--);
      return object;
    },
  };
  return { counting, counts };
}

/** `count` finished pictures, each with its own random (incompressible) original; `over` changes picture i's row (given those before it). */
async function storePictures(
  count: number,
  over: (i: number, before: GenerationRow[]) => Partial<GenerationRow> = () => ({}),
): Promise<{ rows: GenerationRow[]; sha: Map<string, string> }> {
  const rows: GenerationRow[] = [];
  const sha = new Map<string, string>();
  const batchId = newBatchId();
  for (let i = 0; i < count; i++) {
    const id = newGenerationId();
    const bytes = randomBytes(PICTURE_BYTES);
    await env.deps.store.put({ key: `images/${id}.png`, bytes, contentType: "image/png" });
    sha.set(id, createHash("sha256").update(bytes).digest("hex"));
    const now = env.deps.now();
    rows.push({
      ...FRESH_GENERATION,
      id,
      model: "nano_banana_2",
      prompt: `picture number ${i}`,
      aspectRatio: "1:1",
      imageSize: "1K",
      references: [],
      status: "completed",
      progress: 100,
      createdAt: now,
      updatedAt: now,
      completedAt: now,
      imageKey: `images/${id}.png`,
      imageWidth: 1024,
      imageHeight: 1024,
      imageBytes: PICTURE_BYTES,
      imageContentType: "image/png",
      createdBy: "bob",
      batchId,
      ...over(i, rows),
    });
  }
  await env.deps.db.insertGenerations({ rows });
  return { rows, sha };
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(body).arrayBuffer());
}

describe("zipDownload", () => {
  it("writes one picture at a time, each the stored original byte for byte", async () => {
    env = testDeps();
    const { rows, sha } = await storePictures(12);
    const { counting, counts } = countingStore(env.deps.store);
    const download = await zipDownload({ db: env.deps.db, store: counting }, { ids: rows.map((r) => r.id), viewer });
    expect(download).toMatchObject({ count: 12, fileName: "nano-studio-12-pictures.zip" });

    const zip = await readZip(await readAll(download.body));
    expect(counts).toEqual({ gets: 12, open: 0, maxOpen: 1 });
    expect(zip.crcOk).toBe(true);
    expect(zip.entries.map((e) => e.name)).toEqual(["metadata.json", ...rows.map((_, i) => `${String(i + 1).padStart(3, "0")} picture number ${i}.png`)]);
    expect(zip.entries.slice(1).map((e) => e.sha256)).toEqual(rows.map((r) => sha.get(r.id)));
    expect(zip.entries.map((e) => e.method)).toEqual(["deflated", ...rows.map(() => "stored")]);
  });

  it("says in metadata.json which picture each was made from, and what an edit asked for", async () => {
    env = testDeps();
    // An original, an edit of it, and an edit of that edit (a chain of three versions).
    const { rows } = await storePictures(3, (i, before) =>
      i === 0 ? {} : { parentId: before[i - 1].id, rootId: before[0].id, prompt: i === 1 ? "make it night" : "add snow" },
    );
    const download = await zipDownload(env.deps, { ids: [rows[2].id, rows[0].id, rows[1].id], viewer });
    const zip = await readZip(await readAll(download.body));
    const metadata = zip.metadata as { id: string; prompt: string; parentId: string | null; instruction: string | null }[];
    expect(metadata.map(({ id, prompt, parentId, instruction }) => ({ id, prompt, parentId, instruction }))).toEqual([
      { id: rows[2].id, prompt: "add snow", parentId: rows[1].id, instruction: "add snow" },
      { id: rows[0].id, prompt: "picture number 0", parentId: null, instruction: null },
      { id: rows[1].id, prompt: "make it night", parentId: rows[0].id, instruction: "make it night" },
    ]);
  });

  it("opens nothing before the archive is read, and no further than the reader has read", async () => {
    env = testDeps();
    const { rows } = await storePictures(6);
    const { counting, counts } = countingStore(env.deps.store);
    const download = await zipDownload({ db: env.deps.db, store: counting }, { ids: rows.map((r) => r.id), viewer });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(counts.gets).toBe(0);

    const reader = download.body.getReader();
    let read = 0;
    while (read < 64 * 1024) read += (await reader.read()).value!.byteLength;
    // Each picture is 600 KB and only some 64 KB were read: however long we
    // wait, nothing but the first picture may be open (backpressure).
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(counts.gets).toBe(1);
    // A reader that goes away closes the picture being read.
    await reader.cancel();
    await vi.waitFor(() => expect(counts.open).toBe(0));
  });

  it("fails the stream when a picture's file vanishes half-way, after the pictures before it", async () => {
    env = testDeps();
    const { rows } = await storePictures(3);
    const download = await zipDownload(env.deps, { ids: rows.map((r) => r.id), viewer });
    // Checked before the answer: all three were there. Now the second goes.
    await env.deps.store.delete(rows[1].imageKey!);
    const reader = download.body.getReader();
    let received = 0;
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        received += value.byteLength;
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(`The stored file of picture ${rows[1].id} is missing`);
    // The first picture went out (all but what zip-stream still buffered) before the failure.
    expect(received).toBeGreaterThan(PICTURE_BYTES / 2);
  });

  it("fails the stream when a stored file ends before its size (never a shorter file in a valid archive)", async () => {
    env = testDeps();
    const { rows } = await storePictures(2);
    const short: BlobStore = {
      ...env.deps.store,
      async get(key) {
        const object = await env.deps.store.get(key);
        if (!object || key !== rows[1].imageKey) return object;
        object.stream.destroy();
        return { stream: Readable.from([randomBytes(1000)]), size: object.size };
      },
    };
    const download = await zipDownload({ db: env.deps.db, store: short }, { ids: rows.map((r) => r.id), viewer });
    await expect(readAll(download.body)).rejects.toThrow(`002 picture number 1.png: read 1000 of ${PICTURE_BYTES} bytes`);
  });

  it("refuses unknown ids, unfinished pictures and missing files before anything is streamed", async () => {
    env = testDeps();
    const { rows } = await storePictures(2);
    const unknown = newGenerationId();
    await expect(zipDownload(env.deps, { ids: [rows[0].id, unknown], viewer })).rejects.toMatchObject({ code: "not_found", message: `No picture with id ${unknown}` });

    const failed = { ...rows[1], id: newGenerationId(), status: "failed" as const, imageKey: null, completedAt: null };
    await env.deps.db.insertGenerations({ rows: [failed] });
    await expect(zipDownload(env.deps, { ids: [rows[0].id, failed.id], viewer })).rejects.toMatchObject({
      code: "invalid_request",
      message: `Only finished pictures can be downloaded; not finished: ${failed.id} (failed)`,
    });

    await env.deps.store.delete(rows[1].imageKey!);
    await expect(zipDownload(env.deps, { ids: rows.map((r) => r.id), viewer })).rejects.toMatchObject({
      code: "not_found",
      message: `The stored file of picture ${rows[1].id} is missing`,
    });
  });
});
