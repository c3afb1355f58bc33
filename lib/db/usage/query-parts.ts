import "server-only";
import { and, eq, gte, lt, ne, sql, type SQL } from "drizzle-orm";
import { charged, isInFlight, type CountedColumns } from "@/lib/db/shared/conditions";

// The usage query's pieces that both engines write alike, over the counted
// rows (live and deleted pictures, see each engine's countedRows). How a
// group's key reads and sorts is each engine's (./sqlite.ts, ./postgres.ts).

/**
 * The usage query's rows: created in [from, to) (the created_at index's
 * range), with createdBy only that person's (then (created_by, created_at)).
 */
export function createdBetween(t: Pick<CountedColumns, "createdBy" | "createdAt" | "status">, input: { from: number; to: number; createdBy?: string }): SQL {
  return and(
    // Waiting rows are not charged (nor made) yet: not in the usage at all.
    ne(t.status, "waiting"),
    gte(t.createdAt, input.from),
    lt(t.createdAt, input.to),
    input.createdBy !== undefined ? eq(t.createdBy, input.createdBy) : undefined,
  )!;
}

/**
 * The usage query's counts per group, by status (failedCharged: the failed
 * ones the gateway took, see `charged`): aggregates both engines write alike.
 */
export function usageCounts(
  t: Pick<CountedColumns, "status" | "createdBy" | "upstreamId" | "errorCode">,
): Record<"completed" | "failed" | "failedCharged" | "active", SQL<number>> {
  // count(*) is a bigint on PostgreSQL, which pg hands over as a string.
  const countWhere = (condition: SQL) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number);
  return {
    completed: countWhere(eq(t.status, "completed")),
    failed: countWhere(eq(t.status, "failed")),
    failedCharged: countWhere(and(eq(t.status, "failed"), charged(t))!),
    active: countWhere(isInFlight(t)),
  };
}

/** A usage group's columns: its key, model and size, and its counts. */
export function usageFields<T extends CountedColumns>(counted: T, key: SQL<string>) {
  return { key, model: counted.model as T["model"], imageSize: counted.imageSize as T["imageSize"], ...usageCounts(counted) };
}
