import "server-only";
import type { GenerationRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import type { ServiceDeps } from "./deps";

// The pictures a request names by id (a board's additions, a download): all
// of them must exist, and a refusal names the missing ones.

/** Ids named in a "no such picture" message; the rest are counted. */
const NAMED_IDS = 5;

/** Up to five ids, then how many more. */
export function nameIds(ids: string[]): string {
  const named = ids.slice(0, NAMED_IDS).join(", ");
  return ids.length > NAMED_IDS ? `${named} and ${ids.length - NAMED_IDS} more` : named;
}

/**
 * The rows of `ids`, in that order. One unknown id refuses them all (404
 * naming the unknown ones, then `consequence`, e.g. "nothing was added").
 */
export async function mustGetAll(deps: Pick<ServiceDeps, "db">, ids: string[], consequence?: string): Promise<GenerationRow[]> {
  const rows = await deps.db.getGenerations(ids);
  if (rows.length === new Set(ids).size) return rows;
  const found = new Set(rows.map((row) => row.id));
  const unknown = ids.filter((id) => !found.has(id));
  throw new StudioError("not_found", `No picture with id ${nameIds(unknown)}${consequence ? `; ${consequence}` : ""}`);
}
