import "server-only";
import { and, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql, type AnyColumn, type SQL, type Table } from "drizzle-orm";
import { ACTIVE_STATUSES, type GenerationStatus } from "@/lib/contract";
import { charged, isInFlight, statusIn, type BoardItemsTable, type CountedColumns, type CountedTable } from "@/lib/db/shared/conditions";
import type { ListFilter, StagingHolder } from "./port";

// The generations' WHERE clauses, built the same way on both engines:
// drizzle's operators take either dialect's columns, so each engine passes its
// own tables; what differs per engine (how a prompt search folds case) comes
// in as a function.

/** The generations table's columns these conditions read (never `favorite`: stars live in favorites now). */
export type GenerationColumns = Record<"id" | "status" | "model" | "createdBy" | "createdAt" | "lastPolledAt" | "batchId" | "stagedBy" | "rootId" | "templateId" | "runId", AnyColumn>;

/** The generations table a second time under another name (drizzle's alias), for "a newer version of the same tree". */
export type NewerVersions = Table & GenerationColumns;

/** The favorites table, for the `favoriteOf` filter. */
export type FavoritesTable = Table & Record<"userId" | "generationId", AnyColumn>;

/** Not ended: waiting, submitting, queued or processing (the listing's "active"); with `createdBy`, only that person's. */
export function isActive(t: Pick<CountedColumns, "status" | "createdBy">, createdBy?: string): SQL {
  return statusIn(t, ACTIVE_STATUSES, createdBy);
}

/** One person's rows waiting for a slot. */
export function isWaiting(t: Pick<CountedColumns, "status" | "createdBy">, createdBy: string): SQL {
  return and(eq(t.status, "waiting"), eq(t.createdBy, createdBy))!;
}

/**
 * What the in-flight limit counts: active rows (with `createdBy`
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
 * What the daily allowance (since the day's start) and the monthly budget
 * (since the month's) count: one person's charged rows, deleted ones too.
 */
export function chargedSince(t: Pick<CountedColumns, "createdBy" | "createdAt" | "status" | "upstreamId" | "errorCode">, input: { createdBy: string; since: number }): SQL {
  return and(createdSince(t, input), charged(t))!;
}

/**
 * What a new request is checked against: the charged rows and the
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
 * Rows this holder may work: nobody's staged bytes wait in
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
 * The gallery's one card per tree (ListFilter.newestVersions): no newer
 * version of the row's tree matches the listing's status, model and person.
 * Without a status asked for, a failed newer version hides nothing: the
 * picture it failed to change stays in view beside it. Each row costs one
 * probe of the (root_id, id) index.
 */
export function newestOfTree(t: GenerationColumns, newer: NewerVersions, filter: Pick<ListFilter, "status" | "model" | "createdBy">): SQL {
  const newerMatches = and(
    eq(newer.rootId, t.rootId),
    gt(newer.id, t.id),
    filter.status === "active" ? isActive(newer) : filter.status ? eq(newer.status, filter.status) : ne(newer.status, "failed"),
    filter.model ? eq(newer.model, filter.model) : undefined,
    filter.createdBy !== undefined ? eq(newer.createdBy, filter.createdBy) : undefined,
  );
  // An alias renders as its own name only: the table it stands for is named here.
  return sql`not exists (select 1 from ${sql.identifier("generations")} ${newer} where ${newerMatches})`;
}

/**
 * What a listing's filter asks of the picture itself: everything but the
 * board and the keyset (undefined: every row). `newer` is only read with
 * `newestVersions`.
 */
export function pictureConditions(
  t: GenerationColumns,
  filter: Omit<ListFilter, "limit">,
  promptContains: (q: string) => SQL | undefined,
  favorites: FavoritesTable,
  newer?: NewerVersions,
): SQL | undefined {
  return and(
    filter.newestVersions && newer ? newestOfTree(t, newer, filter) : undefined,
    filter.status === "active" ? isActive(t) : filter.status ? eq(t.status, filter.status) : undefined,
    filter.q ? promptContains(filter.q) : undefined,
    filter.model ? eq(t.model, filter.model) : undefined,
    filter.favoriteOf !== undefined ? starredBy(t, favorites, filter.favoriteOf) : undefined,
    filter.createdBy !== undefined ? eq(t.createdBy, filter.createdBy) : undefined,
    filter.batch !== undefined ? eq(t.batchId, filter.batch) : undefined,
    filter.template !== undefined ? eq(t.templateId, filter.template) : undefined,
    filter.run !== undefined ? eq(t.runId, filter.run) : undefined,
  );
}

/** A listing's filter as one condition on generations alone, the keyset on its id (undefined: every row). */
export function listConditions(
  t: GenerationColumns,
  filter: Omit<ListFilter, "limit">,
  promptContains: (q: string) => SQL | undefined,
  favorites: FavoritesTable,
  newer?: NewerVersions,
): SQL | undefined {
  return and(pictureConditions(t, filter, promptContains, favorites, newer), filter.beforeId !== undefined ? lt(t.id, filter.beforeId) : undefined);
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

/** The row an update writes: this id and, with `onlyIfStatus`, only while its status is one of those. */
export function updateTarget(t: Record<"id" | "status", AnyColumn>, input: { id: string; onlyIfStatus?: readonly GenerationStatus[] }): SQL | undefined {
  return and(eq(t.id, input.id), input.onlyIfStatus ? inArray(t.status, [...input.onlyIfStatus]) : undefined);
}

/** A waiting row the queue sends, as long as no other claim took it first. */
export function stillWaiting(t: Record<"id" | "status", AnyColumn>, id: string): SQL | undefined {
  return and(eq(t.id, id), eq(t.status, "waiting"));
}

/** One person's idempotency key (idempotency_keys). */
export function keyOf(t: Record<"key" | "createdBy", AnyColumn>, input: { key: string; createdBy: string }): SQL | undefined {
  return and(eq(t.key, input.key), eq(t.createdBy, input.createdBy));
}

/** One person's star on one picture (favorites). */
export function starOf(t: Record<"userId" | "generationId", AnyColumn>, input: { userId: string; generationId: string }): SQL | undefined {
  return and(eq(t.userId, input.userId), eq(t.generationId, input.generationId));
}
