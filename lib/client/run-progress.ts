import type { Run } from "@/lib/contract-runs";
import { format } from "@/lib/i18n/format";

// A bulk run's progress as the gallery's run header says and draws it. Pure
// (and tested beside): the words and the bar come from GET /api/runs/{id}'s counts.

type Counts = Run["counts"];

/** The words it needs, from the dictionary's `runs` section. */
export type ProgressWords = { done: string; failed: string; active: string; separator: string };

/** Every live picture of the run, however it stands. */
export const runTotal = (counts: Counts) => counts.done + counts.failed + counts.active;

/** The ones that stopped moving (done or failed): the progress bar's value. */
export const runFinished = (counts: Counts) => counts.done + counts.failed;

/** "31 of 40 done, 1 failed, 9 in progress": a part whose count is 0 is left out, except the first. */
export function runProgressText(counts: Counts, words: ProgressWords): string {
  const parts = [format(words.done, { done: counts.done, total: runTotal(counts) })];
  if (counts.failed > 0) parts.push(format(words.failed, { failed: counts.failed }));
  if (counts.active > 0) parts.push(format(words.active, { active: counts.active }));
  return parts.join(words.separator);
}

/** The bar's two segments as percentages of the whole (a run with nothing live is 0 of 0: an empty bar). */
export function runBar(counts: Counts): { done: number; failed: number } {
  const total = runTotal(counts);
  if (total === 0) return { done: 0, failed: 0 };
  return { done: (100 * counts.done) / total, failed: (100 * counts.failed) / total };
}
