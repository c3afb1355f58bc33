import "server-only";
import type Database from "better-sqlite3";
import type { Db } from "./query-parts";

/** What a slice's SQLite implementation closes over: the connection and drizzle on it. */
export type SqliteEngine = { sqlite: Database.Database; db: Db };
