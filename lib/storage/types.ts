import "server-only";
import type { Readable } from "node:stream";

// The picture store's interface: files on disk in the embedded default, an
// S3-compatible bucket later. Keys are relative, slash-separated and made by
// the studio itself (never from user input), e.g. "images/gen_….png".

export type StoredObject = {
  /** The bytes, streamed: a 4K original is never buffered whole to serve it. */
  stream: Readable;
  size: number;
};

export interface BlobStore {
  readonly kind: "fs" | "s3";
  /** Writes atomically: a reader sees the whole object or none. Overwrites. */
  put(input: { key: string; bytes: Buffer; contentType: string }): Promise<void>;
  /** undefined when there is no such object. */
  get(key: string): Promise<StoredObject | undefined>;
  /** Deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** Used by the health check and tests. */
  exists(key: string): Promise<boolean>;
}

/** A stored object as the HTTP edge serves it. */
export type ServedFile = StoredObject & { contentType: string; etag: string; fileName: string };
