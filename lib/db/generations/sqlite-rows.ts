import "server-only";
import { getTableColumns, inArray, sql } from "drizzle-orm";
import { chunked } from "@/lib/db/shared/row-mapping";
import { IDS_PER_QUERY, type Db } from "@/lib/db/sqlite/query-parts";
import { generations } from "@/lib/db/sqlite/schema";
import { inOrderAsked } from "./decisions";
import type { GenerationRow } from "./port";
import { toGenerationRow } from "./row-mapping";

// Generations in bulk on SQLite: read by id a chunk per statement, and
// inserted a hundred rows per statement. One statement per row
// was as fast before the search index, but its insert trigger
// writes to an FTS5 table, and FTS5 flushes what it holds in memory to disk at
// every statement that writes it from a trigger (a statement savepoint): one
// flush per row made a 100,000-row insert ten times slower. Each statement
// size is prepared once (drizzle builds the SQL, the run only binds).

// 100 rows × ~30 columns: some 3,000 bound parameters, inside SQLite's 32,766.
const ROWS_PER_STATEMENT = 100;

export function insertGenerationRows(db: Db, rows: readonly GenerationRow[]): void {
  const keys = Object.keys(getTableColumns(generations));
  const statements = new Map<number, { run(params: Record<string, unknown>): unknown }>();
  for (const chunk of chunked(rows, ROWS_PER_STATEMENT)) {
    let statement = statements.get(chunk.length);
    if (!statement) {
      const values = chunk.map((_, i) => Object.fromEntries(keys.map((key) => [key, sql.placeholder(`${key}_${i}`)])));
      statement = db.insert(generations).values(values as unknown as (typeof generations.$inferInsert)[]).prepare();
      statements.set(chunk.length, statement);
    }
    const params: Record<string, unknown> = {};
    chunk.forEach((row, i) => {
      for (const key of keys) params[`${key}_${i}`] = row[key as keyof GenerationRow];
    });
    statement.run(params);
  }
}

/** In the order asked for; unknown ids are skipped, repeated ones answered once. */
export function readGenerations(db: Db, ids: readonly string[]): GenerationRow[] {
  const wanted = [...new Set(ids)];
  const found = chunked(wanted, IDS_PER_QUERY).flatMap((chunk) => db.select().from(generations).where(inArray(generations.id, chunk)).all());
  return inOrderAsked(wanted, found.map(toGenerationRow));
}
