import "server-only";
import type Database from "better-sqlite3";
import { and, asc, eq, inArray, lt, notExists, sql } from "drizzle-orm";
import type { ReferenceRow, StudioDatabase } from "@/lib/db/types";
import type { BoardsStore } from "@/lib/db/boards/port";
import { sqliteBoards } from "@/lib/db/boards/sqlite";
import type { UsageStore } from "@/lib/db/usage/port";
import { sqliteUsage } from "@/lib/db/usage/sqlite";
import { rowLimit } from "@/lib/db/shared/conditions";
import { toReferenceRow } from "@/lib/db/shared/row-mapping";
import type { CountersStore } from "@/lib/db/counters/port";
import { sqliteCounters } from "@/lib/db/counters/sqlite";
import type { PeopleStore } from "@/lib/db/people/port";
import { sqlitePeople } from "@/lib/db/people/sqlite";
import type { SqliteEngine } from "./engine";
import * as counters from "./counters";
import { type Db } from "./query-parts";
import { generationReferences, generations, referenceImages } from "./schema";
import type { GenerationsStore } from "@/lib/db/generations/port";
import { sqliteGenerations } from "@/lib/db/generations/sqlite";

// Writes take the lock up front (BEGIN IMMEDIATE): a deferred transaction that
// read first could not upgrade to a writer while another process writes, and
// would fail with SQLITE_BUSY instead of waiting out busy_timeout.
const WRITE = { behavior: "immediate" } as const;

// The slices' methods join the class's own on each instance (Object.assign in
// the constructor); this declaration tells TypeScript they are there.
export interface SqliteStudioDatabase extends GenerationsStore, PeopleStore, CountersStore, BoardsStore, UsageStore {}

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
  }

  async insertReference(row: ReferenceRow): Promise<void> {
    this.db.insert(referenceImages).values(row).run();
  }

  async getReference(id: string): Promise<ReferenceRow | undefined> {
    const record = this.db.select().from(referenceImages).where(eq(referenceImages.id, id)).get();
    return record && toReferenceRow(record);
  }

  async referenceUsedByCompleted(id: string): Promise<boolean> {
    const found = this.db
      .select({ id: generations.id })
      .from(generationReferences)
      .innerJoin(generations, eq(generations.id, generationReferences.generationId))
      .where(and(eq(generationReferences.referenceId, id), eq(generations.status, "completed")))
      .limit(1)
      .get();
    return found !== undefined;
  }

  /** Throws (foreign key) while a generation still uses the reference. */
  async deleteReference(id: string): Promise<void> {
    this.db.delete(referenceImages).where(eq(referenceImages.id, id)).run();
  }

  async deleteUnlinkedReferences(input: { createdBefore: number; limit: number }): Promise<ReferenceRow[]> {
    return this.db.transaction((tx) => {
      const linked = tx.select({ one: sql`1` }).from(generationReferences).where(eq(generationReferences.referenceId, referenceImages.id));
      const unused = tx
        .select()
        .from(referenceImages)
        .where(and(lt(referenceImages.createdAt, input.createdBefore), notExists(linked)))
        .orderBy(asc(referenceImages.createdAt), asc(referenceImages.id))
        .limit(rowLimit(input.limit))
        .all();
      if (unused.length === 0) return [];
      tx.delete(referenceImages).where(inArray(referenceImages.id, unused.map((r) => r.id))).run();
      return unused.map(toReferenceRow);
    }, WRITE);
  }

  // Shared counters (issue 21): one statement each, in ./counters.ts.
  async addUploadBytes(input: { createdBy: string; day: number; bytes: number; limit: number }): Promise<{ added: boolean; total: number }> {
    return counters.addUploadBytes(this.db, input);
  }

  async returnUploadBytes(input: { createdBy: string; day: number; bytes: number }): Promise<void> {
    counters.returnUploadBytes(this.db, input);
  }

  async deleteUploadDaysBefore(day: number): Promise<number> {
    return counters.deleteUploadDaysBefore(this.db, day);
  }

  async close(): Promise<void> {
    if (!this.sqlite.open) return;
    // Keeps the planner's statistics fresh for the next start, as SQLite advises.
    this.sqlite.pragma("optimize");
    this.sqlite.close();
  }
}

