import "server-only";
import { getTableColumns, type Table } from "drizzle-orm";
import type * as pgSchema from "@/lib/db/postgres/schema";
import type { Same } from "@/lib/db/shared/row-mapping";
import type * as sqliteSchema from "@/lib/db/sqlite/schema";
import type { DeletedVersion, GenerationPatch, GenerationRow } from "./port";

// The generations' records to rows and back, for both engines. Each engine's
// generations table carries GenerationRow's own field names and types (SQLite:
// integer booleans and JSON text mapped by drizzle; PostgreSQL: bigint read
// back as numbers, jsonb as the arrays), so a record is already a row (the
// check at the end of this file says so).

export function toGenerationRow(record: GenerationRow): GenerationRow {
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
  const { id, createdBy, model, imageSize, status, createdAt, upstreamId, errorCode, parentId, rootId, templateId } = row;
  return { id, createdBy, model, imageSize, status, createdAt, deletedAt, upstreamId, errorCode, parentId, rootId, templateId };
}

/**
 * The row as an insert stores it: one request's rows carry its batch id; a
 * row given none is a batch of its own, and a row given no tree is an
 * original (the migrations did the same for older rows).
 */
export function withBatch<T extends Pick<GenerationRow, "id" | "batchId" | "rootId">>(row: T): T {
  return { ...row, batchId: row.batchId ?? row.id, rootId: row.rootId ?? row.id };
}

/** A deleted_generations record as a version of its tree (records without a tree are never asked for). */
export function toDeletedVersion(record: { id: string; parentId: string | null; rootId: string | null; createdAt: number; deletedAt: number }): DeletedVersion {
  return { id: record.id, parentId: record.parentId, rootId: record.rootId ?? record.id, createdAt: record.createdAt, deletedAt: record.deletedAt };
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

// These lines stop compiling the day either schema drifts from the port.
const shapesMatch: [
  Same<typeof sqliteSchema.generations.$inferSelect, GenerationRow>,
  Same<typeof pgSchema.generations.$inferSelect, GenerationRow>,
] = [true, true];
void shapesMatch;
