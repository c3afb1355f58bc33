import "server-only";
import { getTableColumns, gt, inArray, sql, type Column, type SQL, type Table } from "drizzle-orm";
import { MIGRATE_TABLES, type CountedTableName } from "@/lib/db/migrate-tables";
import type { MigrateTable, TableRow } from "@/lib/db/shared/migrate-table";

// What the copy and the verify step do to any listed table
// (lib/db/migrate-tables.ts): the statements both sides build alike (drizzle
// renders them for SQLite and PostgreSQL: keyset pages, rows by their match,
// counts), and a row's references to a person given the target's key.

export type { MigrateTable, TableRow };

/** count(*) of every counted table, by its name. */
export type RowCounts = Record<CountedTableName, number>;

export const COUNTED = MIGRATE_TABLES.filter((table) => table.counted);

function columnsOf(table: Table, names: readonly string[]): Column[] {
  const columns = getTableColumns(table);
  return names.map((name) => {
    const column = columns[name];
    if (!column) throw new Error(`${name} is no column of the table it is listed for`);
    return column;
  });
}

function tuple(parts: readonly (Column | unknown)[]): SQL {
  return sql`(${sql.join(parts.map((part) => sql`${part}`), sql`, `)})`;
}

/** Rows strictly after `after` in key order (row values compare as the key orders). */
export function keysetAfter(table: Table, key: readonly string[], after: TableRow | undefined): SQL | undefined {
  if (!after) return undefined;
  const columns = columnsOf(table, key);
  if (columns.length === 1) return gt(columns[0], after[key[0]]);
  return sql`${tuple(columns)} > ${tuple(key.map((name) => after[name]))}`;
}

/** ORDER BY the key's columns. */
export function keyOrder(table: Table, key: readonly string[]): SQL[] {
  return columnsOf(table, key).map((column) => sql`${column}`);
}

/** What says "the same row" on both sides: the match columns, else the key. */
export function matchOf(table: MigrateTable): readonly string[] {
  return table.match ?? table.key;
}

/** The rows whose match columns equal those of one of `rows`. */
export function matching(table: Table, names: readonly string[], rows: readonly TableRow[]): SQL {
  const columns = columnsOf(table, names);
  if (columns.length === 1) return inArray(columns[0], rows.map((row) => row[names[0]]));
  return sql`${tuple(columns)} in (${sql.join(rows.map((row) => tuple(names.map((name) => row[name]))), sql`, `)})`;
}

/** A row's match (or key) as one string, to find it in a Map. */
export function identity(row: TableRow, names: readonly string[]): string {
  return JSON.stringify(names.map((name) => row[name]));
}

/** One statement counting every counted table (engine's table objects picked by `side`). */
export function countQuery(side: "sqlite" | "postgres"): SQL {
  return sql`select ${sql.join(
    COUNTED.map((table) => sql`(select count(*) from ${table.tables[side]}) as ${sql.identifier(table.name)}`),
    sql`, `,
  )}`;
}

/** The counts from a row of countQuery (PostgreSQL's bigint counts arrive as strings). */
export function toCounts(row: Record<string, unknown>): RowCounts {
  return Object.fromEntries(COUNTED.map((table) => [table.name, Number(row[table.name])])) as RowCounts;
}

/** The row as the target should hold it: columns naming a row that has another key there get that key. */
export function inTarget(table: MigrateTable, row: TableRow, keyMaps: ReadonlyMap<string, ReadonlyMap<unknown, unknown>>): TableRow {
  if (!table.refs) return row;
  const moved = { ...row };
  for (const [column, { table: named }] of Object.entries(table.refs)) {
    const key = keyMaps.get(named)?.get(row[column]);
    if (key !== undefined) moved[column] = key;
  }
  return moved;
}

/** Runs `fn` over `items` in slices of at most `size`. */
export async function inChunks<T>(items: readonly T[], size: number, fn: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
}
