import "server-only";
import pLimit from "p-limit";
import type { GenerationRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { mustGetAll, nameIds } from "@/lib/core/picture-ids";
import type { ServiceDeps } from "@/lib/core/deps";
import type { Person } from "@/lib/core/person";
import { MAX_RUN_ROWS } from "@/lib/contract-runs";
import { logger } from "@/lib/log";

/** A request's most pictures (POST /api/generations' count). */
const MAX_COUNT = 4;
import { archiveFileName, pictureFileName } from "./file-names";
import { pictureMetadata } from "./metadata";
import { streamZip, type ZipEntrySource } from "./zip-archive";

export type ZipDownload = {
  /** What the browser should save it as. */
  fileName: string;
  count: number;
  /** The archive, written as it is read. */
  body: ReadableStream<Uint8Array>;
};

/** Stored files checked at once before the answer starts (S3: one HEAD each). */
const CHECK_CONCURRENCY = 8;

/**
 * A ZIP of the pictures `ids` (de-duplicated, at most MAX_BULK_IDS, in the
 * order asked): the originals as they were stored, named from their prompts,
 * and metadata.json describing each. Everything that can be known up front
 * is checked before a byte is sent — unknown ids, unfinished pictures,
 * stored files that are gone — so the person gets a clear error, not a
 * broken file. A file that disappears while the archive is being written
 * fails the download (the stream errors) rather than ending it short.
 *
 * Every picture of the studio is visible to every member (the gallery is the
 * team's), so any signed-in `viewer` may download any of them.
 */
export async function zipDownload(
  deps: Pick<ServiceDeps, "db" | "store">,
  input: ({ ids: string[] } | { runId: string }) & { viewer: Pick<Person, "name"> },
): Promise<ZipDownload> {
  const rows = "runId" in input ? await runPictures(deps, input.runId) : await picturesInOrder(deps, input.ids);
  await assertFilesStored(deps, rows);

  const files = rows.map((row, i) => pictureFileName({ position: i + 1, prompt: row.prompt, contentType: row.imageContentType ?? "" }));
  const runs = new Map((await deps.db.getRuns(rows.flatMap((row) => (row.runId ? [row.runId] : [])))).map((run) => [run.id, run]));
  const described = rows.map((row, i) => pictureMetadata(row, files[i], row.runId ? runs.get(row.runId) : undefined));
  const metadata = Buffer.from(`${JSON.stringify(described, null, 2)}\n`);
  const entries: ZipEntrySource[] = [
    { name: "metadata.json", date: new Date(), stored: false, open: async () => metadata },
    ...rows.map((row, i) => ({
      name: files[i],
      date: new Date(row.completedAt ?? row.createdAt),
      stored: true,
      open: async () => {
        const object = await deps.store.get(row.imageKey!);
        if (!object) throw new StudioError("not_found", `The stored file of picture ${row.id} is missing`);
        return object;
      },
    })),
  ];

  const started = performance.now();
  const log = { user: input.viewer.name, pictures: rows.length };
  const body = streamZip(entries, {
    onFinish: (bytes) => logger.info({ ...log, bytes, ms: Math.round(performance.now() - started) }, "zip download"),
    onCancel: (bytes) => logger.info({ ...log, bytes }, "zip download cancelled by the reader"),
    onError: (err) => logger.error({ ...log, err }, "zip download failed part-way; the stream was ended with an error"),
  });
  return { fileName: archiveFileName(rows.length), count: rows.length, body };
}

/**
 * A run's finished pictures, in the table's order (row by row, each row's
 * pictures oldest first): at most 100 rows of 4, so no cap beyond the run's.
 * One still in progress or failed is left out; a run with none finished is a 400.
 */
async function runPictures(deps: Pick<ServiceDeps, "db">, runId: string): Promise<GenerationRow[]> {
  const run = await deps.db.getRun(runId);
  if (!run) throw new StudioError("not_found", "There is no run with this id");
  const rows = await deps.db.listGenerations({ run: run.id, status: "completed", limit: MAX_RUN_ROWS * MAX_COUNT });
  const order = new Map(run.batchIds.map((batchId, i) => [batchId, i]));
  const finished = rows.filter((row) => row.imageKey).sort((a, b) => order.get(a.batchId!)! - order.get(b.batchId!)! || (a.id < b.id ? -1 : 1));
  if (finished.length === 0) throw new StudioError("invalid_request", "This run has no finished pictures yet");
  return finished;
}

/** The rows of `ids` in that order; refuses unknown ids and pictures that have no stored original. */
async function picturesInOrder(deps: Pick<ServiceDeps, "db">, ids: string[]): Promise<GenerationRow[]> {
  const rows = await mustGetAll(deps, ids);
  const unfinished = rows.filter((row) => row.status !== "completed" || !row.imageKey);
  if (unfinished.length) {
    const which = unfinished.map((row) => `${row.id} (${row.status})`);
    throw new StudioError("invalid_request", `Only finished pictures can be downloaded; not finished: ${nameIds(which)}`);
  }
  return rows;
}

async function assertFilesStored(deps: Pick<ServiceDeps, "store">, rows: GenerationRow[]): Promise<void> {
  const limit = pLimit(CHECK_CONCURRENCY);
  const present = await Promise.all(rows.map((row) => limit(() => deps.store.exists(row.imageKey!))));
  const gone = rows.filter((_, i) => !present[i]).map((row) => row.id);
  if (gone.length) throw new StudioError("not_found", `The stored file of picture ${nameIds(gone)} is missing`);
}
