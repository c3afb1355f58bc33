import "server-only";

// Bulk runs: a template run once per row of a table. The record keeps each
// row's values and the batch that row made; it is written with the run's
// pictures in one transaction (GenerationsStore.insertGenerations' `run`), and
// read here. Times are Unix milliseconds.

export type RunRow = {
  /** `run_` + a ULID. */
  id: string;
  /** The template it ran (which may since have been deleted). */
  templateId: string;
  /** The person who ran it (generations.created_by). */
  createdBy: string;
  /** Each row's values by blank, in the table's order. */
  rows: Record<string, string>[];
  /** The batch each row made, in the same order. */
  batchIds: string[];
  createdAt: number;
};

/** A run's live pictures by where they stand: finished, failed, or still on their way (waiting included). */
export type RunCounts = { done: number; failed: number; active: number };

export interface RunsStore {
  getRun(id: string): Promise<RunRow | undefined>;
  /** The run's pictures counted by status: one grouped read of the (run_id, id) index. */
  runCounts(id: string): Promise<RunCounts>;
  /** These runs (a ZIP's pictures' runs, for their rows' values); unknown ids are skipped. */
  getRuns(ids: string[]): Promise<RunRow[]>;
}
