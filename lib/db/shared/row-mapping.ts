import "server-only";
import type { ReferenceRow } from "@/lib/db/types";

// Records to rows and back, for both engines (the generations' own in
// lib/db/generations/row-mapping.ts). Each engine's tables carry the
// interface's own field names and types (SQLite: integer booleans and JSON
// text mapped by drizzle; PostgreSQL: bigint read back as numbers, jsonb as the
// arrays), so a record is already a row; each slice checks that its tables'
// shapes match its rows (references/query-parts.ts, generations/row-mapping.ts).
/** true when A and B are the same type (each assignable to the other). */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export function toReferenceRow(record: ReferenceRow): ReferenceRow {
  return record;
}

/**
 * A LIKE pattern matching `text` anywhere, with `\`, `%` and `_` in it taken
 * literally (ESCAPE '\'). Case is the engine's business: SQLite folds `text`
 * before, PostgreSQL's ILIKE folds both sides itself.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function isAscii(value: string): boolean {
  return /^[\x00-\x7f]*$/.test(value);
}

export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** The fields of a patch that carry a value (undefined means "leave as it is"). */
export function definedFields<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
