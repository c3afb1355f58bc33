import "server-only";
import pLimit from "p-limit";
import { logger } from "@/lib/log";
import type { ServiceDeps } from "@/lib/core/deps";
import { startOfUtcDay } from "./quota";

/**
 * A picture uploaded with POST /api/references but never used in a request
 * is kept this long (a person may still be composing), then removed: uploads
 * must not pile up on disk. Used ones live as long as their generations.
 */
export const UNUSED_UPLOAD_TTL_MS = 24 * 3_600_000;
const BATCH = 200;
/**
 * Rows removed per run at most. Runs come once an hour (poller.ts): one run
 * clears a day's uploads of a busy team, and a backlog past it goes in the
 * next. Every person's daily allowance (upload-allowance.ts) bounds what can
 * arrive meanwhile.
 */
export const MAX_PRUNED_PER_RUN = 20_000;
/** Files deleted at once (S3: one request each). */
const DELETE_CONCURRENCY = 8;
const DAY_MS = 86_400_000;

/**
 * Removes the unused uploads older than a day, a batch at a time (rows
 * first, then files) until none is left or MAX_PRUNED_PER_RUN went; the
 * count removed. Several instances may run it at once: each row is deleted
 * by one of them, which then deletes its file.
 */
export async function pruneUnusedUploads(deps: ServiceDeps): Promise<number> {
  // The poller does not wait for a run; a run still going when the next is due is left to finish.
  if (running.has(deps)) return 0;
  running.add(deps);
  try {
    return await pruneRun(deps);
  } finally {
    running.delete(deps);
  }
}

const running = new WeakSet<ServiceDeps>();

async function pruneRun(deps: ServiceDeps): Promise<number> {
  const createdBefore = deps.now() - UNUSED_UPLOAD_TTL_MS;
  const deleteFile = pLimit(DELETE_CONCURRENCY);
  let removed = 0;
  while (removed < MAX_PRUNED_PER_RUN) {
    const batch = await deps.db.deleteUnlinkedReferences({ createdBefore, limit: Math.min(BATCH, MAX_PRUNED_PER_RUN - removed) });
    await Promise.all(
      batch.map((reference) =>
        deleteFile(() =>
          deps.store.delete(reference.storageKey).catch((err: unknown) => logger.warn({ err, reference: reference.id }, "could not delete an unused upload's file")),
        ),
      ),
    );
    removed += batch.length;
    // A short batch: nothing older is left (or another instance holds the rest).
    if (batch.length < BATCH) break;
  }
  if (removed > 0) logger.info({ count: removed }, "unused reference uploads removed");
  // The allowance's totals matter for today only; yesterday's stays for a request that began before midnight.
  await deps.db.deleteUploadDaysBefore(startOfUtcDay(deps.now()) - DAY_MS);
  return removed;
}
