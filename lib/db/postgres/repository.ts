import "server-only";
import type { Pool } from "pg";
import type { StudioDatabase } from "@/lib/db/types";
import type { BoardsStore } from "@/lib/db/boards/port";
import { postgresBoards } from "@/lib/db/boards/postgres";
import type { ReferencesStore } from "@/lib/db/references/port";
import { postgresReferences } from "@/lib/db/references/postgres";
import type { UsageStore } from "@/lib/db/usage/port";
import { postgresUsage } from "@/lib/db/usage/postgres";
import type { CountersStore } from "@/lib/db/counters/port";
import { postgresCounters } from "@/lib/db/counters/postgres";
import type { PeopleStore } from "@/lib/db/people/port";
import { postgresPeople } from "@/lib/db/people/postgres";
import type { PostgresEngine } from "./engine";
import { type CaseFolding, type Db } from "./query-parts";
import type { GenerationsStore } from "@/lib/db/generations/port";
import { postgresGenerations } from "@/lib/db/generations/postgres";

// The StudioDatabase on PostgreSQL, method for method the SQLite adapter's
// semantics. SQLite runs one writer at a time; here transactions run side by
// side (READ COMMITTED) across connections and processes, so every
// check-then-write is either one conditional statement or holds the row locks
// it decides on.

// The slices' methods join the class's own on each instance (Object.assign in
// the constructor); this declaration tells TypeScript they are there.
export interface PostgresStudioDatabase extends GenerationsStore, PeopleStore, CountersStore, BoardsStore, UsageStore, ReferencesStore {}

export class PostgresStudioDatabase implements StudioDatabase {
  readonly kind = "postgres" as const;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly db: Db,
    private readonly folding: CaseFolding,
  ) {
    const engine: PostgresEngine = { pool, db, folding };
    Object.assign(this, postgresGenerations(engine));
    Object.assign(this, postgresPeople(engine));
    Object.assign(this, postgresCounters(engine));
    Object.assign(this, postgresBoards(engine));
    Object.assign(this, postgresUsage(engine));
    Object.assign(this, postgresReferences(engine));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

