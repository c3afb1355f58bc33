import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm, stat, unlink } from "node:fs/promises";
import path from "node:path";
import type { BlobStore, StoredObject } from "./types";
import { assertValidKey } from "./keys";

// The embedded default store: one file per key under `root`. Keys come from
// the studio, but a key is turned into a filesystem path here, so a bug
// elsewhere must not become a write outside `root`: every key is checked.

export type FsStoreOptions = { root: string };

/** Prefix of in-flight writes; no valid key segment can start with it (dot segments are refused). */
const TEMP_PREFIX = ".tmp-";

export function createFsStore({ root }: FsStoreOptions): BlobStore {
  const base = path.resolve(root);

  return {
    kind: "fs",

    async put({ key, bytes }) {
      // contentType is not kept: the studio's keys carry the extension and the
      // database row carries the type.
      const target = resolveKey(base, key);
      const dir = path.dirname(target);
      await mkdir(dir, { recursive: true });
      // Unique per write, so concurrent puts of one key never share a temp file;
      // rename is atomic, so readers see one whole version or the other.
      const temp = path.join(dir, `${TEMP_PREFIX}${randomBytes(8).toString("hex")}`);
      try {
        const handle = await open(temp, "wx");
        try {
          await handle.writeFile(bytes);
          // Without fsync a crash after rename can leave a zero-length file.
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true }).catch(() => undefined);
        throw error;
      }
      await syncDir(dir);
    },

    async get(key): Promise<StoredObject | undefined> {
      const file = resolveKey(base, key);
      let handle;
      try {
        handle = await open(file, "r");
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
      try {
        // Size from the open handle, not a separate stat of the path: a put
        // renaming over the key meanwhile cannot make size and bytes disagree.
        const info = await handle.stat();
        if (!info.isFile()) {
          await handle.close();
          return undefined;
        }
        // The stream owns the handle and closes it when it ends or is destroyed.
        return { stream: handle.createReadStream(), size: info.size };
      } catch (error) {
        await handle.close().catch(() => undefined);
        throw error;
      }
    },

    async delete(key) {
      try {
        await unlink(resolveKey(base, key));
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    },

    async exists(key) {
      try {
        return (await stat(resolveKey(base, key))).isFile();
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
  };
}

/** The absolute path of a key, or a throw for anything that is not a plain relative path. */
function resolveKey(base: string, key: string): string {
  // The same key rules as every store (keys.ts); dot segments are refused
  // there, which also keeps keys from colliding with in-flight temp files.
  const resolved = path.resolve(base, assertValidKey(key));
  // Belt and braces: whatever slipped past the checks above must still land under root.
  if (!resolved.startsWith(base + path.sep)) {
    throw new Error(`Storage key resolves outside the store: ${JSON.stringify(key)}`);
  }
  return resolved;
}

/** Makes the rename itself durable; best effort, as some platforms cannot open directories. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not fatal: the data is already fsynced and renamed.
  }
}

// ENOTDIR: a parent of the key is a file, so the key cannot exist either.
function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}
