import "server-only";
import { and, eq, lt, notExists, type AnyColumn, type SQL, type SQLWrapper } from "drizzle-orm";
import type * as pgSchema from "@/lib/db/postgres/schema";
import type { Same } from "@/lib/db/shared/row-mapping";
import type * as sqliteSchema from "@/lib/db/sqlite/schema";
import type { ReferenceRow } from "./port";

// The reference queries' pieces that both engines write alike; each engine
// passes its own tables (drizzle's operators take either dialect's columns).

// A record is already a row on both engines: these lines stop compiling the
// day either schema's reference_images drifts from ReferenceRow.
const shapesMatch: [
  Same<typeof sqliteSchema.referenceImages.$inferSelect, ReferenceRow>,
  Same<typeof pgSchema.referenceImages.$inferSelect, ReferenceRow>,
] = [true, true];
void shapesMatch;

type LinkColumns = Record<"generationId" | "referenceId", AnyColumn>;

/** A link from a completed generation to the reference (the query joins generations on the link). */
export function completedUseOf(tables: { links: LinkColumns; generations: Record<"id" | "status", AnyColumn> }, referenceId: string): SQL {
  const { links, generations } = tables;
  return and(eq(links.referenceId, referenceId), eq(generations.status, "completed"))!;
}

/**
 * References stored before `createdBefore` that nothing links to (`linked`:
 * the links to the row at hand, from generations and from templates).
 */
export function unlinkedBefore(references: Record<"createdAt", AnyColumn>, linked: readonly SQLWrapper[], createdBefore: number): SQL {
  return and(lt(references.createdAt, createdBefore), ...linked.map((links) => notExists(links)))!;
}

/** One person's upload total for one day. */
export function uploadDayOf(uploadDays: Record<"createdBy" | "day", AnyColumn>, input: { createdBy: string; day: number }): SQL {
  return and(eq(uploadDays.createdBy, input.createdBy), eq(uploadDays.day, input.day))!;
}
