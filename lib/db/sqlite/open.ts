import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { SqliteEngine } from "./engine";
import { registerSqliteFunctions } from "./casefold";
import { repairSearchIndex } from "./search-index";

export type OpenSqliteOptions = {
  /** A path (its folder is created), or ":memory:". */
  file: string;
  /** Defaults to drizzle/sqlite under the working directory: the app runs from the repo root. */
  migrationsFolder?: string;
};

export function defaultSqliteMigrationsFolder(): string {
  return path.join(process.cwd(), "drizzle/sqlite");
}

/**
 * Opens (creating if needed) the database file and brings its schema up to
 * date; lib/db/open.ts joins the slices over what this returns.
 */
export function openSqliteEngine(options: OpenSqliteOptions): SqliteEngine {
  const { file, migrationsFolder = defaultSqliteMigrationsFolder() } = options;
  if (file !== ":memory:" && !file.startsWith("file:")) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  const sqlite = new Database(file);
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("busy_timeout = 5000");
    // WAL makes NORMAL safe against corruption; only the last commits before a
    // power cut may be lost, never the file.
    sqlite.pragma("synchronous = NORMAL");
    registerSqliteFunctions(sqlite);
    const db = drizzle({ client: sqlite });
    applyMigrations(sqlite, db, migrationsFolder);
    repairSearchIndex(sqlite);
    sqlite.pragma("foreign_keys = ON");
    return { sqlite, db };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function applyMigrations(sqlite: Database.Database, db: BetterSQLite3Database, migrationsFolder: string): void {
  // Foreign keys stay off while migrating, as SQLite prescribes for schema
  // changes: drizzle-kit rebuilds a table to alter it (copy, DROP, rename), and
  // with them on, dropping `generations` would cascade into its reference links.
  // Its own `PRAGMA foreign_keys=OFF` lines cannot help: they run inside the
  // migration's transaction, where SQLite ignores that pragma.
  sqlite.pragma("foreign_keys = OFF");
  try {
    migrate(db, { migrationsFolder });
  } catch (error) {
    // Two processes starting on a fresh file both see it unmigrated; the one
    // that loses the race fails on "table already exists". Its second look
    // finds everything applied and does nothing. A real failure fails again.
    if (!isSqliteError(error)) throw error;
    migrate(db, { migrationsFolder });
  }
  const violations = sqlite.pragma("foreign_key_check") as unknown[];
  if (violations.length > 0) {
    throw new Error(`database migration left ${violations.length} broken foreign key reference(s)`);
  }
}

function isSqliteError(error: unknown): boolean {
  return error instanceof Database.SqliteError || (error instanceof Error && error.cause instanceof Database.SqliteError);
}
