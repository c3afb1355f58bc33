import "server-only";
import { ACTIVE_STATUSES, type GenerationStatus } from "@/lib/contract";
import type { RunCounts } from "./port";

/** A run's per-status counts folded into where its pictures stand. */
export function foldRunCounts(groups: readonly { status: GenerationStatus; n: number }[]): RunCounts {
  const counts: RunCounts = { done: 0, failed: 0, active: 0 };
  for (const { status, n } of groups) {
    if (status === "completed") counts.done += n;
    else if (status === "failed") counts.failed += n;
    else if (ACTIVE_STATUSES.includes(status)) counts.active += n;
  }
  return counts;
}
