import "server-only";
import type { GenerationRow } from "@/lib/db";
import { GatewayError } from "@/lib/gateway";
import { logger } from "@/lib/log";
import { processSingleton } from "@/lib/server/singleton";
import { UNKNOWN_OUTCOME_MESSAGE } from "./create";
import type { GenerationDeps } from "./deps";
import { saveResult } from "./save-result";
import { ACTIVE, POLLABLE, isActive } from "./status";

/** "task_not_exist" must be confirmed this many polls in a row: gateways hiccup. */
export const NOT_FOUND_CONFIRMATIONS = 3;
/** A poll lease lasts this many intervals: a dead instance's tasks move on after it. */
export const LEASE_INTERVALS = 5;
/** A row still "submitting" this long after its request's timeout never got its answer. */
const SUBMIT_GRACE_MS = 60_000;

const inflight = processSingleton("refresh-inflight", () => new Map<string, Promise<GenerationRow | undefined>>());

/**
 * Brings one generation up to date with the gateway. Concurrent callers share
 * one run (single-flight), and the database lets at most one upstream GET per
 * task per poll interval through, however many browsers and pollers ask.
 */
export function refreshGeneration(deps: GenerationDeps, id: string): Promise<GenerationRow | undefined> {
  const running = inflight.get(id);
  if (running) return running;
  const run = refreshOnce(deps, id).finally(() => inflight.delete(id));
  inflight.set(id, run);
  return run;
}

async function refreshOnce(deps: GenerationDeps, id: string): Promise<GenerationRow | undefined> {
  const row = await deps.db.getGeneration(id);
  if (!row || !isActive(row.status)) return row;
  const now = deps.now();

  if (row.status === "submitting") {
    if (now - row.createdAt < deps.config.requestTimeoutMs + SUBMIT_GRACE_MS) return row;
    // The process died (or hung) between sending the submit and recording its answer.
    return fail(deps, row, "unknown_outcome", UNKNOWN_OUTCOME_MESSAGE);
  }
  if (now - (row.submittedAt ?? row.createdAt) > deps.config.taskTimeoutMs) {
    const minutes = Math.round(deps.config.taskTimeoutMs / 60_000);
    return fail(deps, row, "timeout", `Timed out: the gateway did not finish this picture within ${minutes} minutes`);
  }
  if (!row.upstreamId) return fail(deps, row, "unknown_outcome", UNKNOWN_OUTCOME_MESSAGE);
  const intervalMs = deps.config.pollIntervalMs;
  // Polled less than an interval ago (by any instance): the claim below would
  // refuse, so skip its write transaction. Every read of the active list
  // nudges each active row, and that write was most of the read's cost.
  if (polledWithin(row, now, intervalMs)) return row;
  const claimed = await deps.db.tryClaimPoll({ id, now, intervalMs, owner: deps.instanceId, leaseMs: intervalMs * LEASE_INTERVALS });
  if (!claimed) return row;

  let task;
  try {
    task = await deps.gateway.get(row.upstreamId, { previousProgress: row.progress });
  } catch (error) {
    if (!(GatewayError.is(error))) throw error;
    return onPollError(deps, row, error);
  }

  if (task.status === "failed") {
    return fail(deps, row, task.error?.code ?? "upstream_failed", `The gateway could not make this picture: ${task.error?.message ?? "no reason given"}`);
  }
  if (task.status === "completed") return saveResult(deps, { row, task });
  if (task.status === row.status && task.progress === row.progress && row.notFoundCount === 0) return row;
  if (task.status !== row.status) logger.info({ generation: id, task: row.upstreamId, from: row.status, to: task.status }, "task status");
  return deps.db.updateGeneration({
    id,
    patch: { status: task.status, progress: Math.max(row.progress, task.progress), notFoundCount: 0, updatedAt: deps.now() },
    onlyIfStatus: POLLABLE,
  });
}

/** Whether the row's last upstream GET is less than `intervalMs` old, so no claim can succeed now. */
export function polledWithin(row: Pick<GenerationRow, "lastPolledAt">, now: number, intervalMs: number): boolean {
  return row.lastPolledAt !== null && row.lastPolledAt > now - intervalMs;
}

async function onPollError(deps: GenerationDeps, row: GenerationRow, error: GatewayError) {
  if (error.kind === "not_found") {
    const count = row.notFoundCount + 1;
    if (count >= NOT_FOUND_CONFIRMATIONS) {
      return fail(deps, row, "lost", "The gateway lost this task: it no longer knows the task id");
    }
    return deps.db.updateGeneration({ id: row.id, patch: { notFoundCount: count }, onlyIfStatus: POLLABLE });
  }
  // Transient trouble, or a key problem an admin can fix: keep the task and ask
  // again next interval; the task timeout bounds how long.
  logger.warn({ generation: row.id, task: row.upstreamId, kind: error.kind, status: error.status }, "poll failed");
  return row;
}

function fail(deps: GenerationDeps, row: GenerationRow, code: string, message: string) {
  logger.info({ generation: row.id, task: row.upstreamId, code }, "generation failed");
  return deps.db.updateGeneration({
    id: row.id,
    patch: { status: "failed", errorCode: code, errorMessage: message, updatedAt: deps.now() },
    onlyIfStatus: ACTIVE,
  });
}
