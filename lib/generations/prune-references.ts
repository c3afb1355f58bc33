import "server-only";
import { logger } from "@/lib/log";
import type { GenerationDeps } from "./deps";

/**
 * A picture uploaded with POST /api/references but never used in a request
 * is kept this long (a person may still be composing), then removed: uploads
 * must not pile up on disk. Used ones live as long as their generations.
 */
export const UNUSED_UPLOAD_TTL_MS = 24 * 3_600_000;
const BATCH = 200;

/** Removes one batch of unused uploads (rows first, then files); the count removed. */
export async function pruneUnusedUploads(deps: GenerationDeps): Promise<number> {
  const removed = await deps.db.deleteUnlinkedReferences({ createdBefore: deps.now() - UNUSED_UPLOAD_TTL_MS, limit: BATCH });
  for (const reference of removed) {
    await deps.store.delete(reference.storageKey).catch((err: unknown) => logger.warn({ err, reference: reference.id }, "could not delete an unused upload's file"));
  }
  if (removed.length > 0) logger.info({ count: removed.length }, "unused reference uploads removed");
  return removed.length;
}
