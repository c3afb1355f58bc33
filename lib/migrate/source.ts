import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { openSqliteDatabase, type StudioDatabase } from "@/lib/db";
import { defaultSqliteMigrationsFolder } from "@/lib/db/sqlite/open";
import { sqliteDatabase } from "@/lib/db/open";
import { registerSqliteFunctions } from "@/lib/db/sqlite/casefold";
import { createFsStore, type BlobStore } from "@/lib/storage";
import { countQuery as countStatement, keyOrder, keysetAfter, toCounts, type MigrateTable, type RowCounts, type TableRow } from "./tables";

// The embedded data dir being moved out: <dir>/studio.db and <dir>/files, as
// lib/config.ts lays them out. It is only read. The database file is opened
// read-only (SQLite still creates its -wal/-shm side files next to it, as any
// reader of a WAL database does) and wrapped in the SQLite adapter's own
// class, so rows come back exactly as the app reads them. Only when the file's
// schema is older than this version (pending migrations) is it opened through
// openSqliteDatabase, which applies them first.

/** One side holding rows: the source's SQLite file or the target Postgres. */
export interface RowSide {
  readonly db: StudioDatabase;
  /** Safe to print (no password). */
  readonly label: string;
  counts(): Promise<RowCounts>;
  /**
   * One page of a table's rows, strictly after `after`, in the order the copy
   * walks it (key order; through the adapter, its own order).
   */
  page(table: MigrateTable, after: TableRow | undefined, limit: number): Promise<TableRow[]>;
}

export interface MigrationSource extends RowSide {
  readonly dataDir: string;
  readonly dbFile: string;
  readonly filesRoot: string;
  readonly store: BlobStore;
  /** False when pending migrations had to be applied to the file to read it. */
  readonly readOnly: boolean;
  /** Things worth telling the person (e.g. that migrations were applied). */
  readonly notes: string[];
  close(): Promise<void>;
}

export class SourceError extends Error {
  override name = "SourceError";
}

export type OpenSourceOptions = {
  /** Defaults to drizzle/sqlite under the working directory, as the app's. */
  migrationsFolder?: string;
};

export async function openSource(dataDir: string, options: OpenSourceOptions = {}): Promise<MigrationSource> {
  const dir = path.resolve(dataDir);
  const dbFile = path.join(dir, "studio.db");
  const filesRoot = path.join(dir, "files");
  // Checked first: opening a path that does not exist would create an empty database there.
  if (!fs.existsSync(dbFile)) {
    throw new SourceError(`no studio.db in ${dir}: pass the embedded data dir with --from (or STUDIO_DATA_DIR)`);
  }
  const migrationsFolder = options.migrationsFolder ?? defaultSqliteMigrationsFolder();

  const raw = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    raw.pragma("busy_timeout = 5000");
    registerSqliteFunctions(raw);
    const pending = pendingMigrations(raw, migrationsFolder);
    const notes: string[] = [];
    let db: StudioDatabase;
    let adapter: StudioDatabase | undefined;
    if (pending === 0) {
      db = sqliteDatabase({ sqlite: raw, db: drizzle({ client: raw }) });
    } else {
      // Older schema: the adapter brings it up to date (migrations only add to
      // it), then this read-only handle sees the same, current tables.
      adapter = openSqliteDatabase({ file: dbFile, migrationsFolder });
      db = adapter;
      notes.push(`the source's schema was ${pending} migration(s) behind; they were applied to ${dbFile} before reading`);
    }

    // Every table read through drizzle on the same read-only handle: rows
    // come back as the adapter reads them (booleans, JSON, numbers).
    const reader = drizzle({ client: raw });
    const countQuery = countStatement("sqlite");

    return {
      db,
      label: `SQLite ${dbFile}${adapter ? "" : " (read-only)"}`,
      dataDir: dir,
      dbFile,
      filesRoot,
      store: createFsStore({ root: filesRoot }),
      readOnly: adapter === undefined,
      notes,
      async counts() {
        return toCounts(reader.get<Record<string, unknown>>(countQuery));
      },
      async page(table, after, limit) {
        if (table.through) return table.through.read(db, after, limit);
        const lite = table.tables.sqlite;
        return reader
          .select()
          .from(lite)
          .where(keysetAfter(lite, table.key, after))
          .orderBy(...keyOrder(lite, table.key))
          .limit(limit)
          .all();
      },
      async close() {
        // Not db.close() on the read-only handle: the adapter's close runs
        // PRAGMA optimize, a write.
        if (adapter) await adapter.close();
        if (raw.open) raw.close();
      },
    };
  } catch (error) {
    if (raw.open) raw.close();
    if (error instanceof SourceError) throw error;
    throw new SourceError(`cannot read ${dbFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** How many of the app's migrations the file lacks (drizzle's own rule: by folder time). */
function pendingMigrations(raw: Database.Database, migrationsFolder: string): number {
  const journalFile = path.join(migrationsFolder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { when: number }[] };
  const hasTable = raw
    .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  if (!hasTable) {
    const hasGenerations = raw.prepare("select 1 from sqlite_master where type = 'table' and name = 'generations'").get();
    if (!hasGenerations) throw new SourceError("it is not a Nano Studio database (no generations table)");
    return journal.entries.length;
  }
  const last = raw.prepare('select max(created_at) as m from "__drizzle_migrations"').get() as { m: number | null };
  const applied = Number(last.m ?? 0);
  return journal.entries.filter((entry) => entry.when > applied).length;
}
