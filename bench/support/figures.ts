// What every measurement hands back: figures for the one table, plus details
// that go to bench/results.json only.

export type Figure = {
  /** Stable key in results.json, e.g. "amplification.tabs20". */
  id: string;
  /** The row's label in the table. */
  name: string;
  value: number | null;
  unit: string;
  /** Measured in the same run (or, for fixed lower bounds, stated as such). */
  baseline?: { value: number; label: string } | null;
  /** "value / baseline" unless the measurement says otherwise. */
  ratio?: number | null;
  /** The target, in words ("≤ 1", "≤ 200 KB"). */
  target?: string;
  /** undefined: no target for this figure. null: could not be judged. */
  meets?: boolean | null;
  note?: string;
};

export type Measurement = {
  figures: Figure[];
  details?: Record<string, unknown>;
};

export function ratioOf(value: number | null, baseline: number | null | undefined): number | null {
  if (value === null || baseline === null || baseline === undefined || baseline === 0) return null;
  return value / baseline;
}

/** A figure that could not be measured: shown in the table with the reason. */
export function notMeasured(id: string, name: string, reason: string, target?: string): Figure {
  return { id, name, value: null, unit: "", target, meets: target ? null : undefined, note: `not measured: ${reason}` };
}
