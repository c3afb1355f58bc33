import "server-only";
import type { Generation, ListGenerationsQuery, ListGenerationsResponse } from "@/lib/contract";
import type { GenerationRow, ListFilter } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { mustSeeBoard } from "@/lib/boards/access";
import type { ServiceDeps } from "@/lib/core/deps";
import { nudgeRefresh } from "./refresh";
import type { Person } from "@/lib/core/person";
import { viewGenerations } from "./serialize";

export async function listGenerations(
  deps: ServiceDeps,
  input: { query: ListGenerationsQuery; viewer: Person },
): Promise<ListGenerationsResponse> {
  const { query } = input;
  // Someone else's private board lists nothing: it is a 404, like a missing one.
  if (query.board) await mustSeeBoard(deps.db, { id: query.board, person: input.viewer });
  const rows = await deps.db.listGenerations({ ...listFilterOf(query, input.viewer), beforeId: query.cursor, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  page.forEach((row) => nudgeRefresh(deps, row));
  return { items: await viewGenerations(deps, page, input.viewer), nextCursor: rows.length > query.limit ? page[page.length - 1].id : null };
}

/**
 * What a listing's query asks of the database, as this viewer reads it (their
 * own stars, their own pictures); the board is checked by the caller.
 */
export function listFilterOf(query: ListGenerationsQuery, viewer: Person): Omit<ListFilter, "limit" | "beforeId"> {
  return {
    status: query.status,
    q: query.q || undefined,
    model: query.model,
    favoriteOf: query.favorite ? viewer.id : undefined,
    createdBy: query.mine ? viewer.name : undefined,
    board: query.board,
    batch: query.batch,
    template: query.template,
    run: query.run,
    // One card per tree in the gallery; a search, the stars, a board, a
    // batch, a template or a run is asked about the very pictures, so every
    // version it names shows, and so does every picture in progress (each its
    // own progress card).
    newestVersions: query.versions !== "all" && !query.q && !query.favorite && !query.board && !query.batch && !query.template && !query.run && query.status !== "active",
  };
}

export async function mustGet(deps: ServiceDeps, id: string): Promise<GenerationRow> {
  const row = await deps.db.getGeneration(id);
  if (!row) throw new StudioError("not_found", "There is no generation with this id");
  return row;
}

export async function getGeneration(deps: ServiceDeps, input: { id: string; viewer: Person }): Promise<Generation> {
  const row = await mustGet(deps, input.id);
  nudgeRefresh(deps, row);
  return (await viewGenerations(deps, [row], input.viewer))[0];
}
