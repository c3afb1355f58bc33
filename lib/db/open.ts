import "server-only";
import { postgresBoards } from "./boards/postgres";
import { sqliteBoards } from "./boards/sqlite";
import { postgresCounters } from "./counters/postgres";
import { sqliteCounters } from "./counters/sqlite";
import { postgresGenerations } from "./generations/postgres";
import { sqliteGenerations } from "./generations/sqlite";
import { postgresPeople } from "./people/postgres";
import { sqlitePeople } from "./people/sqlite";
import type { PostgresEngine } from "./postgres/engine";
import { openPostgresEngine, type OpenPostgresOptions } from "./postgres/open";
import { postgresReferences } from "./references/postgres";
import { sqliteReferences } from "./references/sqlite";
import { postgresRuns } from "./runs/postgres";
import { sqliteRuns } from "./runs/sqlite";
import type { SqliteEngine } from "./sqlite/engine";
import { openSqliteEngine, type OpenSqliteOptions } from "./sqlite/open";
import { postgresTemplates } from "./templates/postgres";
import { sqliteTemplates } from "./templates/sqlite";
import type { StudioDatabase } from "./types";
import { postgresUsage } from "./usage/postgres";
import { sqliteUsage } from "./usage/sqlite";

// The StudioDatabase is the sum of the slices, each implemented once per
// engine over that engine's handle. Joining them here, above both the slices
// and the engine folders, keeps the engine folders free of the slices: a
// slice reads its engine's helpers, and nothing in an engine folder reads a
// slice back.

/** SQLite runs one writer at a time (BEGIN IMMEDIATE), so each slice's checks hold across processes too. */
export function sqliteDatabase(engine: SqliteEngine): StudioDatabase {
  const { sqlite } = engine;
  return {
    kind: "sqlite",
    ...sqliteGenerations(engine),
    ...sqlitePeople(engine),
    ...sqliteCounters(engine),
    ...sqliteBoards(engine),
    ...sqliteUsage(engine),
    ...sqliteReferences(engine),
    ...sqliteTemplates(engine),
    ...sqliteRuns(engine),
    async close() {
      if (!sqlite.open) return;
      // Keeps the planner's statistics fresh for the next start, as SQLite advises.
      sqlite.pragma("optimize");
      sqlite.close();
    },
  };
}

/**
 * Transactions here run side by side (READ COMMITTED) across connections and
 * processes, so each slice's check-then-write is one conditional statement or
 * holds the locks it decides on.
 */
export function postgresDatabase(engine: PostgresEngine): StudioDatabase {
  let closed = false;
  return {
    kind: "postgres",
    ...postgresGenerations(engine),
    ...postgresPeople(engine),
    ...postgresCounters(engine),
    ...postgresBoards(engine),
    ...postgresUsage(engine),
    ...postgresReferences(engine),
    ...postgresTemplates(engine),
    ...postgresRuns(engine),
    async close() {
      if (closed) return;
      closed = true;
      await engine.pool.end();
    },
  };
}

/** Opens (creating if needed) the database file and brings its schema up to date. */
export function openSqliteDatabase(options: OpenSqliteOptions): StudioDatabase {
  return sqliteDatabase(openSqliteEngine(options));
}

/** Connects, brings the schema up to date and returns the adapter (see openPostgresEngine for the errors). */
export async function openPostgresDatabase(options: OpenPostgresOptions): Promise<StudioDatabase> {
  return postgresDatabase(await openPostgresEngine(options));
}
