import { ratioOf, type Figure, type Measurement } from "./support/figures";
import { createSeeder } from "./support/seed";
import { median, percentile, round } from "./support/stats";

// 3. Gallery paging as data grows: the first page and a deep page (the cursor
// 90% of the way down, newest first) of GET /api/generations, through the real
// route handler in-process, at 1,000, 10,000 and 100,000 stored generations.
// Server time = the handler's answer and its JSON body. The rows are added to
// one database in three bulk inserts (1k, +9k, +90k), each one transaction.

const SIZES = [1_000, 10_000, 100_000] as const;
const PAGE = 24; // the gallery's page (lib/client/use-feed.ts PAGE_SIZE)
// Enough for the JIT to settle before the first size, which is every ratio's baseline.
const WARMUP = 100;
// More than the issue's ~50: a page costs about a millisecond, and on a shared
// 2-core machine a few disturbed samples move a median of 50.
const SAMPLES = 200;
/** "Flat": the 100k page costs at most this many times the 1k page. */
const FLAT = 1.5;

export async function measure(): Promise<Measurement> {
  const { bootStudio } = await import("@/lib/testing/studio");
  const studio = await bootStudio({});
  const seeder = createSeeder({ total: SIZES[SIZES.length - 1] });

  async function timeOne(query: string): Promise<number> {
    const started = performance.now();
    const res = await studio.list(query);
    const body = (await res.json()) as { items: unknown[] };
    const ms = performance.now() - started;
    if (res.status !== 200 || body.items.length !== PAGE) throw new Error(`${query} answered ${res.status} with ${body.items.length} items`);
    return ms;
  }
  /** The two pages in alternation, so drift in the machine's speed hits both alike. */
  async function sample(queries: [string, string], count: number): Promise<[number[], number[]]> {
    const out: [number[], number[]] = [[], []];
    for (let i = 0; i < count; i++) {
      out[0].push(await timeOne(queries[0]));
      out[1].push(await timeOne(queries[1]));
    }
    return out;
  }

  const results: { rows: number; firstP50: number; deepP50: number; firstP90: number; deepP90: number; insertMs: number }[] = [];
  try {
    let stored = 0;
    for (const rows of SIZES) {
      const insertMs = await seeder.add(studio.deps.db, rows - stored);
      stored = rows;
      // Oldest first: 10% of the rows are older than this one.
      const cursor = seeder.ids()[Math.floor(rows * 0.1)];
      const queries: [string, string] = [`?limit=${PAGE}`, `?limit=${PAGE}&cursor=${cursor}`];
      if (rows === SIZES[0]) await sample(queries, WARMUP);
      // The seeding's garbage collected now rather than during the samples (child.ts passes --expose-gc).
      (globalThis as { gc?: () => void }).gc?.();
      const [first, deep] = await sample(queries, SAMPLES);
      results.push({ rows, firstP50: median(first), deepP50: median(deep), firstP90: percentile(first, 90), deepP90: percentile(deep, 90), insertMs });
    }
  } finally {
    studio.cleanup();
  }

  const base = results[0];
  const top = results[results.length - 1];
  const figures: Figure[] = [];
  for (const page of ["first", "deep"] as const) {
    const key = page === "first" ? "firstP50" : "deepP50";
    for (const r of results) {
      const ratio = ratioOf(r[key], base[key]);
      const last = r === top;
      figures.push({
        id: `paging.${page}.${r.rows}`,
        name: `3 ${page === "first" ? "first page" : "deep page (90%)"} p50, ${r.rows.toLocaleString("en")} rows`,
        value: r[key],
        unit: "ms",
        baseline: r === base ? null : { value: base[key], label: "same page at 1k" },
        ratio: r === base ? null : ratio,
        target: last ? `100k/1k ≤ ${FLAT}` : undefined,
        meets: last ? ratio !== null && ratio <= FLAT : undefined,
      });
    }
  }
  const bulk = results[results.length - 1];
  const bulkRows = SIZES[SIZES.length - 1] - SIZES[SIZES.length - 2];
  figures.push({
    id: "paging.bulkInsert",
    name: `3 seeding: ${bulkRows.toLocaleString("en")} rows in one insertGenerations`,
    value: bulk.insertMs / 1000,
    unit: "s",
    note: `${round(bulkRows / (bulk.insertMs / 1000)).toLocaleString("en")} rows/s`,
  });
  return { figures, details: { page: PAGE, samples: SAMPLES, results } };
}
