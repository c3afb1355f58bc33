import "server-only";
import { DrizzleQueryError, getTableColumns, getTableName, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgTable } from "drizzle-orm/pg-core";
import type { CountedColumns, CountedTable } from "@/lib/db/shared/conditions";
import { chunked, containsPattern, isAscii } from "@/lib/db/shared/row-mapping";
import { deletedGenerations, generations } from "./schema";

// Pieces of the PostgreSQL slices' queries that more than one method
// uses, and what differs from SQLite's: case folding (ICU), statement sizes,
// unnest inserts, the driver's errors.

/** The pool or a transaction on one of its connections. */
export type Db = PgDatabase<NodePgQueryResultHKT>;

/**
 * How prompt search folds case beyond ASCII. "icu": the server has ICU's root
 * collation and a UTF8 database, and folds with full Unicode case mapping (as
 * JavaScript's toLowerCase, which the SQLite adapter uses), whatever locale the
 * database was created with. "database": the database's own LC_CTYPE decides
 * (a "C" database then folds ASCII only).
 */
export type CaseFolding = "icu" | "database";

// Rows per INSERT … SELECT FROM unnest(…): one array parameter per column,
// whatever the row count, so the bound is the statement's size (~2 MB here).
const ROWS_PER_INSERT = 10_000;

export function promptContains(q: string, folding: CaseFolding): SQL {
  // ILIKE lowers both sides under the expression's collation. ASCII folds the
  // same under any of them; only other letters need ICU's (as SQLite's adapter
  // only calls into JS for them).
  const prompt =
    folding === "icu" && !isAscii(q) ? sql`${generations.prompt} collate "und-x-icu"` : sql`${generations.prompt}`;
  return sql`${prompt} ilike ${containsPattern(q)} escape '\\'`;
}

/** An ORDER BY term in byte order (COLLATE "C"), as SQLite sorts text, whatever the database's locale. */
export function bytewise(value: AnyColumn | SQL): SQL {
  return sql`${value} collate "C"`;
}

/**
 * Every picture that counts for a person's limits and the usage, as one
 * subquery: the rows still in generations and those deleted since
 * (deleted_generations), each table read with `where` on its own indexes
 * (`where` is told which, as `inFlight` counts deleted rows only for a while).
 * One statement, one snapshot: a delete that commits meanwhile (moving a row
 * from one table to the other) cannot make it count twice or not at all.
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

/**
 * Inserts many rows in few statements: `INSERT INTO t (…) SELECT * FROM
 * unnest($1::text[], $2::bigint[], …)`, one array per column. drizzle's
 * multi-row VALUES would bind a parameter per field (28 per generation, under
 * PostgreSQL's 65,535 per statement) and spends most of a large insert
 * building that SQL; this is several times faster. Values go through each
 * column's own driver mapping (jsonb as JSON text), as drizzle's inserts do.
 */
export async function insertRows<T extends PgTable>(db: Db, table: T, rows: readonly T["$inferInsert"][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table));
  for (const chunk of chunked(rows, ROWS_PER_INSERT)) {
    const arrays = columns.map(([key, column]) => {
      const values = chunk.map((row) => {
        const value = (row as Record<string, unknown>)[key];
        return value === null || value === undefined ? null : column.mapToDriverValue(value);
      });
      // The element type without a column's COLLATE clause (ids): `text[]`.
      const type = column.getSQLType().replace(/\s+collate\s+.*$/i, "");
      return sql`${sql.param(values)}::${sql.raw(type)}[]`;
    });
    await db.execute(sql`
      insert into ${sql.identifier(getTableName(table))} (${sql.join(
        columns.map(([, column]) => sql.identifier(column.name)),
        sql`, `,
      )})
      select * from unnest(${sql.join(arrays, sql`, `)})`);
  }
}

/**
 * The driver's own error for a failed statement, as better-sqlite3 throws its
 * own: drizzle wraps it in a DrizzleQueryError whose message is the whole
 * statement and its parameters (for a batch insert, megabytes of prompts),
 * while pg's error says what went wrong and carries the SQLSTATE (`code`,
 * e.g. 23503 for a foreign key).
 */
export function driverError(error: unknown): unknown {
  if (error instanceof DrizzleQueryError && error.cause instanceof Error) return error.cause;
  return error;
}

/** Runs `work`, rethrowing failed statements as the driver's error. */
export async function withDriverErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw driverError(error);
  }
}
