import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BlobStore } from "./types";

// The behaviour every BlobStore promises, as one suite that a test file runs
// against a concrete store: `describeBlobStoreContract("fs", { setup })`.
// Not a test file itself (vitest only collects *.test.ts).

export type StoreFixture = {
  store: BlobStore;
  /** Every object the store holds, as store keys (relative, "/"-separated), sorted. */
  listKeys(): Promise<string[]>;
  teardown?(): Promise<void>;
};

export type ContractOptions = {
  kind: BlobStore["kind"];
  /** A fresh, empty store for each test. */
  setup(): Promise<StoreFixture>;
  /**
   * The backend replaces objects atomically (true for the fs store and for
   * real S3). A test server that rewrites objects in place (s3rver) says so
   * with its reason, and the two replacement cases are not part of its suite:
   * they would test the test server, not our code.
   */
  atomicReplace?: true | { notTestable: string };
};

export const BAD_KEYS = [
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

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function describeBlobStoreContract(name: string, options: ContractOptions): void {
  describe(`BlobStore contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: BlobStore;

    beforeEach(async () => {
      fixture = await options.setup();
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture?.teardown?.();
    });

    it(`is a ${options.kind} store`, () => {
      expect(store.kind).toBe(options.kind);
    });

    it("round-trips bytes through a stream", async () => {
      const bytes = randomBytes(300_000);
      await store.put({ key: "images/gen_01J.png", bytes, contentType: "image/png" });
      const got = await store.get("images/gen_01J.png");
      expect(got).toBeDefined();
      expect(got!.stream).toBeInstanceOf(Readable);
      expect(got!.size).toBe(bytes.length);
      expect((await readAll(got!.stream)).equals(bytes)).toBe(true);
      expect(await store.exists("images/gen_01J.png")).toBe(true);
      expect(await fixture.listKeys()).toEqual(["images/gen_01J.png"]);
    });

    it("overwrites an existing key (shrinking it)", async () => {
      await store.put({ key: "thumbs/a.webp", bytes: Buffer.from("first version"), contentType: "image/webp" });
      await store.put({ key: "thumbs/a.webp", bytes: Buffer.from("second"), contentType: "image/webp" });
      const got = await store.get("thumbs/a.webp");
      expect(got?.size).toBe(6);
      expect((await readAll(got!.stream)).toString()).toBe("second");
      expect(await fixture.listKeys()).toEqual(["thumbs/a.webp"]);
    });

    it("stores an empty object", async () => {
      await store.put({ key: "a/empty", bytes: Buffer.alloc(0), contentType: "application/octet-stream" });
      const got = await store.get("a/empty");
      expect(got?.size).toBe(0);
      expect((await readAll(got!.stream)).length).toBe(0);
      expect(await store.exists("a/empty")).toBe(true);
    });

    it("answers undefined / false for a missing key, and for a key that is only a parent", async () => {
      expect(await store.get("images/nope.png")).toBeUndefined();
      expect(await store.exists("images/nope.png")).toBe(false);
      await store.put({ key: "images/dir/inside.png", bytes: Buffer.from("x"), contentType: "image/png" });
      expect(await store.get("images/dir")).toBeUndefined();
      expect(await store.exists("images/dir")).toBe(false);
    });

    it("deletes idempotently, and only the key asked for", async () => {
      await store.put({ key: "references/ref_1.jpg", bytes: Buffer.from("x"), contentType: "image/jpeg" });
      await store.put({ key: "references/ref_2.jpg", bytes: Buffer.from("y"), contentType: "image/jpeg" });
      await store.delete("references/ref_1.jpg");
      expect(await store.exists("references/ref_1.jpg")).toBe(false);
      expect(await store.get("references/ref_1.jpg")).toBeUndefined();
      await expect(store.delete("references/ref_1.jpg")).resolves.toBeUndefined();
      await expect(store.delete("never/was/here.png")).resolves.toBeUndefined();
      expect(await fixture.listKeys()).toEqual(["references/ref_2.jpg"]);
    });

    it.each(BAD_KEYS)("refuses the key %j in every operation", async (key) => {
      await expect(store.put({ key, bytes: Buffer.from("x"), contentType: "text/plain" })).rejects.toThrow();
      await expect(store.get(key)).rejects.toThrow();
      await expect(store.exists(key)).rejects.toThrow();
      await expect(store.delete(key)).rejects.toThrow();
      expect(await fixture.listKeys()).toEqual([]);
    });

    it("streams a 12 MB object in chunks instead of one buffer", async () => {
      const bytes = randomBytes(12 * 1024 * 1024);
      await store.put({ key: "images/big.png", bytes, contentType: "image/png" });
      const got = await store.get("images/big.png");
      expect(got?.size).toBe(bytes.length);
      const chunks: Buffer[] = [];
      for await (const chunk of got!.stream) chunks.push(chunk as Buffer);
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks[0].length).toBeLessThan(bytes.length);
      expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(bytes.length);
      expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    });

    it("releases a stream abandoned after its first chunk", async () => {
      const bytes = randomBytes(4 * 1024 * 1024);
      await store.put({ key: "images/abandoned.png", bytes, contentType: "image/png" });
      // More abandoned reads than an HTTP agent has sockets by default would
      // hang here if a destroyed stream kept its connection.
      for (let i = 0; i < 60; i++) {
        const got = await store.get("images/abandoned.png");
        const iterator = got!.stream[Symbol.asyncIterator]();
        const first = await iterator.next();
        expect((first.value as Buffer).length).toBeLessThan(bytes.length);
        got!.stream.destroy();
      }
      const again = await store.get("images/abandoned.png");
      expect((await readAll(again!.stream)).equals(bytes)).toBe(true);
    });

    if ((options.atomicReplace ?? true) !== true) return;

    it(
      "never leaves a torn object when many puts of one key race",
      async () => {
        const versions = Array.from({ length: 20 }, () => randomBytes(1024 * 1024));
        await Promise.all(versions.map((bytes) => store.put({ key: "images/race.png", bytes, contentType: "image/png" })));
        const got = await store.get("images/race.png");
        const final = await readAll(got!.stream);
        expect(got!.size).toBe(final.length);
        expect(versions.some((v) => v.equals(final))).toBe(true);
        expect(await fixture.listKeys()).toEqual(["images/race.png"]);
      },
    );

    it(
      "lets a reader finish the version it opened while a put replaces it",
      async () => {
        const first = randomBytes(2 * 1024 * 1024);
        const second = randomBytes(1024);
        await store.put({ key: "images/r.png", bytes: first, contentType: "image/png" });
        const got = await store.get("images/r.png");
        await store.put({ key: "images/r.png", bytes: second, contentType: "image/png" });
        expect(got?.size).toBe(first.length);
        expect((await readAll(got!.stream)).equals(first)).toBe(true);
      },
    );
  });
}
