import "server-only";
import { StudioError } from "@/lib/errors";
import { logger } from "@/lib/log";
import type { ServiceDeps } from "@/lib/core/deps";
import { previewKey } from "./preview";
import { discardStaged } from "./save-result";

/**
 * The row and its files go, as a delete does: deleted_generations keeps what
 * it counted for (its cost if the gateway took it, the day's allowance), so
 * money, limits and /usage stay as they were. Undefined when it was gone.
 */
export async function dropGeneration(deps: ServiceDeps, id: string) {
  const deleted = await deps.db.deleteGeneration(id);
  if (!deleted) return undefined;
  // A preview is made on first view (preview.ts): its key is deleted whether or not one was.
  const preview = deleted.row.imageKey ? previewKey(id) : null;
  const keys = [deleted.row.imageKey, deleted.row.thumbKey, preview, ...deleted.orphanedReferences.map((r) => r.storageKey)];
  for (const key of keys) if (key) await deps.store.delete(key);
  await discardStaged(deps, id);
  return deleted;
}

/**
 * A retry took this failed row's place: the gallery shows the new
 * one where the failed one was, so the failed one leaves the gallery. The
 * retry's row links the same references first, so none is orphaned here.
 */
export async function removeReplaced(deps: ServiceDeps, id: string): Promise<void> {
  const gone = await dropGeneration(deps, id);
  if (gone) logger.info({ generation: id, status: gone.row.status }, "failed generation replaced by its retry");
}

export function retriedAlready(): StudioError {
  return new StudioError("not_found", "This failed picture was retried already: its retry took its place");
}
