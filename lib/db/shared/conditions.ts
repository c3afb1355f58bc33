import "server-only";
import { and, eq, inArray, isNotNull, notInArray, or, type AnyColumn, type SQL, type Table } from "drizzle-orm";
import { IN_FLIGHT_STATUSES, UNKNOWN_OUTCOME_CODE } from "@/lib/contract";

// WHERE clauses more than one slice builds, the same way on
// both engines: drizzle's operators take either dialect's columns, so each
// engine passes its own tables. A slice's own conditions live in its folder
// (lib/db/generations/conditions.ts).

/**
 * What a picture that counts against a person's limits and in the usage has,
 * whether it is still in generations or was deleted (deleted_generations
 * keeps these columns, so a delete gives back neither the day's allowance nor
 * the month's budget). upstreamId and errorCode tell whether the gateway took
 * it (see `charged`).
 */
export type CountedColumns = Record<"createdBy" | "createdAt" | "model" | "imageSize" | "status" | "upstreamId" | "errorCode" | "templateId", AnyColumn>;

/** The board_items table, for the `board` filter. */
export type BoardItemsTable = Table & Record<"boardId" | "generationId", AnyColumn>;

/** Rows in one of these statuses; with `createdBy`, only that person's. */
export function statusIn(t: Pick<CountedColumns, "status" | "createdBy">, statuses: readonly string[], createdBy?: string): SQL {
  return and(
    inArray(t.status, [...statuses]),
    createdBy !== undefined ? eq(t.createdBy, createdBy) : undefined,
  )!;
}

/** Sent or being sent: submitting, queued or processing (never waiting); with `createdBy`, only that person's. */
export function isInFlight(t: Pick<CountedColumns, "status" | "createdBy">, createdBy?: string): SQL {
  return statusIn(t, IN_FLIGHT_STATUSES, createdBy);
}

/** Which table a counted row is read from (see countedRows): the live one or deleted_generations. */
export type CountedTable = "generations" | "deleted_generations";

/**
 * A row the gateway took, and so billed, whatever became of it:
 * anything not failed (in flight: about to be billed), a failed row with a
 * task id (cancelled, timed out, lost, failed at the gateway, its picture not
 * copied) and one whose submit's answer never came (unknown outcome). Only a
 * failed row that never reached the gateway (not sent) or that the gateway
 * refused (submit_…, no task id) is free, and so is one still waiting for a
 * slot (not sent yet) or cancelled or deleted while waiting. The one
 * rule behind the day's allowance, the month's budget and the usage, on live
 * and deleted rows alike.
 */
export function charged(t: Pick<CountedColumns, "status" | "upstreamId" | "errorCode">): SQL {
  return or(notInArray(t.status, ["failed", "waiting"]), isNotNull(t.upstreamId), eq(t.errorCode, UNKNOWN_OUTCOME_CODE))!;
}

/** A listing's LIMIT: a whole number, never negative. */
export function rowLimit(limit: number): number {
  return Math.max(0, Math.floor(limit));
}
