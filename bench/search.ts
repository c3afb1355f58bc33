import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { desc, type SQL } from "drizzle-orm";
import type { GenerationRow, StudioDatabase } from "@/lib/db";
import { makeRow, T0 } from "@/lib/db/shared/test-rows";
import { notMeasured, ratioOf, type Figure, type Measurement } from "./support/figures";
import { createSeeder } from "./support/seed";
import { median, percentile } from "./support/stats";

// 13. Prompt search: a page of GET /api/generations?q= as the
// adapter reads it (listGenerations, 24 rows), for a two-word query in the
// other order than the prompts' ("sunset synthwave") and a Chinese one of two
// characters ("红色"), at 1,000, 10,000 and 100,000 stored generations, on
// SQLite and on PostgreSQL (a throw-away database on DATABASE_URL_TEST's
// server, locale "C", as the tests use). The 20 pictures each query finds
// are the oldest rows: a scan newest first reads every row before the last
// of them, the index only them, so flat from 1k to 100k means the index is
// used. The plan of each query at 100k is printed too.

const SIZES = [1_000, 10_000, 100_000] as const;
const PAGE = 24;
const NEEDLES = 20;
const WARMUP = 20;
const SAMPLES = 100;
/** "Flat": at 100k rows a query costs at most this many times what it costs at 1k. */
const FLAT = 1.5;
const QUERIES = [
  { id: "twoWords", label: "“sunset synthwave”", q: "sunset synthwave", prompt: (i: number) => `Synthwave sunset over the bay, no. ${i}` },
  { id: "chinese", label: "“红色”", q: "红色", prompt: (i: number) => `一只红色的猫 no. ${i}` },
] as const;

type Engine = {
  name: "sqlite" | "postgres";
  db: StudioDatabase;
  /** After a bulk insert: what a live database's autovacuum would have done by then. */
  settle(): Promise<void>;
  /** The plan of the adapter's own search condition for q, one line. */
  plan(q: string): Promise<string>;
  close(): Promise<void>;
};

export async function measure(): Promise<Measurement> {
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  for (const open of [openSqlite, openPostgres]) {
    let engine: Engine;
    try {
      engine = await open();
    } catch (error) {
      const name = open === openSqlite ? "sqlite" : "postgres";
      figures.push(notMeasured(`search.${name}`, `13 search on ${name}`, (error as Error).message));
      continue;
    }
    try {
      const results = await measureEngine(engine);
      details[engine.name] = results;
      figures.push(...figuresOf(engine.name, results));
    } finally {
      await engine.close();
    }
  }
  return { figures, details: { page: PAGE, needles: NEEDLES, samples: SAMPLES, ...details } };
}

type Result = { rows: number; p50: Record<string, number>; p90: Record<string, number>; plans?: Record<string, string> };

async function measureEngine(engine: Engine): Promise<Result[]> {
  const seeder = createSeeder({ total: SIZES[SIZES.length - 1] });
  // The needles first, older than every seeded row (T0 is older than the seeder's times).
  const needles: GenerationRow[] = QUERIES.flatMap((query, k) =>
    Array.from({ length: NEEDLES }, (_, i) => makeRow({ prompt: query.prompt(i), status: "completed", createdAt: T0 + k * NEEDLES + i })),
  );
  await engine.db.insertGenerations({ rows: needles });
  const expected = Object.fromEntries(
    QUERIES.map((query, k) => [query.id, needles.slice(k * NEEDLES, (k + 1) * NEEDLES).map((r) => r.id).reverse().join()]),
  );

  async function timeOne(query: (typeof QUERIES)[number]): Promise<number> {
    const started = performance.now();
    const page = await engine.db.listGenerations({ q: query.q, limit: PAGE });
    const ms = performance.now() - started;
    if (page.map((r) => r.id).join() !== expected[query.id]) throw new Error(`${engine.name}: ${query.q} answered ${page.length} other rows`);
    return ms;
  }

  const results: Result[] = [];
  let stored = needles.length;
  for (const rows of SIZES) {
    await seeder.add(engine.db, rows - stored);
    stored = rows;
    await engine.settle();
    (globalThis as { gc?: () => void }).gc?.();
    const samples: Record<string, number[]> = Object.fromEntries(QUERIES.map((q) => [q.id, []]));
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      // The queries in alternation, so drift in the machine's speed hits both alike.
      for (const query of QUERIES) {
        const ms = await timeOne(query);
        if (i >= WARMUP) samples[query.id].push(ms);
      }
    }
    const result: Result = {
      rows,
      p50: Object.fromEntries(QUERIES.map((q) => [q.id, median(samples[q.id])])),
      p90: Object.fromEntries(QUERIES.map((q) => [q.id, percentile(samples[q.id], 90)])),
    };
    if (rows === SIZES[SIZES.length - 1]) {
      result.plans = Object.fromEntries(await Promise.all(QUERIES.map(async (q) => [q.id, await engine.plan(q.q)] as const)));
      for (const query of QUERIES) console.log(`[search] ${engine.name} ${query.q} at ${rows.toLocaleString("en")} rows: ${result.plans[query.id]}`);
    }
    results.push(result);
  }
  return results;
}

function figuresOf(engine: string, results: Result[]): Figure[] {
  const base = results[0];
  const top = results[results.length - 1];
  return QUERIES.flatMap((query) =>
    results.map((r): Figure => {
      const ratio = ratioOf(r.p50[query.id], base.p50[query.id]);
      const last = r === top;
      return {
        id: `search.${engine}.${query.id}.${r.rows}`,
        name: `13 search ${query.label} p50, ${engine}, ${r.rows.toLocaleString("en")} rows`,
        value: r.p50[query.id],
        unit: "ms",
        baseline: r === base ? null : { value: base.p50[query.id], label: "same query at 1k" },
        ratio: r === base ? null : ratio,
        target: last ? `100k/1k ≤ ${FLAT}` : undefined,
        meets: last ? ratio !== null && ratio <= FLAT : undefined,
        note: last ? `p90 ${r.p90[query.id].toFixed(2)} ms; ${indexNote(r.plans?.[query.id] ?? "")}` : `p90 ${r.p90[query.id].toFixed(2)} ms`,
      };
    }),
  );
}

/** Whether the plan reads the search index (and, for PostgreSQL, the server's time for the query). */
function indexNote(plan: string): string {
  const used = /generations_search VIRTUAL TABLE INDEX|generation_search_key_idx/.test(plan) ? "plan reads the search index" : "plan does NOT read the search index";
  const server = /Execution Time: ([\d.]+) ms/.exec(plan);
  return server ? `${used}, server time ${server[1]} ms` : used;
}

async function openSqlite(): Promise<Engine> {
  const Database = (await import("better-sqlite3")).default;
  const { drizzle } = await import("drizzle-orm/better-sqlite3");
  const { openSqliteDatabase } = await import("@/lib/db");
  const { registerSqliteFunctions } = await import("@/lib/db/sqlite/casefold");
  const { promptSearch } = await import("@/lib/db/sqlite/search-index");
  const { generations } = await import("@/lib/db/sqlite/schema");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nano-bench-search-"));
  const file = path.join(dir, "studio.db");
  const db = openSqliteDatabase({ file });
  return {
    name: "sqlite",
    db,
    settle: async () => {},
    async plan(q) {
      const raw = new Database(file, { readonly: true });
      try {
        registerSqliteFunctions(raw);
        const d = drizzle({ client: raw });
        const where = promptSearch(d, q, { index: true }) as SQL;
        const query = d.select({ id: generations.id }).from(generations).where(where).orderBy(desc(generations.id)).limit(PAGE).toSQL();
        const rows = raw.prepare(`explain query plan ${query.sql}`).all(...query.params) as { detail: string }[];
        return rows.map((r) => r.detail).join(" | ");
      } finally {
        raw.close();
      }
    },
    async close() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<Engine> {
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { openPostgresDatabase } = await import("@/lib/db");
  const { promptSearch } = await import("@/lib/db/postgres/search");
  const { generations } = await import("@/lib/db/postgres/schema");
  const serverUrl = process.env.DATABASE_URL_TEST ?? "postgres://studio:studio@127.0.0.1:5432/studio_test";
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`no PostgreSQL at DATABASE_URL_TEST (bash scripts/pg-test-server.sh): ${(error as Error).message}`);
  }
  const name = `studio_bench_search_${process.pid}`;
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name} template template0 encoding 'UTF8' locale 'C'`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // Dropping the database at the end ends connections the pools may still hold: not an error here.
  const db = await openPostgresDatabase({ url: url.toString(), onConnectionError: () => {} });
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  pool.on("error", () => {});
  return {
    name: "postgres",
    db,
    // What autovacuum does after a bulk insert: statistics for the planner, and
    // the GIN index's pending list (fastupdate) merged into the index proper.
    settle: async () => void (await pool.query("vacuum analyze")),
    async plan(q) {
      const { rows: icu } = await pool.query<{ icu: boolean }>("select exists (select 1 from pg_collation where collname = 'und-x-icu') as icu");
      const where = promptSearch(q, icu[0]?.icu ? "icu" : "database", { index: true }) as SQL;
      const query = drizzle({ client: pool }).select({ id: generations.id }).from(generations).where(where).orderBy(desc(generations.id)).limit(PAGE).toSQL();
      // With the server's own time: on a busy machine the round trip's noise hides it.
      const { rows } = await pool.query<{ "QUERY PLAN": string }>(`explain (analyze, costs off) ${query.sql}`, query.params);
      return rows.map((r) => r["QUERY PLAN"].trim()).join(" | ");
    },
    async close() {
      await db.close();
      await pool.end();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
