import "server-only";
import type Database from "better-sqlite3";
import type { StudioDatabase } from "@/lib/db/types";
import type { BoardsStore } from "@/lib/db/boards/port";
import { sqliteBoards } from "@/lib/db/boards/sqlite";
import type { ReferencesStore } from "@/lib/db/references/port";
import { sqliteReferences } from "@/lib/db/references/sqlite";
import type { UsageStore } from "@/lib/db/usage/port";
import { sqliteUsage } from "@/lib/db/usage/sqlite";
import type { CountersStore } from "@/lib/db/counters/port";
import { sqliteCounters } from "@/lib/db/counters/sqlite";
import type { PeopleStore } from "@/lib/db/people/port";
import { sqlitePeople } from "@/lib/db/people/sqlite";
import type { SqliteEngine } from "./engine";
import { type Db } from "./query-parts";
import type { GenerationsStore } from "@/lib/db/generations/port";
import { sqliteGenerations } from "@/lib/db/generations/sqlite";

// The slices' methods join the class's own on each instance (Object.assign in
// the constructor); this declaration tells TypeScript they are there.
export interface SqliteStudioDatabase extends GenerationsStore, PeopleStore, CountersStore, BoardsStore, UsageStore, ReferencesStore {}

export class SqliteStudioDatabase implements StudioDatabase {
  readonly kind = "sqlite" as const;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly db: Db,
  ) {
    const engine: SqliteEngine = { sqlite, db };
    Object.assign(this, sqliteGenerations(engine));
    Object.assign(this, sqlitePeople(engine));
    Object.assign(this, sqliteCounters(engine));
    Object.assign(this, sqliteBoards(engine));
    Object.assign(this, sqliteUsage(engine));
    Object.assign(this, sqliteReferences(engine));
  }

  async close(): Promise<void> {
    if (!this.sqlite.open) return;
    // Keeps the planner's statistics fresh for the next start, as SQLite advises.
    this.sqlite.pragma("optimize");
    this.sqlite.close();
  }
}

