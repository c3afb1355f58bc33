import "server-only";
import { getTableColumns } from "drizzle-orm";
import type { GenerationPatch, GenerationRow, ReferenceRow } from "@/lib/db/types";
import { generationReferences, generations, referenceImages } from "./schema";

type GenerationRecord = typeof generations.$inferSelect;
type ReferenceRecord = typeof referenceImages.$inferSelect;

// The table's columns carry the interface's own field names and types, so a
// record is already a row. These two lines stop compiling the day they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const generationShapeMatches: Same<GenerationRecord, GenerationRow> = true;
const referenceShapeMatches: Same<ReferenceRecord, ReferenceRow> = true;
void generationShapeMatches;
void referenceShapeMatches;

export function toGenerationRow(record: GenerationRecord): GenerationRow {
  return record;
}

export function toReferenceRow(record: ReferenceRecord): ReferenceRow {
  return record;
}

const PATCHABLE = new Set<string>(
  Object.keys(getTableColumns(generations)).filter((key) => key !== "id" && key !== "createdAt" && key !== "createdBy"),
);

/**
 * The columns a patch sets. Keys outside the patchable columns (a caller's cast
 * slipping `id` in) and undefined values are dropped.
 */
export function toUpdateSet(patch: GenerationPatch): GenerationPatch {
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined && PATCHABLE.has(key)) set[key] = value;
  }
  return set as GenerationPatch;
}

/** Rows for generation_references: one per stored reference, in the person's order. */
export function referenceLinks(rows: readonly Pick<GenerationRow, "id" | "references">[]) {
  const links: (typeof generationReferences.$inferInsert)[] = [];
  for (const row of rows) {
    row.references.forEach((entry, position) => {
      if (entry.kind === "stored") links.push({ generationId: row.id, referenceId: entry.id, position });
    });
  }
  return links;
}

/** A LIKE pattern matching `q` anywhere, with `\`, `%` and `_` in it taken literally (ESCAPE '\'). */
export function containsPattern(q: string): string {
  return `%${casefold(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Case folding for prompt search. SQLite's LIKE folds ASCII only; the same
 * function runs in SQL (registered as CASEFOLD_FUNCTION) and on the query.
 */
export function casefold(value: string): string {
  return value.toLowerCase();
}

export const CASEFOLD_FUNCTION = "studio_casefold";

export function isAscii(value: string): boolean {
  return /^[\x00-\x7f]*$/.test(value);
}

export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
