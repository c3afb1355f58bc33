import "server-only";
import { asc, count, eq, lt } from "drizzle-orm";
import type { SqliteEngine } from "@/lib/db/sqlite/engine";
import { countedRows, placeholders, WRITE, type Db } from "@/lib/db/sqlite/query-parts";
import { generationReferences, generations, idempotencyKeys, runs } from "@/lib/db/sqlite/schema";
import type { GenerationAdmission, GenerationRow, IdempotencyInput, InsertLimits, LimitRefusal } from "./port";
import { chargedSince, inFlight, isWaiting, keyOf, reservedSince, stillWaiting } from "./conditions";
import { admission, liveKeyAnswer, queuePlan, sentFromQueue, spentOn, waitingLast } from "./decisions";
import { insertGenerationRows, readGenerations } from "./sqlite-rows";
import { referenceLinks, toGenerationRow, withBatch } from "./row-mapping";

// What may be made and sent, on SQLite: the insert with its idempotency key
// and limits, the counts those limits read, and the queue. SQLite runs one
// writer at a time: each check-then-write is one BEGIN IMMEDIATE transaction.

export function sqliteAdmission({ db }: SqliteEngine): GenerationAdmission {
  return {
    async insertGenerations({ rows, idempotency, limits, run }) {
      // BEGIN IMMEDIATE makes this whole check-then-insert one writer at a time,
      // across processes too: the limits below cannot be passed by a race.
      return db.transaction((tx) => {
        const earlier = idempotency && rowsOfLiveKey(tx, idempotency);
        if (earlier === "mismatch") return { created: false, rows: [], mismatch: true as const };
        if (earlier) return { created: false, rows: earlier };
        let wait = 0;
        if (limits && rows.length > 0) {
          const decision = checkLimits(tx, { createdBy: rows[0].createdBy, count: rows.length, limits });
          if ("refused" in decision) return { created: false, rows: [], refused: decision.refused };
          wait = decision.wait;
        }
        if (idempotency) {
          const { key, createdBy, now, ttlMs } = idempotency;
          const requestHash = idempotency.requestHash ?? null;
          // Expired keys mean nothing any more; this also clears the caller's own.
          tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, now - ttlMs)).run();
          tx.insert(idempotencyKeys)
            .values({ key, createdBy, createdAt: now, generationIds: rows.map((row) => row.id), requestHash })
            .onConflictDoUpdate({
              target: [idempotencyKeys.key, idempotencyKeys.createdBy],
              set: { createdAt: now, generationIds: rows.map((row) => row.id), requestHash },
            })
            .run();
        }
        // Prepared statements of a hundred rows each (sqlite-rows.ts):
        // drizzle builds their SQL once, not once per batch.
        const stored = waitingLast(rows, wait).map(withBatch);
        insertGenerationRows(tx, stored);
        const insertLink = tx.insert(generationReferences).values(placeholders(generationReferences)).prepare();
        for (const link of referenceLinks(rows)) insertLink.run(link);
        if (run) tx.insert(runs).values(run).run();
        return { created: true, rows: stored.map((row) => ({ ...row, references: [...row.references] })) };
      }, WRITE);
    },

    async findIdempotent(input) {
      return rowsOfLiveKey(db, input);
    },

    async countActive(input) {
      return countInFlight(db, input ?? {});
    },

    async countCreatedSince(input) {
      return countCreated(db, input);
    },

    async listWaiting(input) {
      return waitingOf(db, input.createdBy);
    },

    async waitingPeople() {
      const records = db.selectDistinct({ createdBy: generations.createdBy }).from(generations).where(eq(generations.status, "waiting")).all();
      return records.map((r) => r.createdBy);
    },

    async claimWaiting(input) {
      const { createdBy, budget, now } = input;
      // BEGIN IMMEDIATE: one writer at a time, across processes too, so the
      // count, the pick and the update cannot interleave with another claim or
      // an insert's limit check.
      return db.transaction((tx) => {
        const free = input.maxActive - countInFlight(tx, { createdBy, inFlightSince: input.inFlightSince });
        if (free <= 0) return { claimed: [], overBudget: [] };
        const spent = budget && monthSpent(tx, { createdBy, since: budget.since, prices: budget.prices, charged: true });
        const plan = queuePlan({ waiting: waitingOf(tx, createdBy), free, budget: budget && { ...budget, spent: spent ?? 0 } });
        const claimed: GenerationRow[] = [];
        for (const row of plan.send) {
          const record = tx.update(generations).set(sentFromQueue(now)).where(stillWaiting(generations, row.id)).returning().get();
          if (record) claimed.push(toGenerationRow(record));
        }
        return { claimed, overBudget: plan.overBudget };
      }, WRITE);
    },
  };
}

/** The generations a live idempotency key made (see liveKeyAnswer). */
function rowsOfLiveKey(db: Db, input: IdempotencyInput): GenerationRow[] | "mismatch" | undefined {
  const answer = liveKeyAnswer(db.select().from(idempotencyKeys).where(keyOf(idempotencyKeys, input)).get(), input);
  return answer === undefined || answer === "mismatch" ? answer : readGenerations(db, answer);
}

/** Inside the insert's write transaction: which limit the new rows would pass, or how many of them wait. */
function checkLimits(tx: Db, input: { createdBy: string; count: number; limits: InsertLimits }): { refused: LimitRefusal } | { wait: number } {
  const { createdBy, limits } = input;
  const usedToday = countCreated(tx, { createdBy, since: limits.since });
  const active = countInFlight(tx, { createdBy, inFlightSince: limits.inFlightSince });
  const waiting = limits.maxQueued ? waitingOf(tx, createdBy).length : 0;
  const spent = limits.budget && monthSpent(tx, { createdBy, since: limits.budget.since, prices: limits.budget.prices });
  return admission({ usedToday, active, waiting, count: input.count, limits, spent });
}

/** One person's waiting rows, next first: (created_by, status) of generations_created_by_status_id_idx. */
function waitingOf(db: Db, createdBy: string): GenerationRow[] {
  const records = db.select().from(generations).where(isWaiting(generations, createdBy)).orderBy(asc(generations.createdAt), asc(generations.id)).all();
  return records.map(toGenerationRow);
}

/**
 * Rows in flight, and given inFlightSince those deleted in flight that the
 * gateway may still be making (see `inFlight`): one statement over both tables.
 */
function countInFlight(db: Db, input: { createdBy?: string; inFlightSince?: number }): number {
  const rows = countedRows(db, (t, table) => inFlight(t, input, table));
  return db.select({ n: count() }).from(rows).get()?.n ?? 0;
}

/** One person's charged pictures since `since` (the gateway took them), deleted ones included, and their live waiting ones. */
function countCreated(db: Db, input: { createdBy: string; since: number }): number {
  const counted = countedRows(db, (t, table) => reservedSince(t, input, table));
  return db.select({ n: count() }).from(counted).get()?.n ?? 0;
}

/**
 * What the person's pictures since `since` cost (deleted ones too): one
 * grouped read on (created_by, created_at). The charged ones and the price
 * reserved for waiting ones (a new request's check), or with `charged` the
 * charged ones alone (the queue's check when it sends one).
 */
function monthSpent(tx: Db, input: { createdBy: string; since: number; prices: Record<string, number>; charged?: boolean }): number {
  const counted = countedRows(tx, (t, table) => (input.charged ? chargedSince(t, input) : reservedSince(t, input, table)));
  const groups = tx
    .select({ model: counted.model, imageSize: counted.imageSize, count: count() })
    .from(counted)
    .groupBy(counted.model, counted.imageSize)
    .all();
  return spentOn(groups, input.prices);
}
