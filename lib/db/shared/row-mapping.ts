import "server-only";
import { getTableColumns, type Table } from "drizzle-orm";
import type { GenerationPatch, GenerationRow, ReferenceRow } from "@/lib/db/types";
import type * as pgSchema from "../postgres/schema";
import type * as sqliteSchema from "../sqlite/schema";

// Records to rows and back, for both engines. Each engine's tables carry the
// interface's own field names and types (SQLite: integer booleans and JSON
// text mapped by drizzle; PostgreSQL: bigint read back as numbers, jsonb as the
// arrays), so a record is already a row. These lines stop compiling the day
// either schema drifts from the interface.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const shapesMatch: [
  Same<typeof sqliteSchema.generations.$inferSelect, GenerationRow>,
  Same<typeof sqliteSchema.referenceImages.$inferSelect, ReferenceRow>,
  Same<typeof pgSchema.generations.$inferSelect, GenerationRow>,
  Same<typeof pgSchema.referenceImages.$inferSelect, ReferenceRow>,
] = [true, true, true, true];
void shapesMatch;

export function toGenerationRow(record: GenerationRow): GenerationRow {
  return record;
}

export function toReferenceRow(record: ReferenceRow): ReferenceRow {
  return record;
}

/** Fields a patch may not change: who made a row, when, and its id. */
const FIXED = new Set<string>(["id", "createdAt", "createdBy"]);

/**
 * The columns a patch sets, for an engine's generations table. Keys outside
 * its columns or fixed (a caller's cast slipping `id` in) and undefined values
 * are dropped.
 */
export function updateSetFor(generations: Table): (patch: GenerationPatch) => GenerationPatch {
  const patchable = new Set(Object.keys(getTableColumns(generations)).filter((key) => !FIXED.has(key)));
  return (patch) => {
    const set: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined && patchable.has(key)) set[key] = value;
    }
    return set as GenerationPatch;
  };
}

/**
 * What a deleted picture still counts for (deleted_generations): its
 * person, model, size, status and creation time, kept so that a delete gives
 * back neither the day's allowance nor the month's budget.
 */
export function deletedRecord(row: GenerationRow, deletedAt: number) {
  const { id, createdBy, model, imageSize, status, createdAt, upstreamId, errorCode } = row;
  return { id, createdBy, model, imageSize, status, createdAt, deletedAt, upstreamId, errorCode };
}

/**
 * The row as an insert stores it: one request's rows carry its batch id; a
 * row given none is a batch of its own (the migration gave older rows theirs).
 */
export function withBatch<T extends Pick<GenerationRow, "id" | "batchId">>(row: T): T {
  return { ...row, batchId: row.batchId ?? row.id };
}

export type ReferenceLink = { generationId: string; referenceId: string; position: number };

/** Rows for generation_references: one per stored reference, in the person's order. */
export function referenceLinks(rows: readonly Pick<GenerationRow, "id" | "references">[]): ReferenceLink[] {
  const links: ReferenceLink[] = [];
  for (const row of rows) {
    row.references.forEach((entry, position) => {
      if (entry.kind === "stored") links.push({ generationId: row.id, referenceId: entry.id, position });
    });
  }
  return links;
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
