import "server-only";
import type { PgTable } from "drizzle-orm/pg-core";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { StudioDatabase } from "@/lib/db/types";

// How `npm run migrate-data` (lib/migrate) moves one table from an embedded
// data dir's SQLite file into PostgreSQL: each slice lists its tables in its
// own migrate.ts, lib/db/migrate-tables.ts puts them in order, and the copy,
// the verify step and the report walk that list. A plain table needs only its
// two schema objects and its key: its rows are read and written whole through
// drizzle, so a new column moves without a line here.

/** A row as drizzle reads it from either schema (both name their columns alike). */
export type TableRow = Record<string, unknown>;

/** A file a row names, copied (and hashed by the verify step) before the row. */
export type RowFile = { key: string; contentType: string };

/**
 * Reads and writes through the adapter instead of plain statements, for a
 * table whose insert writes more than its own row (generations: their
 * reference links and search keys).
 */
interface ThroughAdapter<Row> {
  /** One page in the order the copy walks, strictly after `after`. */
  read(db: StudioDatabase, after: Row | undefined, limit: number): Promise<Row[]>;
  /** The rows among `rows` (by key) that the database holds, in any order. */
  find(db: StudioDatabase, rows: readonly Row[]): Promise<Row[]>;
  write(db: StudioDatabase, rows: readonly Row[]): Promise<void>;
}

export interface MigrateTable<Row = TableRow> {
  /** The key of its tallies in the copy's stats and of its count (camelCase). */
  readonly name: string;
  /** Plural, as the report prints it and progress events are named ("board items"). */
  readonly label: string;
  /** The same table in each engine's schema. */
  readonly tables: { readonly sqlite: SQLiteTable; readonly postgres: PgTable };
  /** Its primary key's columns (property names): the keyset order pages are read in. */
  readonly key: readonly string[];
  /**
   * What says the target already has a row, when not the key: a person is
   * the same person by name (an instance started on the target first may know
   * them under another id).
   */
  readonly match?: readonly string[];
  /**
   * Columns naming a row of another table that may have another key in the
   * target (a person found there by name): the copy gives them the target's
   * key, and the verify step compares that row's `match` under the name `as`.
   */
  readonly refs?: Readonly<Record<string, { readonly table: string; readonly as: string }>>;
  /** Tables copied before this one (its foreign keys, or what it names). */
  readonly needs?: readonly string[];
  /** Counted on both sides (`select count(*)`): a line of the report, compared by the verify step. */
  readonly counted?: boolean;
  /** Each page of rows is told as a progress event named by `label` (the command line prints them). */
  readonly progress?: boolean;
  /**
   * Compared field by field by the verify step, each difference a line naming
   * `one` and the row's key. `ignore`: fields that move on once the target is
   * live. `kept`: a row the target had first keeps its own values (never
   * printed: they are secrets); a difference is then this warning, not an error.
   */
  readonly verify?: { readonly one: string; readonly ignore?: readonly string[]; readonly kept?: string };
  /** The files a row names: copied before its page of rows is written. */
  files?(row: Row): RowFile[];
  /** Reads and writes through the adapter (see ThroughAdapter); plain statements otherwise. */
  readonly through?: ThroughAdapter<Row>;
  /** Not copied, with why (printed by the command line). */
  readonly notCopied?: string;
  /** Not copied itself: the writes of that table (`name`) fill it. Still counted. */
  readonly copiedWith?: string;
  /** Left out of the printed table (its rows are still copied and tallied). */
  readonly quiet?: boolean;
}

const CONTENT_TYPES: Record<string, string> = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", webp: "image/webp" };

/** The content type to store a file with: the row's own, else from the key's extension. */
export function contentTypeFor(key: string, fromRow?: string | null): string {
  if (fromRow) return fromRow;
  const ext = /\.([a-z0-9]+)$/i.exec(key)?.[1]?.toLowerCase();
  return (ext && CONTENT_TYPES[ext]) || "application/octet-stream";
}

/** A slice's tables, their names kept as literal types (the copy's stats are typed by them). */
export function migrateTables<const T extends readonly MigrateTable[]>(tables: T): T {
  return tables;
}
