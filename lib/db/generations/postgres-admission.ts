import "server-only";
import { asc, count, eq, lt, sql } from "drizzle-orm";
import type { PostgresEngine } from "@/lib/db/postgres/engine";
import { countedRows, insertRows, withDriverErrors, type Db } from "@/lib/db/postgres/query-parts";
import { generationReferences, generations, idempotencyKeys, runs } from "@/lib/db/postgres/schema";
import type { GenerationAdmission, GenerationRow, InsertLimits, LimitRefusal } from "./port";
import { chargedSince, inFlight, isWaiting, keyOf, reservedSince, stillWaiting } from "./conditions";
import { readGenerations } from "./postgres-rows";
import { admission, liveKeyAnswer, queuePlan, sentFromQueue, spentOn, waitingLast } from "./decisions";
import { referenceLinks, toGenerationRow, withBatch } from "./row-mapping";
import { LOCK_SPACES } from "@/lib/db/postgres/lock-spaces";

// What may be made and sent, on PostgreSQL: the insert with its idempotency
// key and limits, the counts those limits read, and the queue. Transactions
// run side by side here (READ COMMITTED, across connections and instances),
// so each check-then-write holds the locks it decides on: the idempotency
// key's row, and the person's advisory limits lock.

/** Thrown inside the insert's transaction to roll back its idempotency claim. */
class LimitReached extends Error {
  constructor(readonly refusal: LimitRefusal) {
    super(refusal.limit);
  }
}
const LIMITS_LOCK_SPACE = LOCK_SPACES.limits;

export function postgresAdmission({ db }: PostgresEngine): GenerationAdmission {
  return {
    async insertGenerations({ rows, idempotency, limits, run }) {
      return withDriverErrors(() =>
        db.transaction(async (tx) => {
          if (idempotency) {
            const { key, createdBy, now, ttlMs } = idempotency;
            const requestHash = idempotency.requestHash ?? null;
            const oldest = now - ttlMs;
            const generationIds = rows.map((row) => row.id);
            // Claim the key: insert it, or take over an expired one. A live key
            // (this user's, at most ttlMs old) is left as it is. Either way the
            // key row stays locked until this transaction ends, so a concurrent
            // insert with the same key (another process too) waits here and then
            // finds this one's rows: one set of rows per key, never two.
            const claimed = await tx
              .insert(idempotencyKeys)
              .values({ key, createdBy, createdAt: now, generationIds, requestHash })
              .onConflictDoUpdate({
                target: [idempotencyKeys.key, idempotencyKeys.createdBy],
                set: { createdAt: now, generationIds, requestHash },
                setWhere: lt(idempotencyKeys.createdAt, oldest),
              })
              .returning({ key: idempotencyKeys.key });
            if (claimed.length === 0) {
              const [earlier] = await tx
                .select({ generationIds: idempotencyKeys.generationIds, requestHash: idempotencyKeys.requestHash })
                .from(idempotencyKeys)
                .where(keyOf(idempotencyKeys, idempotency));
              // The same key with another request: the first one's rows are not this one's answer.
              if (earlier && idempotency.requestHash !== undefined && earlier.requestHash !== requestHash) {
                return { created: false, rows: [], mismatch: true as const };
              }
              return { created: false, rows: earlier ? await readGenerations(tx, earlier.generationIds) : [] };
            }
            // Expired keys mean nothing any more. SKIP LOCKED: one that another
            // transaction is taking over or pruning is left to it, so pruners
            // never wait on (or deadlock with) each other.
            await tx.execute(sql`
              delete from ${idempotencyKeys}
              where (${idempotencyKeys.key}, ${idempotencyKeys.createdBy}) in (
                select ${idempotencyKeys.key}, ${idempotencyKeys.createdBy} from ${idempotencyKeys}
                where ${idempotencyKeys.createdAt} < ${oldest}
                for update skip locked
              )`);
          }
          let wait = 0;
          if (limits && rows.length > 0) {
            const decision = await checkLimits(tx, { createdBy: rows[0].createdBy, count: rows.length, limits });
            if ("refused" in decision) throw new LimitReached(decision.refused);
            wait = decision.wait;
          }
          const stored = waitingLast(rows, wait).map(withBatch);
          await insertRows(tx, generations, stored);
          await insertRows(tx, generationReferences, referenceLinks(rows));
          if (run) await tx.insert(runs).values(run);
          return { created: true, rows: stored.map((row) => ({ ...row, references: [...row.references] })) };
        }),
      ).catch((error: unknown) => {
        if (error instanceof LimitReached) return { created: false, rows: [], refused: error.refusal };
        throw error;
      });
    },

    async findIdempotent(input) {
      return withDriverErrors(async () => {
        const [earlier] = await db.select().from(idempotencyKeys).where(keyOf(idempotencyKeys, input));
        const answer = liveKeyAnswer(earlier, input);
        return answer === undefined || answer === "mismatch" ? answer : readGenerations(db, answer);
      });
    },

    async countActive(input) {
      return withDriverErrors(() => countInFlight(db, input ?? {}));
    },

    async countCreatedSince(input) {
      return withDriverErrors(() => countCreated(db, input));
    },

    async listWaiting(input) {
      return withDriverErrors(() => waitingOf(db, input.createdBy));
    },

    async waitingPeople() {
      return withDriverErrors(async () => {
        const records = await db.selectDistinct({ createdBy: generations.createdBy }).from(generations).where(eq(generations.status, "waiting"));
        return records.map((r) => r.createdBy);
      });
    },

    async claimWaiting(input) {
      const { createdBy, budget, now } = input;
      return withDriverErrors(() =>
        db.transaction(async (tx) => {
          // The person's limits lock, as the insert's check takes it (held to
          // commit): claims and inserts for one person, from any instance, run
          // one after another, so the count below cannot go stale before the update.
          await tx.execute(sql`select pg_advisory_xact_lock(${LIMITS_LOCK_SPACE}, hashtext(${createdBy}))`);
          const free = input.maxActive - (await countInFlight(tx, { createdBy, inFlightSince: input.inFlightSince }));
          if (free <= 0) return { claimed: [], overBudget: [] };
          const spent = budget && (await monthSpent(tx, { createdBy, since: budget.since, prices: budget.prices, charged: true }));
          const plan = queuePlan({ waiting: await waitingOf(tx, createdBy), free, budget: budget && { ...budget, spent: spent ?? 0 } });
          const claimed: GenerationRow[] = [];
          for (const row of plan.send) {
            const [record] = await tx.update(generations).set(sentFromQueue(now)).where(stillWaiting(generations, row.id)).returning();
            if (record) claimed.push(toGenerationRow(record));
          }
          return { claimed, overBudget: plan.overBudget };
        }),
      );
    },
  };
}

/**
 * Inside the insert's transaction: which limit the new rows would pass. The
 * person's advisory lock (held to commit) makes concurrent inserts by the same
 * person, from any instance, count one after another.
 */
async function checkLimits(
  tx: Db,
  input: { createdBy: string; count: number; limits: InsertLimits },
): Promise<{ refused: LimitRefusal } | { wait: number }> {
  const { createdBy, limits } = input;
  await tx.execute(sql`select pg_advisory_xact_lock(${LIMITS_LOCK_SPACE}, hashtext(${createdBy}))`);
  const usedToday = await countCreated(tx, { createdBy, since: limits.since });
  const active = await countInFlight(tx, { createdBy, inFlightSince: limits.inFlightSince });
  const waiting = limits.maxQueued ? (await waitingOf(tx, createdBy)).length : 0;
  const spent = limits.budget && (await monthSpent(tx, { createdBy, since: limits.budget.since, prices: limits.budget.prices }));
  return admission({ usedToday, active, waiting, count: input.count, limits, spent });
}

/** One person's waiting rows, next first: (created_by, status) of generations_created_by_status_id_idx. */
async function waitingOf(db: Db, createdBy: string): Promise<GenerationRow[]> {
  const records = await db.select().from(generations).where(isWaiting(generations, createdBy)).orderBy(asc(generations.createdAt), asc(generations.id));
  return records.map(toGenerationRow);
}

/**
 * Rows in flight, and given inFlightSince those deleted in flight that the
 * gateway may still be making (see `inFlight`): one statement, one snapshot,
 * so a delete committing meanwhile cannot count a row twice or not at all.
 */
async function countInFlight(db: Db, input: { createdBy?: string; inFlightSince?: number }): Promise<number> {
  const [result] = await db.select({ n: count() }).from(countedRows(db, (t, table) => inFlight(t, input, table)));
  return Number(result?.n ?? 0);
}

/** One person's charged pictures since `since` (the gateway took them), deleted ones included, and their live waiting ones. */
async function countCreated(db: Db, input: { createdBy: string; since: number }): Promise<number> {
  const [result] = await db.select({ n: count() }).from(countedRows(db, (t, table) => reservedSince(t, input, table)));
  return result?.n ?? 0;
}

/**
 * What the person's pictures since `since` cost (deleted ones too): one
 * grouped read on (created_by, created_at). The charged ones and the price
 * reserved for waiting ones (a new request's check), or with `charged` the
 * charged ones alone (the queue's check when it sends one).
 */
async function monthSpent(tx: Db, input: { createdBy: string; since: number; prices: Record<string, number>; charged?: boolean }): Promise<number> {
  const counted = countedRows(tx, (t, table) => (input.charged ? chargedSince(t, input) : reservedSince(t, input, table)));
  const groups = await tx
    .select({ model: counted.model, imageSize: counted.imageSize, count: count() })
    .from(counted)
    .groupBy(counted.model, counted.imageSize);
  return spentOn(groups, input.prices);
}
