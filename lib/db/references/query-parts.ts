import "server-only";
import { and, eq, lt, notExists, type AnyColumn, type SQL, type SQLWrapper } from "drizzle-orm";

// The reference queries' pieces that both engines write alike; each engine
// passes its own tables (drizzle's operators take either dialect's columns).

type LinkColumns = Record<"generationId" | "referenceId", AnyColumn>;

/** A link from a completed generation to the reference (the query joins generations on the link). */
export function completedUseOf(tables: { links: LinkColumns; generations: Record<"id" | "status", AnyColumn> }, referenceId: string): SQL {
  const { links, generations } = tables;
  return and(eq(links.referenceId, referenceId), eq(generations.status, "completed"))!;
}

/** References stored before `createdBefore` that no generation links to (`linked`: the links to the row at hand). */
export function unlinkedBefore(references: Record<"createdAt", AnyColumn>, linked: SQLWrapper, createdBefore: number): SQL {
  return and(lt(references.createdAt, createdBefore), notExists(linked))!;
}

/** One person's upload total for one day. */
export function uploadDayOf(uploadDays: Record<"createdBy" | "day", AnyColumn>, input: { createdBy: string; day: number }): SQL {
  return and(eq(uploadDays.createdBy, input.createdBy), eq(uploadDays.day, input.day))!;
}
