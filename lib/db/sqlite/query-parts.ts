import "server-only";
import type Database from "better-sqlite3";
import { getTableColumns, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { BaseSQLiteDatabase, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { CountedColumns, CountedTable } from "@/lib/db/shared/conditions";
import { containsPattern, isAscii } from "@/lib/db/shared/row-mapping";
import { CASEFOLD_FUNCTION, casefold } from "./casefold";
import { deletedGenerations, generations } from "./schema";

// Pieces of the SQLite slices' queries that more than one method uses,
// and what differs from PostgreSQL's: case folding, statement sizes, prepared
// inserts.

/** The connection or a transaction on it: both run queries synchronously. */
export type Db = BaseSQLiteDatabase<"sync", Database.RunResult>;

// Writes take the lock up front (BEGIN IMMEDIATE): a deferred transaction that
// read first could not upgrade to a writer while another process writes, and
// would fail with SQLITE_BUSY instead of waiting out busy_timeout.
export const WRITE = { behavior: "immediate" } as const;

// Well inside SQLite's 32,766 bound parameters per statement.
export const IDS_PER_QUERY = 500;

export function promptContains(q: string): SQL {
  const pattern = containsPattern(casefold(q));
  // LIKE folds ASCII case itself, and quickly; the registered function (a call
  // into JS per row, about twice as slow) is only needed to fold the rest.
  const prompt = isAscii(q) ? sql`${generations.prompt}` : sql`${sql.raw(CASEFOLD_FUNCTION)}(${generations.prompt})`;
  return sql`${prompt} like ${pattern} escape '\\'`;
}

/**
 * Every picture that counts for a person's limits and the usage, as one
 * subquery: the rows still in generations and those deleted since
 * (deleted_generations), each table read with `where` on its own indexes
 * (`where` is told which, as `inFlight` counts deleted rows only for a while).
 * One statement, so a delete that moves a row between them cannot make it
 * count twice or not at all.
 */
export function countedRows(db: Db, where: (t: CountedColumns, table: CountedTable) => SQL) {
  const columnsOf = (t: typeof generations | typeof deletedGenerations) => ({
    createdBy: t.createdBy,
    createdAt: t.createdAt,
    model: t.model,
    imageSize: t.imageSize,
    status: t.status,
    upstreamId: t.upstreamId,
    errorCode: t.errorCode,
    templateId: t.templateId,
  });
  const live = db.select(columnsOf(generations)).from(generations).where(where(generations, "generations"));
  const deleted = db.select(columnsOf(deletedGenerations)).from(deletedGenerations).where(where(deletedGenerations, "deleted_generations"));
  return live.unionAll(deleted).as("counted");
}

/** `{ column: sql.placeholder(column) }` for every column, for a prepared INSERT. */
export function placeholders<T extends SQLiteTable>(table: T) {
  const columns = getTableColumns(table);
  return Object.fromEntries(Object.keys(columns).map((key) => [key, sql.placeholder(key)])) as {
    [K in keyof T["$inferInsert"]]-?: Placeholder<K & string>;
  };
}
