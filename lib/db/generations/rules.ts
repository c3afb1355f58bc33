import "server-only";
import { and, eq, inArray, type AnyColumn, type SQL } from "drizzle-orm";
import type { GenerationStatus } from "@/lib/contract";
import type { IdempotencyInput } from "./port";

// What both engines' generations decide alike: the conditions (over either
// dialect's columns: drizzle's operators take both) and the answers read from
// a row. How each engine reads, locks and writes stays in its own files.

/** The row an update writes: this id and, with `onlyIfStatus`, only while its status is one of those. */
export function updateTarget(t: Record<"id" | "status", AnyColumn>, input: { id: string; onlyIfStatus?: readonly GenerationStatus[] }): SQL | undefined {
  return and(eq(t.id, input.id), input.onlyIfStatus ? inArray(t.status, [...input.onlyIfStatus]) : undefined);
}

/** A waiting row the queue sends, as long as no other claim took it first. */
export function stillWaiting(t: Record<"id" | "status", AnyColumn>, id: string): SQL | undefined {
  return and(eq(t.id, id), eq(t.status, "waiting"));
}

/** What a row the queue sends becomes. */
export function sentFromQueue(now: number) {
  return { status: "submitting" as const, submittedAt: now, updatedAt: now };
}

/** One person's idempotency key (idempotency_keys). */
export function keyOf(t: Record<"key" | "createdBy", AnyColumn>, input: { key: string; createdBy: string }): SQL | undefined {
  return and(eq(t.key, input.key), eq(t.createdBy, input.createdBy));
}

/**
 * What a stored idempotency key answers: nothing when there is none or it
 * is older than ttlMs, "mismatch" when the caller gives a request hash the key
 * was not stored with, else the ids of the rows it made.
 */
export function liveKeyAnswer(
  earlier: { createdAt: number; requestHash: string | null; generationIds: string[] } | undefined,
  input: IdempotencyInput,
): string[] | "mismatch" | undefined {
  if (!earlier || earlier.createdAt < input.now - input.ttlMs) return undefined;
  if (input.requestHash !== undefined && earlier.requestHash !== input.requestHash) return "mismatch";
  return earlier.generationIds;
}

/** Whether another owner's poll lease on the row still runs at `now`. */
export function leaseHeldByOther(lease: { owner: string; until: number } | undefined, input: { owner: string; now: number }): boolean {
  return lease !== undefined && lease.owner !== input.owner && lease.until > input.now;
}

/** One person's star on one picture (favorites). */
export function starOf(t: Record<"userId" | "generationId", AnyColumn>, input: { userId: string; generationId: string }): SQL | undefined {
  return and(eq(t.userId, input.userId), eq(t.generationId, input.generationId));
}
