import "server-only";
import type { GenerationIdsQuery, GenerationIdsResponse } from "@/lib/contract";
import { mustSeeBoard } from "@/lib/boards/access";
import type { ServiceDeps } from "@/lib/core/deps";
import type { Person } from "@/lib/core/person";
import { listFilterOf } from "./reads";

/**
 * "Select all N matching": the ids of every picture the gallery's
 * filters match, newest first (at most `limit`, after `cursor`), and how many
 * match in all. Exactly what listGenerations would page through for this
 * viewer: someone else's private board is a 404, stars and "mine" are theirs.
 */
export async function listGenerationIds(deps: ServiceDeps, input: { query: GenerationIdsQuery; viewer: Person }): Promise<GenerationIdsResponse> {
  const { query, viewer } = input;
  if (query.board) await mustSeeBoard(deps.db, { id: query.board, person: viewer });
  const filter = listFilterOf(query, viewer);
  const [ids, total] = await Promise.all([
    deps.db.listGenerationIds({ ...filter, beforeId: query.cursor, limit: query.limit }),
    deps.db.countGenerations(filter),
  ]);
  return { ids, total };
}
