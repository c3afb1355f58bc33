import "server-only";
import { and, eq, gte, inArray, isNull, lt, lte, or, type AnyColumn, type SQL } from "drizzle-orm";
import { ACTIVE_STATUSES } from "@/lib/contract";
import type { ListFilter } from "@/lib/db/types";

// WHERE clauses both engines build the same way. drizzle's operators take
// either dialect's columns, so each engine passes its own generations table;
// what differs per engine (how a prompt search folds case) comes in as a
// function.

/** The generations table's columns these conditions read. */
export type GenerationColumns = Record<
  "id" | "status" | "model" | "favorite" | "createdBy" | "createdAt" | "lastPolledAt",
  AnyColumn
>;

/** Submitting, queued or processing; with `createdBy`, only that person's. */
export function isActive(t: GenerationColumns, createdBy?: string): SQL {
  return and(
    inArray(t.status, [...ACTIVE_STATUSES]),
    createdBy !== undefined ? eq(t.createdBy, createdBy) : undefined,
  )!;
}

/** One person's rows created at `since` or later (the daily allowance's window). */
export function createdSince(t: GenerationColumns, input: { createdBy: string; since: number }): SQL {
  return and(eq(t.createdBy, input.createdBy), gte(t.createdAt, input.since))!;
}

/** The row, if its last upstream poll is at least `intervalMs` old (or it was never polled). */
export function pollDue(t: GenerationColumns, input: { id: string; now: number; intervalMs: number }): SQL {
  return and(eq(t.id, input.id), or(isNull(t.lastPolledAt), lte(t.lastPolledAt, input.now - input.intervalMs)))!;
}

/** A listing's filter as one condition (undefined: every row). */
export function listConditions(
  t: GenerationColumns,
  filter: Omit<ListFilter, "limit">,
  promptContains: (q: string) => SQL,
): SQL | undefined {
  return and(
    filter.status === "active" ? isActive(t) : filter.status ? eq(t.status, filter.status) : undefined,
    filter.q ? promptContains(filter.q) : undefined,
    filter.model ? eq(t.model, filter.model) : undefined,
    filter.favorite !== undefined ? eq(t.favorite, filter.favorite) : undefined,
    filter.createdBy !== undefined ? eq(t.createdBy, filter.createdBy) : undefined,
    filter.beforeId !== undefined ? lt(t.id, filter.beforeId) : undefined,
  );
}

/** A listing's LIMIT: a whole number, never negative. */
export function rowLimit(limit: number): number {
  return Math.max(0, Math.floor(limit));
}
