import "server-only";
import { asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { rowLimit } from "@/lib/db/shared/conditions";
import { toReferenceRow } from "@/lib/db/shared/row-mapping";
import type { PostgresEngine } from "@/lib/db/postgres/engine";
import { withDriverErrors, type Db } from "@/lib/db/postgres/query-parts";
import { deletedGenerations, generationReferences, generations, pollLeases, referenceImages } from "@/lib/db/postgres/schema";
import type { GenerationsStore } from "./port";
import { postgresAdmission } from "./postgres-admission";
import { postgresChanges } from "./postgres-changes";
import { postgresLists } from "./postgres-lists";
import { readGenerations } from "./postgres-rows";
import { activeBatch, pollDue, updateTarget } from "./conditions";
import { leaseHeldByOther, submissionChange } from "./decisions";
import { deletedRecord, referenceLinks, toGenerationRow, updateSetFor } from "./row-mapping";

// The generations' store on PostgreSQL, method for method the SQLite one's
// semantics: admission (postgres-admission.ts), the gallery's reads
// (postgres-lists.ts) and its change marker (postgres-changes.ts) joined with
// a row's life here: reads, updates, the gateway's task id, poll claims and
// leases, delete. Transactions run side by side (READ COMMITTED), so every
// check-then-write is one conditional statement or holds the row locks it
// decides on.

class LeaseHeld extends Error {}

const toUpdateSet = updateSetFor(generations);

export function postgresGenerations(engine: PostgresEngine): GenerationsStore {
  const { db } = engine;
  return {
    async recordSubmission(input) {
      return withDriverErrors(() =>
        db.transaction(async (tx) => {
          const [before] = await tx.select().from(generations).where(eq(generations.id, input.id)).for("update");
          if (!before) return undefined;
          const { set, revived, polling } = submissionChange(before, input);
          if (Object.keys(set).length === 0) return { row: toGenerationRow(before), revived, polling };
          const [record] = await tx.update(generations).set(set).where(eq(generations.id, input.id)).returning();
          return { row: toGenerationRow(record), revived, polling };
        }),
      );
    },

    async renewPollLease({ id, owner, now, until }) {
      // One statement: take or extend the lease unless another owner's is running.
      const renewed = await withDriverErrors(() =>
        db
          .insert(pollLeases)
          .values({ generationId: id, owner, until })
          .onConflictDoUpdate({
            target: pollLeases.generationId,
            set: { owner, until },
            setWhere: or(eq(pollLeases.owner, owner), lte(pollLeases.until, now)),
          })
          .returning({ id: pollLeases.generationId }),
      );
      return renewed.length === 1;
    },

    async getGeneration(id) {
      return withDriverErrors(async () => {
        const [record] = await db.select().from(generations).where(eq(generations.id, id));
        return record && toGenerationRow(record);
      });
    },

    async getGenerations(ids) {
      return withDriverErrors(() => readGenerations(db, ids));
    },

    async updateGeneration(input) {
      const { id, patch, onlyIfStatus } = input;
      if (onlyIfStatus && onlyIfStatus.length === 0) return undefined;
      const where = updateTarget(generations, input);
      const set = toUpdateSet(patch);
      return withDriverErrors(async () => {
        if (Object.keys(set).length === 0) {
          const [record] = await db.select().from(generations).where(where);
          return record && toGenerationRow(record);
        }
        // One conditional UPDATE … RETURNING: the status check and the write
        // cannot be split by another writer (a concurrent one waits for the row
        // lock, then re-checks the status on the row as it is after), so a late
        // poll cannot reopen a finished row.
        const update = async (on: Db) => {
          const [record] = await on.update(generations).set(set).where(where).returning();
          return record;
        };
        if (!set.references) {
          const record = await update(db);
          return record && toGenerationRow(record);
        }
        const references = set.references;
        return db.transaction(async (tx) => {
          const record = await update(tx);
          if (!record) return undefined;
          await tx.delete(generationReferences).where(eq(generationReferences.generationId, id));
          const links = referenceLinks([{ id, references }]);
          if (links.length > 0) await tx.insert(generationReferences).values(links);
          return toGenerationRow(record);
        });
      });
    },

    async tryClaimPoll(input) {
      const { id, now, intervalMs, owner, leaseMs = intervalMs * 3, holder } = input;
      const due = pollDue(generations, { id, now, intervalMs, holder });
      if (owner === undefined) {
        // One conditional UPDATE. Callers racing on the row queue for its lock;
        // each one after the first re-evaluates the condition on the updated row
        // and matches nothing. Exactly one true per interval, across processes.
        const claimed = await withDriverErrors(() =>
          db.update(generations).set({ lastPolledAt: now }).where(due).returning({ id: generations.id }),
        );
        return claimed.length === 1;
      }
      return withDriverErrors(() =>
        db.transaction(async (tx) => {
          // The generation row's lock orders racing claimants; the lease is read after it.
          const claimed = await tx.update(generations).set({ lastPolledAt: now }).where(due).returning({ id: generations.id });
          if (claimed.length !== 1) return false;
          const [lease] = await tx.select().from(pollLeases).where(eq(pollLeases.generationId, id)).for("update");
          // Another owner's lease is running: undo the claim (throwing rolls back).
          if (leaseHeldByOther(lease, { owner, now })) throw new LeaseHeld();
          await tx
            .insert(pollLeases)
            .values({ generationId: id, owner, until: now + leaseMs })
            .onConflictDoUpdate({ target: pollLeases.generationId, set: { owner, until: now + leaseMs } });
          return true;
        }),
      ).catch((error: unknown) => {
        if (error instanceof LeaseHeld) return false;
        throw error;
      });
    },

    async listActive(input) {
      return withDriverErrors(async () => {
        const records = await db
          .select()
          .from(generations)
          .where(activeBatch(generations, input))
          .orderBy(asc(generations.id))
          .limit(rowLimit(input.limit));
        return records.map(toGenerationRow);
      });
    },

    async deleteGeneration(id) {
      return withDriverErrors(() =>
        db.transaction(async (tx) => {
          // Locked first: a concurrent update (which could relink references)
          // waits for this transaction rather than slipping in between.
          const [record] = await tx.select().from(generations).where(eq(generations.id, id)).for("update");
          if (!record) return undefined;
          const linked = (
            await tx
              .select({ referenceId: generationReferences.referenceId })
              .from(generationReferences)
              .where(eq(generationReferences.generationId, id))
              .groupBy(generationReferences.referenceId)
              .orderBy(sql`min(${generationReferences.position})`)
          ).map((link) => link.referenceId);
          // Its links go with it (ON DELETE CASCADE, deleted explicitly as SQLite's store does).
          await tx.delete(generationReferences).where(eq(generationReferences.generationId, id));
          await tx.delete(generations).where(eq(generations.id, id));
          await tx.insert(deletedGenerations).values(deletedRecord(record, Date.now())).onConflictDoNothing();
          if (linked.length === 0) return { row: toGenerationRow(record), orphanedReferences: [] };

          // Lock the references (in id order: two deletes cannot deadlock) before
          // asking whether anything still uses them. Two generations sharing one
          // reference, deleted at the same time, then decide one after the other,
          // and the second sees the first's links gone: the reference is orphaned
          // (and returned) exactly once, never kept by both.
          await tx
            .select({ id: referenceImages.id })
            .from(referenceImages)
            .where(inArray(referenceImages.id, linked))
            .orderBy(asc(referenceImages.id))
            .for("update");
          const stillUsed = new Set(
            (
              await tx
                .selectDistinct({ referenceId: generationReferences.referenceId })
                .from(generationReferences)
                .where(inArray(generationReferences.referenceId, linked))
            ).map((link) => link.referenceId),
          );
          const orphaned = linked.filter((referenceId) => !stillUsed.has(referenceId));
          const deleted =
            orphaned.length === 0
              ? []
              : await tx.delete(referenceImages).where(inArray(referenceImages.id, orphaned)).returning();
          const byId = new Map(deleted.map((reference) => [reference.id, toReferenceRow(reference)]));
          return {
            row: toGenerationRow(record),
            orphanedReferences: orphaned.flatMap((referenceId) => byId.get(referenceId) ?? []),
          };
        }),
      );
    },

    // Admission, the gallery's reads and its change marker, from their own files.
    ...postgresAdmission(engine),
    ...postgresLists(engine),
    ...postgresChanges(engine),
  };
}
