import "server-only";
import { and, sql, type SQL } from "drizzle-orm";
import { searchPlan } from "@/lib/db/shared/search-key";
import { promptContains, type CaseFolding } from "./query-parts";
import { generations } from "./schema";

// PostgreSQL's prompt search: every word a part of the prompt
// (ILIKE, as before) and, for the words an index can narrow down, a part of
// the prompt's search key in generation_search (lib/db/shared/search-key.ts,
// drizzle/postgres/0009_first_week.sql), which pg_trgm's GIN index answers.
// The word's key is computed by the same studio_search_key() as the stored
// ones, so both sides fold alike; it is constant for the query (the planner
// folds it, and estimates from the key's statistics whether reading the index
// or walking the gallery newest first is cheaper). Without pg_trgm (no index)
// the same condition reads every key: slower, never wrong.

/** The condition for q; `index: false` for listings that read few rows anyway (a board's range). */
export function promptSearch(q: string, folding: CaseFolding, options: { index: boolean }): SQL | undefined {
  const { words, indexed, matchesNothing } = searchPlan(q);
  if (matchesNothing) return sql`1 = 0`;
  const exact = words.map((word) => promptContains(word, folding));
  if (!options.index || indexed.length === 0) return and(...exact);
  const keys = indexed.map((word) => sql`search_key like '%' || studio_search_key(${word}) || '%'`);
  return and(sql`${generations.id} in (select generation_id from generation_search where ${and(...keys)})`, ...exact);
}
