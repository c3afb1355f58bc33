import type { UsageResponse } from "@/lib/contract";

// The usage page's arithmetic, apart from React: the default range, one row
// per day of the range (the API leaves out empty days), failure rates.

const DAY_MS = 86_400_000;
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The last `days` days, today (UTC, as the API counts) included. */
export function defaultRange(now = Date.now(), days = 30): { from: string; to: string } {
  return { from: isoDay(now - (days - 1) * DAY_MS), to: isoDay(now) };
}

export function validRange(range: { from: string; to: string }): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(range.from) && /^\d{4}-\d{2}-\d{2}$/.test(range.to) && !Number.isNaN(dayMs(range.from)) && !Number.isNaN(dayMs(range.to)) && range.from <= range.to;
}

type Row = UsageResponse["rows"][number];
export type DayPoint = { day: string; pictures: number; failed: number; cost: number; failureRate: number | null } & Record<string, number | string | null>;

/** Every day from `from` to `to` (at most `cap` of them), each with its pictures per model and its failure rate. */
export function fillDays(rows: Row[], range: { from: string; to: string }, cap = 366): DayPoint[] {
  const byDay = new Map(rows.map((row) => [row.key, row]));
  const out: DayPoint[] = [];
  for (let t = dayMs(range.from), n = 0; t <= dayMs(range.to) && n < cap; t += DAY_MS, n++) {
    const day = isoDay(t);
    const row = byDay.get(day);
    const point: DayPoint = { day, pictures: row?.pictures ?? 0, failed: row?.failed ?? 0, cost: row?.cost ?? 0, failureRate: row ? failureRate(row) : null };
    for (const [model, count] of Object.entries(row?.byModel ?? {})) point[model] = count;
    out.push(point);
  }
  return out;
}

/** failed ÷ (pictures + failed); null when nothing was tried. */
export function failureRate(row: { pictures: number; failed: number }): number | null {
  const tried = row.pictures + row.failed;
  return tried === 0 ? null : row.failed / tried;
}

/** The models that appear in any row, in a stable order (most pictures first). */
export function modelsIn(rows: Row[]): string[] {
  const totals = new Map<string, number>();
  for (const row of rows) for (const [model, count] of Object.entries(row.byModel)) totals.set(model, (totals.get(model) ?? 0) + count);
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([model]) => model);
}
