import "server-only";
import type { Pool } from "pg";
import { and, asc, eq, inArray, lt, notExists, sql } from "drizzle-orm";
import type { ReferenceRow, StudioDatabase } from "@/lib/db/types";
import type { BoardsStore } from "@/lib/db/boards/port";
import { postgresBoards } from "@/lib/db/boards/postgres";
import type { UsageStore } from "@/lib/db/usage/port";
import { postgresUsage } from "@/lib/db/usage/postgres";
import { rowLimit } from "@/lib/db/shared/conditions";
import { toReferenceRow } from "@/lib/db/shared/row-mapping";
import type { CountersStore } from "@/lib/db/counters/port";
import { postgresCounters } from "@/lib/db/counters/postgres";
import type { PeopleStore } from "@/lib/db/people/port";
import { postgresPeople } from "@/lib/db/people/postgres";
import type { PostgresEngine } from "./engine";
import * as counters from "./counters";
import { withDriverErrors, type CaseFolding, type Db } from "./query-parts";
import { generationReferences, generations, referenceImages } from "./schema";
import type { GenerationsStore } from "@/lib/db/generations/port";
import { postgresGenerations } from "@/lib/db/generations/postgres";

// The StudioDatabase on PostgreSQL, method for method the SQLite adapter's
// semantics. SQLite runs one writer at a time; here transactions run side by
// side (READ COMMITTED) across connections and processes, so every
// check-then-write is either one conditional statement or holds the row locks
// it decides on.

// The slices' methods join the class's own on each instance (Object.assign in
// the constructor); this declaration tells TypeScript they are there.
export interface PostgresStudioDatabase extends GenerationsStore, PeopleStore, CountersStore, BoardsStore, UsageStore {}

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
  }

  async insertReference(row: ReferenceRow): Promise<void> {
    await withDriverErrors(() => this.db.insert(referenceImages).values(row));
  }

  async getReference(id: string): Promise<ReferenceRow | undefined> {
    return withDriverErrors(async () => {
      const [record] = await this.db.select().from(referenceImages).where(eq(referenceImages.id, id));
      return record && toReferenceRow(record);
    });
  }

  async referenceUsedByCompleted(id: string): Promise<boolean> {
    return withDriverErrors(async () => {
      const found = await this.db
        .select({ id: generations.id })
        .from(generationReferences)
        .innerJoin(generations, eq(generations.id, generationReferences.generationId))
        .where(and(eq(generationReferences.referenceId, id), eq(generations.status, "completed")))
        .limit(1);
      return found.length > 0;
    });
  }

  /** Throws (foreign key, SQLSTATE 23503) while a generation still uses the reference. */
  async deleteReference(id: string): Promise<void> {
    await withDriverErrors(() => this.db.delete(referenceImages).where(eq(referenceImages.id, id)));
  }

  async deleteUnlinkedReferences(input: { createdBefore: number; limit: number }): Promise<ReferenceRow[]> {
    // One statement. SKIP LOCKED passes over a reference a create is linking
    // right now (its foreign-key check holds a lock on the row), and another
    // instance pruning at the same time takes the rows this one does not.
    const linked = this.db.select({ one: sql`1` }).from(generationReferences).where(eq(generationReferences.referenceId, referenceImages.id));
    const unused = this.db
      .select({ id: referenceImages.id })
      .from(referenceImages)
      .where(and(lt(referenceImages.createdAt, input.createdBefore), notExists(linked)))
      .orderBy(asc(referenceImages.createdAt), asc(referenceImages.id))
      .limit(rowLimit(input.limit))
      .for("update", { skipLocked: true });
    const deleted = await withDriverErrors(() => this.db.delete(referenceImages).where(inArray(referenceImages.id, unused)).returning());
    return deleted.map(toReferenceRow).sort((x, y) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : 1));
  }

  // Shared counters (issue 21): one statement each, in ./counters.ts.
  async addUploadBytes(input: { createdBy: string; day: number; bytes: number; limit: number }): Promise<{ added: boolean; total: number }> {
    return counters.addUploadBytes(this.db, input);
  }

  async returnUploadBytes(input: { createdBy: string; day: number; bytes: number }): Promise<void> {
    await counters.returnUploadBytes(this.db, input);
  }

  async deleteUploadDaysBefore(day: number): Promise<number> {
    return counters.deleteUploadDaysBefore(this.db, day);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

