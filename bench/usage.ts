import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { StudioDatabase, UsageGroupBy } from "@/lib/db";
import { ratioOf, type Figure, type Measurement } from "./support/figures";
import { createSeeder } from "./support/seed";
import { median, percentile } from "./support/stats";

// 8. The usage page's query: usageGroups over the last 30 days, by
// day, by person and by model, and by day for one person, on SQLite at
// 100,000 stored generations (one a minute, so 43,200 of them in the 30 days).
// Baseline: the same query on a database holding only those 30 days, so the
// ratio is what the 56,800 older rows cost it: nothing, if it reads the
// created_at range (or (created_by, created_at)) and not the table.

const DAY_MS = 86_400_000;
const TOTAL = 100_000;
const WINDOW_DAYS = 30;
// One row a minute (bench/support/seed.ts), ending at the window's end.
const WINDOW_ROWS = (WINDOW_DAYS * DAY_MS) / 60_000;
const WARMUP = 10;
// A query reads some 40,000 rows (tens of ms): 60 samples keep the run short.
const SAMPLES = 60;
/** "Flat": at 100k rows the query costs at most this many times the window alone. */
const FLAT = 1.5;

type Query = { id: string; label: string; groupBy: UsageGroupBy; createdBy?: string };
const QUERIES: Query[] = [
  { id: "day", label: "by day", groupBy: "day" },
  { id: "user", label: "by person", groupBy: "user" },
  { id: "model", label: "by model", groupBy: "model" },
  { id: "dayOnePerson", label: "by day, one person", groupBy: "day", createdBy: "user3" },
];

export async function measure(): Promise<Measurement> {
  const { openSqliteDatabase } = await import("@/lib/db");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nano-bench-usage-"));
  // Midnight UTC: the window is 30 whole days.
  const to = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const from = to - WINDOW_DAYS * DAY_MS;
  const windowOnly = openSqliteDatabase({ file: path.join(dir, "window.db") });
  const full = openSqliteDatabase({ file: path.join(dir, "full.db") });

  async function timeOne(db: StudioDatabase, query: Query): Promise<number> {
    const started = performance.now();
    const groups = await db.usageGroups({ from, to, groupBy: query.groupBy, createdBy: query.createdBy });
    const ms = performance.now() - started;
    const rows = groups.reduce((n, g) => n + g.completed + g.failed + g.active, 0);
    const expected = query.createdBy ? WINDOW_ROWS / 12 : WINDOW_ROWS;
    if (rows !== expected) throw new Error(`usageGroups ${query.id} counted ${rows} rows, not ${expected}`);
    return ms;
  }
  /** Both databases in alternation, so drift in the machine's speed hits both alike. */
  async function sample(query: Query, count: number): Promise<[number[], number[]]> {
    const out: [number[], number[]] = [[], []];
    for (let i = 0; i < count; i++) {
      out[0].push(await timeOne(windowOnly, query));
      out[1].push(await timeOne(full, query));
    }
    return out;
  }

  const results: { id: string; windowP50: number; fullP50: number; fullP90: number }[] = [];
  try {
    await createSeeder({ total: WINDOW_ROWS, endMs: to }).add(windowOnly, WINDOW_ROWS);
    await createSeeder({ total: TOTAL, endMs: to }).add(full, TOTAL);
    (globalThis as { gc?: () => void }).gc?.();
    for (const query of QUERIES) {
      await sample(query, WARMUP);
      const [windowMs, fullMs] = await sample(query, SAMPLES);
      results.push({ id: query.id, windowP50: median(windowMs), fullP50: median(fullMs), fullP90: percentile(fullMs, 90) });
    }
  } finally {
    await windowOnly.close();
    await full.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const figures: Figure[] = QUERIES.map((query, i) => {
    const r = results[i];
    const ratio = ratioOf(r.fullP50, r.windowP50);
    return {
      id: `usage.${query.id}`,
      name: `8 usage ${query.label}, ${WINDOW_DAYS} days, p50 at ${TOTAL.toLocaleString("en")} rows`,
      value: r.fullP50,
      unit: "ms",
      baseline: { value: r.windowP50, label: `the ${WINDOW_DAYS} days alone` },
      ratio,
      target: `≤ ${FLAT}`,
      meets: ratio !== null && ratio <= FLAT,
      note: `p90 ${r.fullP90.toFixed(1)} ms; ${(query.createdBy ? WINDOW_ROWS / 12 : WINDOW_ROWS).toLocaleString("en")} rows in range`,
    };
  });
  return { figures, details: { engine: "sqlite", total: TOTAL, windowRows: WINDOW_ROWS, samples: SAMPLES, results } };
}
