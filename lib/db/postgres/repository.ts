import "server-only";
import type { Pool } from "pg";
import { and, asc, count, desc, eq, getTableColumns, inArray, lt, lte, notExists, or, sql } from "drizzle-orm";
import type { GenerationStatus } from "@/lib/contract";
import type {
  BoardCursor,
  BoardRow,
  BoardSummary,
  GenerationPatch,
  GenerationRow,
  IdempotencyInput,
  InsertLimits,
  QueueBudget,
  LimitRefusal,
  ListFilter,
  PriceRow,
  ReferenceRow,
  ShareFilter,
  ShareRow,
  ShareSummary,
  StagingHolder,
  StudioDatabase,
  UsageGroup,
  UsageGroupBy,
} from "@/lib/db/types";
import { boardPictures, boardsAfter, coverId, itemCount, shareConditions, unexpiredShare, visibleBoards, type NameOrder } from "@/lib/db/shared/boards";
import {
  activeBatch,
  chargedSince,
  boardRange,
  createdBetween,
  inFlight,
  isWaiting,
  listConditions,
  pictureConditions,
  pollDue,
  reservedSince,
  rowLimit,
  usageCounts,
} from "@/lib/db/shared/conditions";
import { admission, queuePlan, spentOn, submissionChange, waitingLast } from "@/lib/db/shared/decisions";
import { definedFields, deletedRecord, referenceLinks, toGenerationRow, toReferenceRow, updateSetFor, withBatch } from "@/lib/db/shared/row-mapping";
import type { CountersStore } from "@/lib/db/counters/port";
import { postgresCounters } from "@/lib/db/counters/postgres";
import type { PeopleStore } from "@/lib/db/people/port";
import { postgresPeople } from "@/lib/db/people/postgres";
import type { PostgresEngine } from "./engine";
import * as counters from "./counters";
import { bytewise, countedRows, insertRows, readGenerations, usageKey, withDriverErrors, type CaseFolding, type Db } from "./query-parts";
import { promptSearch } from "./search";
import {
  boardItems,
  boards,
  deletedGenerations,
  favorites,
  generationReferences,
  generations,
  idempotencyKeys,
  pollLeases,
  prices,
  referenceImages,
  shares,
  users,
} from "./schema";

// The StudioDatabase on PostgreSQL, method for method the SQLite adapter's
// semantics. SQLite runs one writer at a time; here transactions run side by
// side (READ COMMITTED) across connections and processes, so every
// check-then-write is either one conditional statement or holds the row locks
// it decides on.

class LeaseHeld extends Error {}
/** Thrown inside the insert's transaction to roll back its idempotency claim. */
class LimitReached extends Error {
  constructor(readonly refusal: LimitRefusal) {
    super(refusal.limit);
  }
}
/** The first key of this app's two-key advisory locks for per-person limits. */
const LIMITS_LOCK_SPACE = 7_004_170;
/** The same for the per-person caps on boards and on live share links (issue 21). */
const BOARD_CAP_LOCK_SPACE = 7_004_172;
const SHARE_CAP_LOCK_SPACE = 7_004_173;
/**
 * Board names in the list's order: lower() (on PostgreSQL Unicode-aware, as
 * SQLite's is for ASCII) compared byte by byte, whatever the database's collation.
 */
const boardNameOrder: NameOrder = (name) => bytewise(sql`lower(${name})`);

const toUpdateSet = updateSetFor(generations);

// The slices' methods join the class's own on each instance (Object.assign in
// the constructor); this declaration tells TypeScript they are there.
export interface PostgresStudioDatabase extends PeopleStore, CountersStore {}

export class PostgresStudioDatabase implements StudioDatabase {
  readonly kind = "postgres" as const;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly db: Db,
    private readonly folding: CaseFolding,
  ) {
    const engine: PostgresEngine = { pool, db, folding };
    Object.assign(this, postgresPeople(engine));
    Object.assign(this, postgresCounters(engine));
  }

  async insertGenerations(input: {
    rows: GenerationRow[];
    idempotency?: IdempotencyInput;
    limits?: InsertLimits;
  }): Promise<{ created: boolean; rows: GenerationRow[]; refused?: LimitRefusal; mismatch?: true }> {
    const { rows, idempotency, limits } = input;
    return withDriverErrors(() =>
      this.db.transaction(async (tx) => {
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
              .where(and(eq(idempotencyKeys.key, key), eq(idempotencyKeys.createdBy, createdBy)));
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
        return { created: true, rows: stored.map((row) => ({ ...row, references: [...row.references] })) };
      }),
    ).catch((error: unknown) => {
      if (error instanceof LimitReached) return { created: false, rows: [], refused: error.refusal };
      throw error;
    });
  }

  async findIdempotent(input: IdempotencyInput): Promise<GenerationRow[] | "mismatch" | undefined> {
    return withDriverErrors(async () => {
      const [earlier] = await this.db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.key, input.key), eq(idempotencyKeys.createdBy, input.createdBy)));
      if (!earlier || earlier.createdAt < input.now - input.ttlMs) return undefined;
      if (input.requestHash !== undefined && earlier.requestHash !== input.requestHash) return "mismatch";
      return readGenerations(this.db, earlier.generationIds);
    });
  }

  async recordSubmission(input: {
    id: string;
    upstreamId: string;
    status: "queued" | "processing";
    progress: number;
    now: number;
  }): Promise<{ row: GenerationRow; revived: boolean; polling: boolean } | undefined> {
    return withDriverErrors(() =>
      this.db.transaction(async (tx) => {
        const [before] = await tx.select().from(generations).where(eq(generations.id, input.id)).for("update");
        if (!before) return undefined;
        const { set, revived, polling } = submissionChange(before, input);
        if (Object.keys(set).length === 0) return { row: toGenerationRow(before), revived, polling };
        const [record] = await tx.update(generations).set(set).where(eq(generations.id, input.id)).returning();
        return { row: toGenerationRow(record), revived, polling };
      }),
    );
  }

  async renewPollLease(input: { id: string; owner: string; now: number; until: number }): Promise<boolean> {
    const { id, owner, now, until } = input;
    // One statement: take or extend the lease unless another owner's is running.
    const renewed = await withDriverErrors(() =>
      this.db
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
  }

  async getGeneration(id: string): Promise<GenerationRow | undefined> {
    return withDriverErrors(async () => {
      const [record] = await this.db.select().from(generations).where(eq(generations.id, id));
      return record && toGenerationRow(record);
    });
  }

  /** In the order asked for; unknown ids are skipped. */
  async getGenerations(ids: string[]): Promise<GenerationRow[]> {
    return withDriverErrors(() => readGenerations(this.db, ids));
  }

  async updateGeneration(input: {
    id: string;
    patch: GenerationPatch;
    onlyIfStatus?: readonly GenerationStatus[];
  }): Promise<GenerationRow | undefined> {
    const { id, patch, onlyIfStatus } = input;
    if (onlyIfStatus && onlyIfStatus.length === 0) return undefined;
    const where = and(
      eq(generations.id, id),
      onlyIfStatus ? inArray(generations.status, [...onlyIfStatus]) : undefined,
    );
    const set = toUpdateSet(patch);
    return withDriverErrors(async () => {
      if (Object.keys(set).length === 0) {
        const [record] = await this.db.select().from(generations).where(where);
        return record && toGenerationRow(record);
      }
      // One conditional UPDATE … RETURNING: the status check and the write
      // cannot be split by another writer (a concurrent one waits for the row
      // lock, then re-checks the status on the row as it is after), so a late
      // poll cannot reopen a finished row.
      const update = async (db: Db) => {
        const [record] = await db.update(generations).set(set).where(where).returning();
        return record;
      };
      if (!set.references) {
        const record = await update(this.db);
        return record && toGenerationRow(record);
      }
      const references = set.references;
      return this.db.transaction(async (tx) => {
        const record = await update(tx);
        if (!record) return undefined;
        await tx.delete(generationReferences).where(eq(generationReferences.generationId, id));
        const links = referenceLinks([{ id, references }]);
        if (links.length > 0) await tx.insert(generationReferences).values(links);
        return toGenerationRow(record);
      });
    });
  }

  async tryClaimPoll(input: {
    id: string;
    now: number;
    intervalMs: number;
    owner?: string;
    leaseMs?: number;
    holder?: StagingHolder;
  }): Promise<boolean> {
    const { id, now, intervalMs, owner, leaseMs = intervalMs * 3, holder } = input;
    const due = pollDue(generations, { id, now, intervalMs, holder });
    if (owner === undefined) {
      // One conditional UPDATE. Callers racing on the row queue for its lock;
      // each one after the first re-evaluates the condition on the updated row
      // and matches nothing. Exactly one true per interval, across processes.
      const claimed = await withDriverErrors(() =>
        this.db.update(generations).set({ lastPolledAt: now }).where(due).returning({ id: generations.id }),
      );
      return claimed.length === 1;
    }
    return withDriverErrors(() =>
      this.db.transaction(async (tx) => {
        // The generation row's lock orders racing claimants; the lease is read after it.
        const claimed = await tx.update(generations).set({ lastPolledAt: now }).where(due).returning({ id: generations.id });
        if (claimed.length !== 1) return false;
        const [lease] = await tx.select().from(pollLeases).where(eq(pollLeases.generationId, id)).for("update");
        // Another owner's lease is running: undo the claim (throwing rolls back).
        if (lease && lease.owner !== owner && lease.until > now) throw new LeaseHeld();
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
  }

  async listGenerations(filter: ListFilter): Promise<GenerationRow[]> {
    const limit = rowLimit(filter.limit);
    const { board } = filter;
    return withDriverErrors(async () => {
      if (board === undefined) {
        const records = await this.db
          .select()
          .from(generations)
          .where(listConditions(generations, filter, this.search({ index: true }), favorites))
          .orderBy(desc(generations.id))
          .limit(limit);
        return records.map(toGenerationRow);
      }
      // The board's range of board_items' key, newest first, each item's
      // picture looked up by id. The LIMIT (one picture per id, as there is)
      // keeps the lateral subquery a subquery: flattened into a join, the
      // planner may pick a merge join that walks the whole gallery's id index
      // from its newest end (a deep page, or a filter few of the board's
      // pictures match, then reads every picture above the cursor), where a
      // page should cost the board's items it reads.
      const picture = this.db
        .select()
        .from(generations)
        .where(and(eq(generations.id, boardItems.generationId), pictureConditions(generations, filter, this.search({ index: false }), favorites)))
        .limit(1)
        .as("picture");
      const records = await this.db
        .select()
        .from(boardItems)
        .crossJoinLateral(picture)
        .where(boardRange(boardItems, { board, beforeId: filter.beforeId }))
        .orderBy(desc(boardItems.generationId))
        .limit(limit);
      return records.map((record) => toGenerationRow(record.picture));
    });
  }

  async listGenerationIds(filter: ListFilter): Promise<string[]> {
    const limit = rowLimit(filter.limit);
    const { board } = filter;
    return withDriverErrors(async () => {
      if (board === undefined) {
        const rows = await this.db
          .select({ id: generations.id })
          .from(generations)
          .where(listConditions(generations, filter, this.search({ index: true }), favorites))
          .orderBy(desc(generations.id))
          .limit(limit);
        return rows.map((row) => row.id);
      }
      // As listGenerations reads a board: its range of board_items, each picture looked up by id.
      const picture = this.db
        .select({ id: generations.id })
        .from(generations)
        .where(and(eq(generations.id, boardItems.generationId), pictureConditions(generations, filter, this.search({ index: false }), favorites)))
        .limit(1)
        .as("picture");
      const rows = await this.db
        .select({ id: picture.id })
        .from(boardItems)
        .crossJoinLateral(picture)
        .where(boardRange(boardItems, { board, beforeId: filter.beforeId }))
        .orderBy(desc(boardItems.generationId))
        .limit(limit);
      return rows.map((row) => row.id);
    });
  }

  async countGenerations(filter: Omit<ListFilter, "limit" | "beforeId">): Promise<number> {
    const { board } = filter;
    return withDriverErrors(async () => {
      if (board === undefined) {
        const [row] = await this.db
          .select({ n: count() })
          .from(generations)
          .where(listConditions(generations, filter, this.search({ index: true }), favorites));
        return row?.n ?? 0;
      }
      const [row] = await this.db
        .select({ n: count() })
        .from(boardItems)
        .innerJoin(generations, eq(generations.id, boardItems.generationId))
        .where(and(boardRange(boardItems, { board }), pictureConditions(generations, filter, this.search({ index: false }), favorites)));
      return row?.n ?? 0;
    });
  }

  /** Prompt search as this database folds case; the index narrows a word down across the gallery, not on a board's few items. */
  private search(options: { index: boolean }) {
    return (q: string) => promptSearch(q, this.folding, options);
  }

  async listActive(input: { limit: number; afterId?: string; due?: { now: number; intervalMs: number }; holder?: StagingHolder }): Promise<GenerationRow[]> {
    return withDriverErrors(async () => {
      const records = await this.db
        .select()
        .from(generations)
        .where(activeBatch(generations, input))
        .orderBy(asc(generations.id))
        .limit(rowLimit(input.limit));
      return records.map(toGenerationRow);
    });
  }

  /** Given inFlightSince, rows deleted in flight within it too (see `inFlight`): the header's count matches the insert's. */
  async countActive(input?: { createdBy?: string; inFlightSince?: number }): Promise<number> {
    return withDriverErrors(() => countInFlight(this.db, input ?? {}));
  }

  /** Charged rows and live waiting ones (see reservedSince), deleted charged ones included: a delete does not give back the day's allowance. */
  async countCreatedSince(input: { createdBy: string; since: number }): Promise<number> {
    return withDriverErrors(() => countCreated(this.db, input));
  }

  async listWaiting(input: { createdBy: string }): Promise<GenerationRow[]> {
    return withDriverErrors(() => waitingOf(this.db, input.createdBy));
  }

  async waitingPeople(): Promise<string[]> {
    return withDriverErrors(async () => {
      const records = await this.db.selectDistinct({ createdBy: generations.createdBy }).from(generations).where(eq(generations.status, "waiting"));
      return records.map((r) => r.createdBy);
    });
  }

  async claimWaiting(input: {
    createdBy: string;
    maxActive: number;
    inFlightSince?: number;
    now: number;
    budget?: QueueBudget;
  }): Promise<{ claimed: GenerationRow[]; overBudget: { row: GenerationRow; spent: number }[] }> {
    const { createdBy, budget, now } = input;
    return withDriverErrors(() =>
      this.db.transaction(async (tx) => {
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
          const [record] = await tx
            .update(generations)
            .set({ status: "submitting", submittedAt: now, updatedAt: now })
            .where(and(eq(generations.id, row.id), eq(generations.status, "waiting")))
            .returning();
          if (record) claimed.push(toGenerationRow(record));
        }
        return { claimed, overBudget: plan.overBudget };
      }),
    );
  }

  async deleteGeneration(
    id: string,
  ): Promise<{ row: GenerationRow; orphanedReferences: ReferenceRow[] } | undefined> {
    return withDriverErrors(() =>
      this.db.transaction(async (tx) => {
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
        // Its links go with it (ON DELETE CASCADE, deleted explicitly as SQLite's adapter does).
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

  async setFavorite(input: { userId: string; generationId: string; favorite: boolean; now: number }): Promise<void> {
    const { userId, generationId, now } = input;
    await withDriverErrors(async () => {
      if (!input.favorite) {
        await this.db.delete(favorites).where(and(eq(favorites.userId, userId), eq(favorites.generationId, generationId)));
        return;
      }
      // Starring twice keeps the first star (and its time).
      await this.db.insert(favorites).values({ userId, generationId, createdAt: now }).onConflictDoNothing();
    });
  }

  async favoritesAmong(input: { userId: string; generationIds: string[] }): Promise<Set<string>> {
    if (input.generationIds.length === 0) return new Set();
    const records = await withDriverErrors(() =>
      this.db
        .select({ generationId: favorites.generationId })
        .from(favorites)
        .where(and(eq(favorites.userId, input.userId), sql`${favorites.generationId} = any(${sql.param([...new Set(input.generationIds)])}::text[])`)),
    );
    return new Set(records.map((record) => record.generationId));
  }

  async listPrices(): Promise<PriceRow[]> {
    return withDriverErrors(() => this.db.select().from(prices).orderBy(bytewise(prices.key)));
  }

  async setPrice(row: PriceRow): Promise<void> {
    const { price, updatedAt, updatedBy } = row;
    await withDriverErrors(() => this.db.insert(prices).values(row).onConflictDoUpdate({ target: prices.key, set: { price, updatedAt, updatedBy } }));
  }

  async deletePrice(key: string): Promise<void> {
    await withDriverErrors(() => this.db.delete(prices).where(eq(prices.key, key)));
  }

  async usageGroups(input: { from: number; to: number; groupBy: UsageGroupBy; createdBy?: string }): Promise<UsageGroup[]> {
    const counted = countedRows(this.db, (t) => createdBetween(t, input));
    const { group, key, order } = usageKey(input.groupBy, counted);
    // Byte order and NULL (no size) first, as SQLite sorts, whatever the
    // database's collation.
    return withDriverErrors(() =>
      this.db
        .select({ key, model: counted.model, imageSize: counted.imageSize, ...usageCounts(counted) })
        .from(counted)
        .groupBy(group, counted.model, counted.imageSize)
        .orderBy(order, bytewise(counted.model), sql`${bytewise(counted.imageSize)} nulls first`),
    );
  }

  async insertBoard(row: BoardRow, cap?: { maxOwned: number }): Promise<boolean> {
    return withDriverErrors(() =>
      this.db.transaction(async (tx) => {
        if (cap) {
          // The owner's advisory lock (held to commit): concurrent inserts by one person, from any instance, count one after another.
          await tx.execute(sql`select pg_advisory_xact_lock(${BOARD_CAP_LOCK_SPACE}, hashtext(${row.ownerId}))`);
          const [owned] = await tx.select({ n: count() }).from(boards).where(eq(boards.ownerId, row.ownerId));
          if (Number(owned?.n ?? 0) >= cap.maxOwned) return false;
        }
        await tx.insert(boards).values(row);
        return true;
      }),
    );
  }

  async getBoard(id: string): Promise<BoardRow | undefined> {
    const [row] = await withDriverErrors(() => this.db.select().from(boards).where(eq(boards.id, id)));
    return row;
  }

  async listBoards(input: { viewerId: string; ids?: string[]; after?: BoardCursor; limit?: number }): Promise<BoardSummary[]> {
    if (input.ids?.length === 0) return [];
    if (input.limit !== undefined) {
      // A page: its ids first (the name order, no counts or covers), then those boards in full.
      const page = await withDriverErrors(() =>
        this.db
          .select({ id: boards.id })
          .from(boards)
          .where(and(visibleBoards(boards, input), input.after ? boardsAfter(boards, input.after, boardNameOrder) : undefined))
          .orderBy(boardNameOrder(boards.name), asc(boards.id))
          .limit(rowLimit(input.limit!)),
      );
      return this.listBoards({ viewerId: input.viewerId, ids: page.map((b) => b.id) });
    }
    // By name folded as SQLite's lower() folds it and then compared byte by
    // byte, whatever the database's collation; ids are COLLATE "C" already.
    return withDriverErrors(() =>
      this.db
        .select({
          ...getTableColumns(boards),
          ownerName: users.name,
          count: itemCount(boards, boardItems),
          coverId: coverId(boards, boardItems, generations),
        })
        .from(boards)
        .innerJoin(users, eq(users.id, boards.ownerId))
        .where(visibleBoards(boards, input))
        .orderBy(boardNameOrder(boards.name), asc(boards.id)),
    );
  }

  async countBoardPictures(input: { boardId: string; createdBy?: string }): Promise<number> {
    const [result] = await withDriverErrors(() =>
      this.db.select({ n: count() }).from(boardItems).crossJoin(generations).where(boardPictures(boardItems, generations, input)),
    );
    return Number(result?.n ?? 0);
  }

  async updateBoard(input: { id: string; patch: Partial<Pick<BoardRow, "name" | "visibility" | "updatedAt">> }): Promise<BoardRow | undefined> {
    const set = definedFields(input.patch);
    if (Object.keys(set).length === 0) return this.getBoard(input.id);
    const [row] = await withDriverErrors(() => this.db.update(boards).set(set).where(eq(boards.id, input.id)).returning());
    return row;
  }

  async deleteBoard(id: string): Promise<boolean> {
    // Its items and shares go with it (ON DELETE CASCADE); the pictures stay.
    const deleted = await withDriverErrors(() => this.db.delete(boards).where(eq(boards.id, id)).returning({ id: boards.id }));
    return deleted.length > 0;
  }

  async addBoardItems(input: { boardId: string; generationIds: string[]; now: number }): Promise<number> {
    if (input.generationIds.length === 0) return 0;
    // One INSERT … SELECT: only ids that exist are selected, ones already on
    // the board are skipped by the primary key (a concurrent add of the same
    // picture waits for the first and then skips it too).
    const result = await withDriverErrors(() =>
      this.db.execute(sql`
        insert into ${boardItems} (${sql.identifier(boardItems.boardId.name)}, ${sql.identifier(boardItems.generationId.name)}, ${sql.identifier(boardItems.addedAt.name)})
        select ${input.boardId}::text, ${generations.id}, ${input.now}::bigint from ${generations}
        where ${generations.id} = any(${sql.param([...new Set(input.generationIds)])}::text[])
        on conflict do nothing`),
    );
    return result.rowCount ?? 0;
  }

  async removeBoardItems(input: { boardId: string; generationIds: string[] }): Promise<number> {
    if (input.generationIds.length === 0) return 0;
    const removed = await withDriverErrors(() =>
      this.db
        .delete(boardItems)
        .where(and(eq(boardItems.boardId, input.boardId), sql`${boardItems.generationId} = any(${sql.param([...new Set(input.generationIds)])}::text[])`))
        .returning({ id: boardItems.generationId }),
    );
    return removed.length;
  }

  async boardHas(input: { boardId: string; generationId: string }): Promise<boolean> {
    const found = await withDriverErrors(() =>
      this.db
        .select({ one: sql`1` })
        .from(boardItems)
        .where(and(eq(boardItems.boardId, input.boardId), eq(boardItems.generationId, input.generationId))),
    );
    return found.length > 0;
  }

  async insertShare(row: ShareRow, cap?: { maxLive: number; now: number }): Promise<boolean> {
    return withDriverErrors(() =>
      this.db.transaction(async (tx) => {
        if (cap) {
          await tx.execute(sql`select pg_advisory_xact_lock(${SHARE_CAP_LOCK_SPACE}, hashtext(${row.createdBy}))`);
          const [live] = await tx
            .select({ n: count() })
            .from(shares)
            .where(and(eq(shares.createdBy, row.createdBy), unexpiredShare(shares, cap.now)));
          if (Number(live?.n ?? 0) >= cap.maxLive) return false;
        }
        await tx.insert(shares).values(row);
        return true;
      }),
    );
  }

  async getShareByHash(input: { tokenHash: string; now: number }): Promise<ShareRow | undefined> {
    const [row] = await withDriverErrors(() =>
      this.db
        .select()
        .from(shares)
        .where(and(eq(shares.tokenHash, input.tokenHash), unexpiredShare(shares, input.now))),
    );
    return row;
  }

  async getShare(id: string): Promise<ShareRow | undefined> {
    const [row] = await withDriverErrors(() => this.db.select().from(shares).where(eq(shares.id, id)));
    return row;
  }

  async listShares(input: ShareFilter): Promise<ShareSummary[]> {
    // Ids are COLLATE "C": byte order, as in SQLite.
    return withDriverErrors(() => {
      const query = this.db
        .select({
          ...getTableColumns(shares),
          creatorName: users.name,
          title: sql<string>`coalesce(${generations.prompt}, ${boards.name}, '')`,
        })
        .from(shares)
        .innerJoin(users, eq(users.id, shares.createdBy))
        .leftJoin(generations, eq(generations.id, shares.generationId))
        .leftJoin(boards, eq(boards.id, shares.boardId))
        .where(shareConditions({ shares, users, items: boardItems, generations }, input))
        .orderBy(desc(shares.id));
      return input.limit === undefined ? query : query.limit(rowLimit(input.limit));
    });
  }

  async deleteShare(id: string): Promise<boolean> {
    const deleted = await withDriverErrors(() => this.db.delete(shares).where(eq(shares.id, id)).returning({ id: shares.id }));
    return deleted.length > 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
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
