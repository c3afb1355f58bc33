import { randomBytes } from "node:crypto";
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFsStore } from "./fs-store";
import type { BlobStore } from "./types";

let root: string;
let store: BlobStore;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "fs-store-"));
  store = createFsStore({ root });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every file under root, relative, including leftovers such as temp files. */
async function listFiles(): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

describe("createFsStore", () => {
  it("is an fs store", () => {
    expect(store.kind).toBe("fs");
  });

  it("round-trips bytes through a stream, creating parent directories", async () => {
    const bytes = randomBytes(300_000);
    await store.put({ key: "images/gen_01J.png", bytes, contentType: "image/png" });
    const got = await store.get("images/gen_01J.png");
    expect(got?.size).toBe(bytes.length);
    expect((await readAll(got!.stream)).equals(bytes)).toBe(true);
    expect(await store.exists("images/gen_01J.png")).toBe(true);
    expect(await listFiles()).toEqual([path.join("images", "gen_01J.png")]);
  });

  it("overwrites an existing key", async () => {
    await store.put({ key: "thumbs/a.webp", bytes: Buffer.from("first version"), contentType: "image/webp" });
    await store.put({ key: "thumbs/a.webp", bytes: Buffer.from("second"), contentType: "image/webp" });
    const got = await store.get("thumbs/a.webp");
    expect(got?.size).toBe(6);
    expect((await readAll(got!.stream)).toString()).toBe("second");
  });

  it("stores an empty object", async () => {
    await store.put({ key: "a/empty", bytes: Buffer.alloc(0), contentType: "application/octet-stream" });
    const got = await store.get("a/empty");
    expect(got?.size).toBe(0);
    expect((await readAll(got!.stream)).length).toBe(0);
  });

  it("answers undefined / false for a missing key", async () => {
    expect(await store.get("images/nope.png")).toBeUndefined();
    expect(await store.exists("images/nope.png")).toBe(false);
    // A directory is not an object.
    await mkdir(path.join(root, "images", "dir"), { recursive: true });
    expect(await store.get("images/dir")).toBeUndefined();
    expect(await store.exists("images/dir")).toBe(false);
  });

  it("deletes idempotently", async () => {
    await store.put({ key: "references/ref_1.jpg", bytes: Buffer.from("x"), contentType: "image/jpeg" });
    await store.delete("references/ref_1.jpg");
    expect(await store.exists("references/ref_1.jpg")).toBe(false);
    await expect(store.delete("references/ref_1.jpg")).resolves.toBeUndefined();
    await expect(store.delete("never/was/here.png")).resolves.toBeUndefined();
  });

  const badKeys = [
    "",
    "../x",
    "/etc/passwd",
    "a/../../b",
    "a/../b",
    "a\\b",
    "..\\x",
    "a\0b",
    "./a",
    "a//b",
    "a/",
    "C:/x",
    ".tmp-abc",
    "images/.tmp-abc",
  ];
  it.each(badKeys)("refuses the key %j in every operation", async (key) => {
    await expect(store.put({ key, bytes: Buffer.from("x"), contentType: "text/plain" })).rejects.toThrow();
    await expect(store.get(key)).rejects.toThrow();
    await expect(store.exists(key)).rejects.toThrow();
    await expect(store.delete(key)).rejects.toThrow();
    expect(await listFiles()).toEqual([]);
  });

  it("never leaves a torn file when many puts of one key race", async () => {
    const versions = Array.from({ length: 20 }, () => randomBytes(1024 * 1024));
    await Promise.all(versions.map((bytes) => store.put({ key: "images/race.png", bytes, contentType: "image/png" })));
    const final = await readFile(path.join(root, "images", "race.png"));
    expect(versions.some((v) => v.equals(final))).toBe(true);
    expect(await listFiles()).toEqual([path.join("images", "race.png")]);
  });

  it("lets a reader finish the version it opened while a put replaces it", async () => {
    const first = randomBytes(2 * 1024 * 1024);
    const second = randomBytes(1024);
    await store.put({ key: "images/r.png", bytes: first, contentType: "image/png" });
    const got = await store.get("images/r.png");
    await store.put({ key: "images/r.png", bytes: second, contentType: "image/png" });
    expect(got?.size).toBe(first.length);
    expect((await readAll(got!.stream)).equals(first)).toBe(true);
  });

  it("fails without leftovers when a parent of the key is a file", async () => {
    await writeFile(path.join(root, "images"), "i am a file");
    await expect(store.put({ key: "images/a.png", bytes: Buffer.from("x"), contentType: "image/png" })).rejects.toThrow();
    expect(await listFiles()).toEqual(["images"]);
    expect(await store.get("images/a.png")).toBeUndefined();
    expect(await store.exists("images/a.png")).toBe(false);
  });

  it("removes its temp file when the final rename fails", async () => {
    // A non-empty directory where the file should go: the temp file is written
    // in full, then rename refuses to replace the directory.
    await mkdir(path.join(root, "images", "a.png"), { recursive: true });
    await writeFile(path.join(root, "images", "a.png", "inside"), "keep");
    await expect(
      store.put({ key: "images/a.png", bytes: randomBytes(100_000), contentType: "image/png" }),
    ).rejects.toThrow();
    expect(await listFiles()).toEqual([path.join("images", "a.png", "inside")]);
  });
});
