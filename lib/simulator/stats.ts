import "server-only";

export type SimulatorStats = {
  /** POST /v1/videos accepted or refused. */
  submits: number;
  /** GET /v1/videos/{id}. */
  polls: number;
  pollsByTask: Record<string, number>;
  /** ms timestamps of each poll (for "at most one GET per interval" checks). */
  pollTimesByTask: Record<string, number[]>;
  /** Result URL + /content fetches. */
  resultDownloads: number;
  /** ms when the task first became completed. */
  completedAtByTask: Record<string, number>;
};

export function emptyStats(): SimulatorStats {
  return {
    submits: 0,
    polls: 0,
    pollsByTask: {},
    pollTimesByTask: {},
    resultDownloads: 0,
    completedAtByTask: {},
  };
}

export function recordPoll(stats: SimulatorStats, taskId: string, at: number): void {
  stats.polls += 1;
  stats.pollsByTask[taskId] = (stats.pollsByTask[taskId] ?? 0) + 1;
  (stats.pollTimesByTask[taskId] ??= []).push(at);
}

/** A deep copy, so a caller holding an old snapshot does not see it change. */
export function snapshotStats(stats: SimulatorStats): SimulatorStats {
  return structuredClone(stats);
}
