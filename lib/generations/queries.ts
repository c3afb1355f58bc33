import "server-only";
import type { Generation, ListGenerationsQuery, ListGenerationsResponse } from "@/lib/contract";
import type { GenerationRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { createFromEntries } from "./create";
import type { GenerationDeps } from "./deps";
import { assertWithinLimits } from "./quota";
import { polledWithin, refreshGeneration } from "./refresh";
import { toGeneration } from "./serialize";
import { isActive } from "./status";

/** Reading an active generation nudges it (same single-flight path, never waited on). */
function nudge(deps: GenerationDeps, row: GenerationRow) {
  if (!isActive(row.status)) return;
  // Polled within the interval: a refresh could not poll again yet, so do not even read the row.
  if (polledWithin(row, deps.now(), deps.config.pollIntervalMs)) return;
  refreshGeneration(deps, row.id).catch((err: unknown) => logger.error({ err, generation: row.id }, "refresh failed"));
}

export async function listGenerations(
  deps: GenerationDeps,
  input: { query: ListGenerationsQuery; user: string },
): Promise<ListGenerationsResponse> {
  const { query } = input;
  const rows = await deps.db.listGenerations({
    status: query.status,
    q: query.q || undefined,
    model: query.model,
    favorite: query.favorite || undefined,
    createdBy: query.mine ? input.user : undefined,
    beforeId: query.cursor,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  page.forEach((row) => nudge(deps, row));
  return { items: page.map(toGeneration), nextCursor: rows.length > query.limit ? page[page.length - 1].id : null };
}

async function mustGet(deps: GenerationDeps, id: string): Promise<GenerationRow> {
  const row = await deps.db.getGeneration(id);
  if (!row) throw new StudioError("not_found", "There is no generation with this id");
  return row;
}

export async function getGeneration(deps: GenerationDeps, id: string): Promise<Generation> {
  const row = await mustGet(deps, id);
  nudge(deps, row);
  return toGeneration(row);
}

export async function setFavorite(deps: GenerationDeps, input: { id: string; favorite: boolean }): Promise<Generation> {
  await mustGet(deps, input.id);
  const row = await deps.db.updateGeneration({ id: input.id, patch: { favorite: input.favorite, updatedAt: deps.now() } });
  return toGeneration(row!);
}

/** The row and its files go; only the person who made it may delete it. */
export async function deleteGeneration(deps: GenerationDeps, input: { id: string; user: string }): Promise<void> {
  const row = await mustGet(deps, input.id);
  if (row.createdBy !== input.user) throw new StudioError("forbidden", "Only the person who made this picture can delete it");
  const deleted = await deps.db.deleteGeneration(input.id);
  if (!deleted) throw new StudioError("not_found", "There is no generation with this id");
  const keys = [deleted.row.imageKey, deleted.row.thumbKey, ...deleted.orphanedReferences.map((r) => r.storageKey)];
  for (const key of keys) if (key) await deps.store.delete(key);
  logger.info({ generation: input.id, user: input.user }, "generation deleted");
}

/** A new generation with the same settings and references, for a failed one. */
export async function retryGeneration(deps: GenerationDeps, input: { id: string; user: string }): Promise<Generation[]> {
  const row = await mustGet(deps, input.id);
  if (row.status !== "failed") throw new StudioError("invalid_request", "Only a failed generation can be retried");
  await assertWithinLimits(deps, { user: input.user, count: 1 });
  return createFromEntries(deps, {
    settings: { model: row.model, prompt: row.prompt, aspectRatio: row.aspectRatio, imageSize: row.imageSize },
    entries: row.references,
    count: 1,
    createdBy: input.user,
  });
}
