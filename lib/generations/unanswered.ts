import "server-only";
import type { GenerationRow } from "@/lib/db";
import type { ServiceDeps } from "@/lib/core/deps";
import { CONTENT_GRACE_MS, MAX_RETRY_DELAY_MS, RESULT_URL_LIFETIME_MS } from "./save-result";

// A status API that does not answer: network errors, timeouts,
// 5xx, 429, a key refused. The task may have finished (and been billed)
// meanwhile, so silence never ends it as timed out: the timeout ends a task
// only when the gateway answers that it is still running. The row records
// since when the gateway has been silent, is asked again with backoff, and
// ends as an unknown outcome only once no result could be fetched any more.

/**
 * Wait after an unanswered poll: as long as the silence has lasted so far, at
 * least one interval, at most MAX_RETRY_DELAY_MS. Polls then come at 1, 2, 4,
 * 8… intervals into the silence (doubling) with no counter to keep.
 */
export function unansweredDelayMs(row: Pick<GenerationRow, "lastPolledAt" | "unansweredSince">, intervalMs: number): number {
  const silentFor = row.unansweredSince === null || row.lastPolledAt === null ? 0 : row.lastPolledAt - row.unansweredSince;
  return Math.min(Math.max(intervalMs, silentFor), Math.max(MAX_RETRY_DELAY_MS, intervalMs));
}

/**
 * Until when a result of this task could still be fetched: it may have
 * finished as late as the task timeout (a later "still running" would end it
 * as timed out) or as the silence began, whichever is later; its URL then
 * lives RESULT_URL_LIFETIME_MS, and /content is tried CONTENT_GRACE_MS longer
 * (the same horizon save-result.ts gives a picture known to exist).
 */
export function resultReachableUntil(
  row: Pick<GenerationRow, "submittedAt" | "createdAt" | "unansweredSince">,
  taskTimeoutMs: number,
): number {
  const latestFinish = Math.max(row.unansweredSince ?? 0, (row.submittedAt ?? row.createdAt) + taskTimeoutMs);
  return latestFinish + RESULT_URL_LIFETIME_MS + CONTENT_GRACE_MS;
}

/** The unknown outcome's words: the gateway took the task, so it may have been billed. */
export function unansweredMessage(row: Pick<GenerationRow, "unansweredSince">, now: number): string {
  const hours = Math.max(1, Math.round((now - (row.unansweredSince ?? now)) / 3_600_000));
  return (
    `Unknown outcome: the gateway did not answer for about ${hours} hour${hours === 1 ? "" : "s"}, ` +
    "until no result of this task could be fetched any more. The picture may have been made (and billed); " +
    "check the gateway's task list before trying again."
  );
}

/** Whether the row is past the time any result could still be fetched. */
export function unansweredTooLong(deps: Pick<ServiceDeps, "config">, row: GenerationRow, now: number): boolean {
  return now >= resultReachableUntil(row, deps.config.taskTimeoutMs);
}
