import "server-only";
import type { GenerationRow } from "@/lib/db";
import { UNKNOWN_OUTCOME_CODE } from "@/lib/contract";
import { GatewayError } from "@/lib/gateway";
import { logger } from "@/lib/log";
import { processSingleton } from "@/lib/singleton";
import { failedReason } from "./cancelled";
import { UNKNOWN_OUTCOME_MESSAGE } from "./submit";
import type { ServiceDeps } from "@/lib/core/deps";
import { holdLease } from "./lease";
import { refreshSlotFree, refreshSlots } from "./refresh-slots";
import { retryDelayMs, saveResult } from "./save-result";
import { heldElsewhere } from "./staged";
import { IN_FLIGHT, POLLABLE, isInFlight } from "./status";
import { unansweredDelayMs, unansweredMessage, unansweredTooLong } from "./unanswered";

/** "task_not_exist" must be confirmed this many polls in a row: gateways hiccup. */
export const NOT_FOUND_CONFIRMATIONS = 3;
/** A row still "submitting" this long after its submit's timeout never got its answer. */
const SUBMIT_GRACE_MS = 60_000;

const inflight = processSingleton("refresh-inflight", () => new Map<string, Promise<GenerationRow | undefined>>());

/**
 * Brings one generation up to date with the gateway. Concurrent callers share
 * one run (single-flight), the database lets at most one upstream GET per
 * task per poll interval through, however many browsers and instances ask,
 * and the instance that got it holds the row's lease until it is done.
 */
export function refreshGeneration(deps: ServiceDeps, id: string): Promise<GenerationRow | undefined> {
  // Per instance id: tests run two "instances" in one process.
  const key = `${deps.instanceId}:${id}`;
  const running = inflight.get(key);
  if (running) return running;
  const run = refreshSlots()(() => refreshOnce(deps, id)).finally(() => inflight.delete(key));
  inflight.set(key, run);
  return run;
}

/** A read of a row in flight nudges it, never waited on, and never queued behind the bound (a waiting row has nothing to ask). */
export function nudgeRefresh(deps: ServiceDeps, row: GenerationRow): void {
  if (!isInFlight(row.status) || !isDue(row, deps.now(), deps.config.pollIntervalMs) || heldElsewhere(deps, row, deps.now())) return;
  if (!refreshSlotFree()) return;
  refreshGeneration(deps, row.id).catch((err: unknown) => logger.error({ err, generation: row.id }, "refresh failed"));
}

/** Whether the row's last upstream GET is less than `intervalMs` old, so no claim can succeed now. */
export function polledWithin(row: Pick<GenerationRow, "lastPolledAt">, now: number, intervalMs: number): boolean {
  return row.lastPolledAt !== null && row.lastPolledAt > now - intervalMs;
}

/** Due for a claim: an interval since the last poll, longer while a copy or an unanswered gateway backs off. */
export function isDue(
  row: Pick<GenerationRow, "lastPolledAt" | "resultSeenAt" | "downloadAttempts" | "unansweredSince">,
  now: number,
  intervalMs: number,
): boolean {
  if (polledWithin(row, now, intervalMs)) return false;
  if (row.lastPolledAt === null) return true;
  if (row.resultSeenAt !== null) return now >= row.lastPolledAt + retryDelayMs(row.downloadAttempts, intervalMs);
  if (row.unansweredSince !== null) return now >= row.lastPolledAt + unansweredDelayMs(row, intervalMs);
  return true;
}

async function refreshOnce(deps: ServiceDeps, id: string): Promise<GenerationRow | undefined> {
  const row = await deps.db.getGeneration(id);
  if (!row || !isInFlight(row.status)) return row;
  const now = deps.now();
  const intervalMs = deps.config.pollIntervalMs;
  // Not due (by any instance): the claim below would refuse, so skip its write
  // transaction. Every read of the active list nudges each active row.
  if (!isDue(row, now, intervalMs)) return row;
  // Its bytes wait on another instance's disk: that one finishes it (staged.ts).
  if (heldElsewhere(deps, row, now)) return row;
  // Everything that may end the row (timeout, unknown outcome, a result) is
  // decided under the claim and its lease, so no reader and no other instance
  // can fail a row while its picture is being saved.
  const lease = await holdLease(deps, { id, now });
  if (!lease) return row;
  try {
    return await refreshClaimed(deps, row, now);
  } finally {
    lease.release();
  }
}

async function refreshClaimed(deps: ServiceDeps, row: GenerationRow, now: number): Promise<GenerationRow | undefined> {
  if (row.status === "submitting") {
    // Measured from when the submit started: its answer may still be on the way.
    if (now - (row.submittedAt ?? row.createdAt) < deps.config.requestTimeoutMs + SUBMIT_GRACE_MS) return row;
    // The process died (or hung) between sending the submit and recording its
    // answer. If the answer does arrive, create.ts revives the row.
    return fail(deps, row, "unknown_outcome", UNKNOWN_OUTCOME_MESSAGE, ["submitting"]);
  }
  if (!row.upstreamId) return fail(deps, row, "unknown_outcome", UNKNOWN_OUTCOME_MESSAGE);
  // Known to exist: copy it, with no poll needed and no timeout.
  if (row.resultSeenAt !== null) return saveResult(deps, { row, task: { id: row.upstreamId, url: row.resultUrl ?? undefined } });

  let task;
  try {
    task = await deps.gateway.get(row.upstreamId, { previousProgress: row.progress });
  } catch (error) {
    if (!(GatewayError.is(error))) throw error;
    return onPollError(deps, row, error, now);
  }
  if (row.unansweredSince !== null) {
    logger.info({ generation: row.id, task: row.upstreamId, silentMs: now - row.unansweredSince }, "the gateway answers again");
    const answered = await deps.db.updateGeneration({ id: row.id, patch: { unansweredSince: null, updatedAt: now }, onlyIfStatus: POLLABLE });
    if (!answered) return deps.db.getGeneration(row.id);
    row = answered;
  }

  if (task.status === "failed") {
    return fail(deps, row, task.error?.code ?? "upstream_failed", `The gateway could not make this picture: ${task.error?.message ?? "no reason given"}`);
  }
  // Past the timeout this poll was the last ask: a finished picture is still kept.
  if (task.status === "completed") return saveResult(deps, { row, task });
  // Only an answer "still running" ends a task as timed out (never silence: onPollError).
  if (timedOut(deps, row, now)) return failTimedOut(deps, row);
  if (task.status === row.status && task.progress === row.progress && row.notFoundCount === 0) return row;
  if (task.status !== row.status) logger.info({ generation: row.id, task: row.upstreamId, from: row.status, to: task.status }, "task status");
  return deps.db.updateGeneration({
    id: row.id,
    patch: { status: task.status, progress: Math.max(row.progress, task.progress), notFoundCount: 0, updatedAt: deps.now() },
    onlyIfStatus: POLLABLE,
  });
}

function timedOut(deps: ServiceDeps, row: GenerationRow, now: number) {
  return now - (row.submittedAt ?? row.createdAt) > deps.config.taskTimeoutMs;
}

function failTimedOut(deps: ServiceDeps, row: GenerationRow) {
  const minutes = Math.round(deps.config.taskTimeoutMs / 60_000);
  return fail(deps, row, "timeout", `Timed out: the gateway did not finish this picture within ${minutes} minutes`);
}

async function onPollError(deps: ServiceDeps, row: GenerationRow, error: GatewayError, now: number) {
  if (error.kind === "not_found") {
    const count = row.notFoundCount + 1;
    if (count >= NOT_FOUND_CONFIRMATIONS) {
      return fail(deps, row, "lost", "The gateway lost this task: it no longer knows the task id");
    }
    // "Unknown task" is an answer: the silence, if any, is over.
    // updatedAt too: the gallery's ETag reads it, so the note that the gateway is silent goes away in open pages.
    return deps.db.updateGeneration({ id: row.id, patch: { notFoundCount: count, unansweredSince: null, updatedAt: now }, onlyIfStatus: POLLABLE });
  }
  // Transient trouble, or a key problem an admin can fix: no answer about the
  // task, which may have finished meanwhile. Never a timeout (unanswered.ts).
  logger.warn({ generation: row.id, task: row.upstreamId, kind: error.kind, status: error.status }, "poll failed");
  if (row.unansweredSince === null) {
    return deps.db.updateGeneration({ id: row.id, patch: { unansweredSince: now, updatedAt: now }, onlyIfStatus: POLLABLE });
  }
  if (unansweredTooLong(deps, row, now)) return fail(deps, row, UNKNOWN_OUTCOME_CODE, unansweredMessage(row, now));
  return row;
}

function fail(deps: ServiceDeps, row: GenerationRow, code: string, message: string, onlyIfStatus = IN_FLIGHT) {
  logger.info({ generation: row.id, task: row.upstreamId, code }, "generation failed");
  return deps.db.updateGeneration({
    id: row.id,
    patch: { status: "failed", errorCode: code, errorMessage: failedReason(row, message), updatedAt: deps.now() },
    onlyIfStatus,
  });
}
