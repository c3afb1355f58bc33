import "server-only";
import { and, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, ne, notInArray, or, sql, type AnyColumn, type SQL, type Table } from "drizzle-orm";
import { ACTIVE_STATUSES, IN_FLIGHT_STATUSES, UNKNOWN_OUTCOME_CODE } from "@/lib/contract";
import type { ListFilter, StagingHolder } from "@/lib/db/types";

// WHERE clauses both engines build the same way. drizzle's operators take
// either dialect's columns, so each engine passes its own generations table;
// what differs per engine (how a prompt search folds case) comes in as a
// function.

/** The generations table's columns these conditions read (never `favorite`: stars live in favorites now). */
export type GenerationColumns = Record<"id" | "status" | "model" | "createdBy" | "createdAt" | "lastPolledAt" | "batchId" | "stagedBy", AnyColumn>;

/**
 * What a picture that counts against a person's limits and in the usage has,
 * whether it is still in generations or was deleted (deleted_generations
 * keeps these columns, so a delete gives back neither the day's allowance nor
 * the month's budget). upstreamId and errorCode tell whether the gateway took
 * it (see `charged`).
 */
export type CountedColumns = Record<"createdBy" | "createdAt" | "model" | "imageSize" | "status" | "upstreamId" | "errorCode", AnyColumn>;

/** The favorites table, for the `favoriteOf` filter. */
export type FavoritesTable = Table & Record<"userId" | "generationId", AnyColumn>;

/** The board_items table, for the `board` filter (issue 14). */
export type BoardItemsTable = Table & Record<"boardId" | "generationId", AnyColumn>;

/** Not ended: waiting, submitting, queued or processing (the listing's "active"); with `createdBy`, only that person's. */
export function isActive(t: Pick<CountedColumns, "status" | "createdBy">, createdBy?: string): SQL {
  return and(
    inArray(t.status, [...ACTIVE_STATUSES]),
    createdBy !== undefined ? eq(t.createdBy, createdBy) : undefined,
  )!;
}

/** Sent or being sent: submitting, queued or processing (never waiting, issue 26); with `createdBy`, only that person's. */
export function isInFlight(t: Pick<CountedColumns, "status" | "createdBy">, createdBy?: string): SQL {
  return and(
    inArray(t.status, [...IN_FLIGHT_STATUSES]),
    createdBy !== undefined ? eq(t.createdBy, createdBy) : undefined,
  )!;
}

/** One person's rows waiting for a slot (issue 26). */
export function isWaiting(t: Pick<CountedColumns, "status" | "createdBy">, createdBy: string): SQL {
  return and(eq(t.status, "waiting"), eq(t.createdBy, createdBy))!;
}

/** Which table a counted row is read from (see countedRows): the live one or deleted_generations. */
export type CountedTable = "generations" | "deleted_generations";

/**
 * What the in-flight limit counts (issue 21): active rows (with `createdBy`
 * only that person's) and, given `inFlightSince`, rows deleted while active
 * (their status at deletion) created at or after it. The gateway has no
 * cancel and goes on with (and bills) a task whose row was deleted, but the
 * studio can no longer ask it about that task (no row to poll), so a deleted
 * row holds its slot for as long as the studio would have waited for it: its
 * createdAt plus the task timeout (the caller passes now - taskTimeoutMs).
 * Without `inFlightSince` no deleted row counts (the poller's, start-up's).
 */
export function inFlight(
  t: Pick<CountedColumns, "status" | "createdBy" | "createdAt">,
  input: { createdBy?: string; inFlightSince?: number },
  table: CountedTable,
): SQL {
  if (table === "generations") return isInFlight(t, input.createdBy);
  if (input.inFlightSince === undefined) return sql`1 = 0`;
  // A row deleted while waiting was never sent: it holds no slot.
  return and(isInFlight(t, input.createdBy), gte(t.createdAt, input.inFlightSince))!;
}

/** One person's rows created at `since` or later. */
export function createdSince(t: Pick<CountedColumns, "createdBy" | "createdAt">, input: { createdBy: string; since: number }): SQL {
  return and(eq(t.createdBy, input.createdBy), gte(t.createdAt, input.since))!;
}

/**
 * A row the gateway took, and so billed, whatever became of it (issue 21):
 * anything not failed (in flight: about to be billed), a failed row with a
 * task id (cancelled, timed out, lost, failed at the gateway, its picture not
 * copied) and one whose submit's answer never came (unknown outcome). Only a
 * failed row that never reached the gateway (not sent) or that the gateway
 * refused (submit_…, no task id) is free, and so is one still waiting for a
 * slot (issue 26: not sent yet) or cancelled or deleted while waiting. The one
 * rule behind the day's allowance, the month's budget and the usage, on live
 * and deleted rows alike.
 */
export function charged(t: Pick<CountedColumns, "status" | "upstreamId" | "errorCode">): SQL {
  return or(notInArray(t.status, ["failed", "waiting"]), isNotNull(t.upstreamId), eq(t.errorCode, UNKNOWN_OUTCOME_CODE))!;
}

/**
 * What the daily allowance (since the day's start) and the monthly budget
 * (since the month's) count: one person's charged rows, deleted ones too.
 */
export function chargedSince(t: Pick<CountedColumns, "createdBy" | "createdAt" | "status" | "upstreamId" | "errorCode">, input: { createdBy: string; since: number }): SQL {
  return and(createdSince(t, input), charged(t))!;
}

/**
 * What a new request is checked against (issue 26): the charged rows and the
 * live waiting ones, which were asked for (the day's allowance) and whose
 * price is reserved (the month's budget) though nobody is charged for them
 * until they are sent. A row deleted while waiting reserves nothing.
 */
export function reservedSince(
  t: Pick<CountedColumns, "createdBy" | "createdAt" | "status" | "upstreamId" | "errorCode">,
  input: { createdBy: string; since: number },
  table: CountedTable,
): SQL {
  return and(createdSince(t, input), table === "generations" ? or(charged(t), eq(t.status, "waiting")) : charged(t))!;
}

/** The row, if its last upstream poll is at least `intervalMs` old (or it was never polled). */
export function pollDue(t: GenerationColumns, input: { id: string; now: number; intervalMs: number; holder?: StagingHolder }): SQL {
  return and(eq(t.id, input.id), polledBefore(t, input), leftTo(t, input.holder))!;
}

/** Never polled, or last polled at least `intervalMs` ago. */
function polledBefore(t: GenerationColumns, input: { now: number; intervalMs: number }): SQL {
  return or(isNull(t.lastPolledAt), lte(t.lastPolledAt, input.now - input.intervalMs))!;
}

/**
 * Rows this holder may work (issue 21 #12): nobody's staged bytes wait in
 * them, or its own do, or their holder has been silent since
 * `abandonedBefore` (only the holder polls such a row, so its last poll says
 * when the holder was last alive). No holder: every row.
 */
function leftTo(t: GenerationColumns, holder: StagingHolder | undefined): SQL | undefined {
  if (!holder) return undefined;
  return or(isNull(t.stagedBy), eq(t.stagedBy, holder.id), lte(t.lastPolledAt, holder.abandonedBefore))!;
}

/** The poller's next batch: active rows after the cursor, due, and this holder's to work. */
export function activeBatch(
  t: GenerationColumns,
  input: { afterId?: string; due?: { now: number; intervalMs: number }; holder?: StagingHolder },
): SQL {
  return and(
    // A waiting row has nothing to poll; the queue (claimWaiting) moves it.
    isInFlight(t),
    input.afterId !== undefined ? gt(t.id, input.afterId) : undefined,
    input.due ? polledBefore(t, input.due) : undefined,
    leftTo(t, input.holder),
  )!;
}

/**
 * Rows this person starred. An IN over the person's favorites (primary key
 * user_id, generation_id): both engines can read the person's stars alone and
 * look each picture up by id, or walk the gallery and probe the key, whichever
 * their statistics say is cheaper, and it combines with any other filter.
 */
export function starredBy(t: GenerationColumns, favorites: FavoritesTable, userId: string): SQL {
  return sql`${t.id} in (select ${favorites.generationId} from ${favorites} where ${favorites.userId} = ${userId})`;
}

/**
 * What a listing's filter asks of the picture itself: everything but the
 * board and the keyset (undefined: every row).
 */
export function pictureConditions(
  t: GenerationColumns,
  filter: Omit<ListFilter, "limit">,
  promptContains: (q: string) => SQL | undefined,
  favorites: FavoritesTable,
): SQL | undefined {
  return and(
    filter.status === "active" ? isActive(t) : filter.status ? eq(t.status, filter.status) : undefined,
    filter.q ? promptContains(filter.q) : undefined,
    filter.model ? eq(t.model, filter.model) : undefined,
    filter.favoriteOf !== undefined ? starredBy(t, favorites, filter.favoriteOf) : undefined,
    filter.createdBy !== undefined ? eq(t.createdBy, filter.createdBy) : undefined,
    filter.batch !== undefined ? eq(t.batchId, filter.batch) : undefined,
  );
}

/** A listing's filter as one condition on generations alone, the keyset on its id (undefined: every row). */
export function listConditions(
  t: GenerationColumns,
  filter: Omit<ListFilter, "limit">,
  promptContains: (q: string) => SQL | undefined,
  favorites: FavoritesTable,
): SQL | undefined {
  return and(pictureConditions(t, filter, promptContains, favorites), filter.beforeId !== undefined ? lt(t.id, filter.beforeId) : undefined);
}

/**
 * A board listing's rows of board_items: the board's range of the primary key
 * (board_id, generation_id), below the cursor. Read newest first and joined
 * to the pictures one by one, a page costs the same however many pictures are
 * stored; the picture conditions apply to each joined row.
 */
export function boardRange(items: BoardItemsTable, filter: { board: string; beforeId?: string }): SQL {
  return and(eq(items.boardId, filter.board), filter.beforeId !== undefined ? lt(items.generationId, filter.beforeId) : undefined)!;
}

/**
 * The usage query's rows: created in [from, to) (the created_at index's
 * range), with createdBy only that person's (then (created_by, created_at)).
 */
export function createdBetween(t: Pick<CountedColumns, "createdBy" | "createdAt" | "status">, input: { from: number; to: number; createdBy?: string }): SQL {
  return and(
    // Waiting rows are not charged (nor made) yet: not in the usage at all (issue 26).
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

/** A listing's LIMIT: a whole number, never negative. */
export function rowLimit(limit: number): number {
  return Math.max(0, Math.floor(limit));
}
