import "server-only";
import type Database from "better-sqlite3";
import { getTableColumns, inArray, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { BaseSQLiteDatabase, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { GenerationRow } from "@/lib/db/types";
import { chunked, containsPattern, isAscii, toGenerationRow } from "@/lib/db/shared/row-mapping";
import { CASEFOLD_FUNCTION, casefold } from "./casefold";
import { generations } from "./schema";

// Pieces of the SQLite repository's queries that more than one method uses,
// and what differs from PostgreSQL's: case folding, statement sizes, prepared
// inserts.

/** The connection or a transaction on it: both run queries synchronously. */
export type Db = BaseSQLiteDatabase<"sync", Database.RunResult>;

// Well inside SQLite's 32,766 bound parameters per statement.
const IDS_PER_QUERY = 500;

export function promptContains(q: string): SQL {
  const pattern = containsPattern(casefold(q));
  // LIKE folds ASCII case itself, and quickly; the registered function (a call
  // into JS per row, about twice as slow) is only needed to fold the rest.
  const prompt = isAscii(q) ? sql`${generations.prompt}` : sql`${sql.raw(CASEFOLD_FUNCTION)}(${generations.prompt})`;
  return sql`${prompt} like ${pattern} escape '\\'`;
}

/** `{ column: sql.placeholder(column) }` for every column, for a prepared INSERT. */
export function placeholders<T extends SQLiteTable>(table: T) {
  const columns = getTableColumns(table);
  return Object.fromEntries(Object.keys(columns).map((key) => [key, sql.placeholder(key)])) as {
    [K in keyof T["$inferInsert"]]-?: Placeholder<K & string>;
  };
}

export function readGenerations(db: Db, ids: readonly string[]): GenerationRow[] {
  const wanted = [...new Set(ids)];
  const byId = new Map<string, GenerationRow>();
  for (const chunk of chunked(wanted, IDS_PER_QUERY)) {
    for (const record of db.select().from(generations).where(inArray(generations.id, chunk)).all()) {
      byId.set(record.id, toGenerationRow(record));
    }
  }
  return wanted.flatMap((id) => byId.get(id) ?? []);
}
