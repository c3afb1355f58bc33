import "server-only";
import type Database from "better-sqlite3";
import { searchKey } from "@/lib/db/shared/search-key";

/**
 * Case folding for prompt search on SQLite, whose LIKE folds ASCII only: the
 * same function runs in SQL (registered as CASEFOLD_FUNCTION by open.ts) and on
 * the query, so both sides fold as JavaScript's toLowerCase does.
 */
export function casefold(value: string): string {
  return value.toLowerCase();
}

export const CASEFOLD_FUNCTION = "studio_casefold";

/**
 * The search index's key of a prompt (lib/db/shared/search-key.ts):
 * the triggers that keep generations_search in step call it, so every
 * connection that writes generations must have it registered.
 */
export const SEARCH_KEY_FUNCTION = "studio_search_key";

/** Registers the studio's SQL functions on a connection (every connection the studio opens). */
export function registerSqliteFunctions(sqlite: Database.Database): void {
  sqlite.function(CASEFOLD_FUNCTION, { deterministic: true }, (value: unknown) => (typeof value === "string" ? casefold(value) : value));
  sqlite.function(SEARCH_KEY_FUNCTION, { deterministic: true }, (value: unknown) => (typeof value === "string" ? searchKey(value) : value));
}
