import { randomBytes } from "node:crypto";
import { mkdtemp, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFsStore } from "./fs-store";
import { describeBlobStoreContract } from "./store-contract";
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

/** Every file under root, relative, including leftovers such as temp files. */
async function listFiles(): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

// What every store must do (round trip, overwrite, missing keys, deletes,
// refused keys, racing puts, a reader during a replace) is the shared suite.
describeBlobStoreContract("fs", {
  kind: "fs",
  async setup() {
    const dir = await mkdtemp(path.join(tmpdir(), "fs-contract-"));
    return {
      store: createFsStore({ root: dir }),
      async listKeys() {
        const entries = await readdir(dir, { recursive: true, withFileTypes: true });
        return entries
          .filter((e) => e.isFile())
          .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
          .sort();
      },
      teardown: () => rm(dir, { recursive: true, force: true }),
    };
  },
});

// What only a store on disk can get wrong.
describe("createFsStore", () => {
  it("answers undefined / false for a directory made outside the store", async () => {
    await mkdir(path.join(root, "images", "dir"), { recursive: true });
    expect(await store.get("images/dir")).toBeUndefined();
    expect(await store.exists("images/dir")).toBe(false);
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
