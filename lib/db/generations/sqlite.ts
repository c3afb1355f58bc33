import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { rowLimit } from "@/lib/db/shared/conditions";
import { toReferenceRow } from "@/lib/db/shared/row-mapping";
import type { ReferenceRow } from "@/lib/db/references/port";
import type { SqliteEngine } from "@/lib/db/sqlite/engine";
import { WRITE } from "@/lib/db/sqlite/query-parts";
import { deletedGenerations, generationReferences, generations, pollLeases, referenceImages } from "@/lib/db/sqlite/schema";
import type { GenerationsStore } from "./port";
import { readGenerations } from "./sqlite-rows";
import { activeBatch, pollDue, updateTarget } from "./conditions";
import { leaseHeldByOther, submissionChange } from "./decisions";
import { sqliteAdmission } from "./sqlite-admission";
import { sqliteChanges } from "./sqlite-changes";
import { sqliteLists } from "./sqlite-lists";
import { deletedRecord, referenceLinks, toGenerationRow, updateSetFor } from "./row-mapping";

// The generations' store on SQLite: admission (sqlite-admission.ts), the
// gallery's reads (sqlite-lists.ts) and its change marker (sqlite-changes.ts)
// joined with a row's life here: reads, updates, the gateway's task id, poll
// claims and leases, delete.

const toUpdateSet = updateSetFor(generations);

export function sqliteGenerations(engine: SqliteEngine): GenerationsStore {
  const { db } = engine;
  return {
    async recordSubmission(input) {
      return db.transaction((tx) => {
        const before = tx.select().from(generations).where(eq(generations.id, input.id)).get();
        if (!before) return undefined;
        const { set, revived, polling } = submissionChange(before, input);
        if (Object.keys(set).length === 0) return { row: toGenerationRow(before), revived, polling };
        const record = tx.update(generations).set(set).where(eq(generations.id, input.id)).returning().get()!;
        return { row: toGenerationRow(record), revived, polling };
      }, WRITE);
    },

    async renewPollLease({ id, owner, now, until }) {
      return db.transaction((tx) => {
        const lease = tx.select().from(pollLeases).where(eq(pollLeases.generationId, id)).get();
        if (leaseHeldByOther(lease, { owner, now })) return false;
        tx.insert(pollLeases)
          .values({ generationId: id, owner, until })
          .onConflictDoUpdate({ target: pollLeases.generationId, set: { owner, until } })
          .run();
        return true;
      }, WRITE);
    },

    async getGeneration(id) {
      const record = db.select().from(generations).where(eq(generations.id, id)).get();
      return record && toGenerationRow(record);
    },

    async getGenerations(ids) {
      return readGenerations(db, ids);
    },

    async updateGeneration(input) {
      const { id, patch, onlyIfStatus } = input;
      if (onlyIfStatus && onlyIfStatus.length === 0) return undefined;
      const where = updateTarget(generations, input);
      const set = toUpdateSet(patch);
      if (Object.keys(set).length === 0) {
        const record = db.select().from(generations).where(where).get();
        return record && toGenerationRow(record);
      }
      return db.transaction((tx) => {
        // One conditional UPDATE: the status check and the write cannot be split
        // by another writer, so a late poll cannot reopen a finished row.
        const record = tx.update(generations).set(set).where(where).returning().get();
        if (!record) return undefined;
        if (set.references) {
          tx.delete(generationReferences).where(eq(generationReferences.generationId, id)).run();
          const links = referenceLinks([{ id, references: set.references }]);
          if (links.length > 0) tx.insert(generationReferences).values(links).run();
        }
        return toGenerationRow(record);
      }, WRITE);
    },

    async tryClaimPoll(input) {
      const { id, now, intervalMs, owner, leaseMs = intervalMs * 3, holder } = input;
      return db.transaction((tx) => {
        if (owner !== undefined) {
          const lease = tx.select().from(pollLeases).where(eq(pollLeases.generationId, id)).get();
          if (leaseHeldByOther(lease, { owner, now })) return false;
        }
        const claimed =
          tx
            .update(generations)
            .set({ lastPolledAt: now })
            .where(pollDue(generations, { id, now, intervalMs, holder }))
            .run().changes === 1;
        if (claimed && owner !== undefined) {
          tx.insert(pollLeases)
            .values({ generationId: id, owner, until: now + leaseMs })
            .onConflictDoUpdate({ target: pollLeases.generationId, set: { owner, until: now + leaseMs } })
            .run();
        }
        return claimed;
      }, WRITE);
    },

    async listActive(input) {
      const records = db
        .select()
        .from(generations)
        .where(activeBatch(generations, input))
        .orderBy(asc(generations.id))
        .limit(rowLimit(input.limit))
        .all();
      return records.map(toGenerationRow);
    },

    async deleteGeneration(id) {
      return db.transaction((tx) => {
        const record = tx.select().from(generations).where(eq(generations.id, id)).get();
        if (!record) return undefined;
        // In the order the generation used them, each once.
        const linked = tx
          .select({ referenceId: generationReferences.referenceId })
          .from(generationReferences)
          .where(eq(generationReferences.generationId, id))
          .groupBy(generationReferences.referenceId)
          .orderBy(sql`min(${generationReferences.position})`)
          .all()
          .map((link) => link.referenceId);
        tx.delete(generationReferences).where(eq(generationReferences.generationId, id)).run();
        tx.delete(generations).where(eq(generations.id, id)).run();
        tx.insert(deletedGenerations).values(deletedRecord(record, Date.now())).onConflictDoNothing().run();

        const orphanedReferences: ReferenceRow[] = [];
        for (const referenceId of linked) {
          const stillUsed = tx
            .select({ generationId: generationReferences.generationId })
            .from(generationReferences)
            .where(eq(generationReferences.referenceId, referenceId))
            .limit(1)
            .get();
          if (stillUsed) continue;
          const reference = tx.delete(referenceImages).where(eq(referenceImages.id, referenceId)).returning().get();
          if (reference) orphanedReferences.push(toReferenceRow(reference));
        }
        return { row: toGenerationRow(record), orphanedReferences };
      }, WRITE);
    },

    // Admission, the gallery's reads and its change marker, from their own files.
    ...sqliteAdmission(engine),
    ...sqliteLists(engine),
    ...sqliteChanges(engine),
  };
}
