import "server-only";

/**
 * Case folding for prompt search on SQLite, whose LIKE folds ASCII only: the
 * same function runs in SQL (registered as CASEFOLD_FUNCTION by open.ts) and on
 * the query, so both sides fold as JavaScript's toLowerCase does.
 */
export function casefold(value: string): string {
  return value.toLowerCase();
}

export const CASEFOLD_FUNCTION = "studio_casefold";
