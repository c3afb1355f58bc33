// zip-stream ships no types. The part of its API lib/downloads uses, as its
// source (7.x, index.js and compress-commons' ZipArchiveOutputStream) defines it.
declare module "zip-stream" {
  import type { Readable, Transform } from "node:stream";
  import type { ZlibOptions } from "node:zlib";

  export type ZipStreamOptions = {
    /** STORE every entry unless the entry says otherwise. */
    store?: boolean;
    /** For deflated entries (compress-commons defaults to level 1). */
    zlib?: ZlibOptions;
    forceZip64?: boolean;
    forceLocalTime?: boolean;
    comment?: string;
  };

  export type ZipEntryData = {
    name: string;
    store?: boolean;
    date?: Date | string;
    mode?: number;
    comment?: string;
  };

  /** compress-commons' ZipArchiveEntry, once written. */
  export interface ZipArchiveEntry {
    getName(): string;
    /** Bytes read from the source. */
    getSize(): number;
    getCompressedSize(): number;
    getCrc(): number;
  }

  /**
   * A Transform (readable-stream 4) whose readable side is the archive. It has
   * no queue: the next entry may be added only after the previous one's
   * callback ran.
   */
  export default class ZipStream extends Transform {
    constructor(options?: ZipStreamOptions);
    entry(source: Buffer | string | Readable | null, data: ZipEntryData, callback: (error: Error | null, entry: ZipArchiveEntry) => void): this;
    /** Writes the central directory and ends the stream (after the entry in progress). */
    finish(): void;
    getBytesWritten(): number;
  }
}
