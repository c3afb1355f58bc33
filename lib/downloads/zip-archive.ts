import "server-only";
import type { Readable } from "node:stream";
import ZipStream, { type ZipArchiveEntry } from "zip-stream";
import type { StoredObject } from "@/lib/storage";

/**
 * One file of the archive, opened only when its turn comes: 200 pictures
 * never mean 200 open files or 200 buffers. `stored`: written as it is
 * (pictures are compressed already); otherwise deflated.
 */
export type ZipEntrySource = {
  name: string;
  date: Date;
  stored: boolean;
  open: () => Promise<StoredObject | Buffer>;
};

export type ZipHooks = {
  /** The archive was read to its end; `bytes` in all. */
  onFinish?: (bytes: number) => void;
  /** Writing stopped half-way; the reader sees the stream fail, never a shorter valid archive. */
  onError?: (error: unknown) => void;
  /** The reader went away. */
  onCancel?: (bytesSoFar: number) => void;
};

/**
 * A ZIP of `entries`, in their order, as a web stream that is written only as
 * fast as it is read: the archive is never held in memory. The next entry is
 * opened once the previous one is written whole, and each entry's bytes pass
 * through zip-stream's small buffers only while the reader takes them.
 */
export function streamZip(entries: ZipEntrySource[], hooks: ZipHooks = {}): ReadableStream<Uint8Array> {
  const archive = new ZipStream({ store: true });
  const stopped = new AbortController();
  let current: Readable | undefined;

  function stop(error?: unknown) {
    if (stopped.signal.aborted) return;
    stopped.abort(error);
    current?.destroy();
    if (error === undefined) archive.destroy();
    else archive.destroy(error instanceof Error ? error : new Error(String(error)));
  }
  archive.on("error", (error: unknown) => {
    if (stopped.signal.aborted) return;
    hooks.onError?.(error);
    stop(error);
  });

  async function writeAll() {
    for (const entry of entries) {
      if (stopped.signal.aborted) return;
      const source = await entry.open();
      if (stopped.signal.aborted) {
        if (!Buffer.isBuffer(source)) source.stream.destroy();
        return;
      }
      current = Buffer.isBuffer(source) ? undefined : source.stream;
      const written = await append(archive, stopped.signal, Buffer.isBuffer(source) ? source : source.stream, entry);
      // A source that ended early must not become a shorter file in a "valid" archive.
      if (!Buffer.isBuffer(source) && written.getSize() !== source.size) {
        throw new Error(`${entry.name}: read ${written.getSize()} of ${source.size} bytes`);
      }
    }
    current = undefined;
    archive.finish();
  }

  // Created once, read by every pull: read() hands over all that is buffered,
  // so the many small header writes leave as one chunk.
  const chunks = archive[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let started = false;
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        // Nothing is opened before the body is first read.
        started = true;
        writeAll().catch((error: unknown) => {
          if (stopped.signal.aborted) return;
          hooks.onError?.(error);
          stop(error);
        });
      }
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (error) {
        stop(error);
        if (!cancelled) controller.error(stopped.signal.reason ?? error);
        return;
      }
      if (cancelled) return;
      if (!next.done) return controller.enqueue(next.value);
      controller.close();
      hooks.onFinish?.(archive.getBytesWritten());
    },
    cancel() {
      cancelled = true;
      if (stopped.signal.aborted) return;
      hooks.onCancel?.(archive.getBytesWritten());
      stop();
    },
    // No read-ahead: pull runs only for a waiting read, so nothing is opened
    // before the body is read, and zip-stream's own buffers are the only ones.
  }, { highWaterMark: 0 });
}

/** One entry, resolved once zip-stream wrote it whole (it has no queue of its own). */
function append(archive: ZipStream, stopped: AbortSignal, source: Buffer | Readable, entry: ZipEntrySource): Promise<ZipArchiveEntry> {
  return new Promise((resolve, reject) => {
    const onStop = () => reject(stopped.reason ?? new Error("the archive was stopped"));
    stopped.addEventListener("abort", onStop, { once: true });
    // zip-stream would carry on after a source error and write the entry short.
    if (!Buffer.isBuffer(source)) source.once("error", reject);
    // A Unix mode marks the entry as made on Unix: Info-ZIP's unzip reads the
    // UTF-8 name of a "DOS" entry as code page 437 (a Chinese name turns to noise).
    archive.entry(source, { name: entry.name, date: entry.date, store: entry.stored, mode: 0o644 }, (error, written) => {
      stopped.removeEventListener("abort", onStop);
      if (error) reject(error);
      else resolve(written);
    });
  });
}
