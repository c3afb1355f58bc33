import "server-only";
import type Database from "better-sqlite3";
import { and, asc, count, desc, eq, getTableColumns, inArray, lt, notExists, or, sql } from "drizzle-orm";
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
import type { GenerationStatus } from "@/lib/contract";
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
import { chunked, definedFields, deletedRecord, referenceLinks, toGenerationRow, toReferenceRow, updateSetFor, withBatch } from "@/lib/db/shared/row-mapping";
import type { CountersStore } from "@/lib/db/counters/port";
import { sqliteCounters } from "@/lib/db/counters/sqlite";
import type { PeopleStore } from "@/lib/db/people/port";
import { sqlitePeople } from "@/lib/db/people/sqlite";
import type { SqliteEngine } from "./engine";
import * as counters from "./counters";
import { countedRows, IDS_PER_QUERY, placeholders, readGenerations, usageKey, type Db } from "./query-parts";
import { insertGenerationRows } from "./insert-rows";
import { promptSearch } from "./search-index";
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

// Writes take the lock up front (BEGIN IMMEDIATE): a deferred transaction that
// read first could not upgrade to a writer while another process writes, and
// would fail with SQLITE_BUSY instead of waiting out busy_timeout.
const WRITE = { behavior: "immediate" } as const;

const toUpdateSet = updateSetFor(generations);
/** Board names in the list's order: SQLite's lower(), compared by its BINARY collation. */
const boardNameOrder: NameOrder = (name) => sql`lower(${name})`;

// The slices' methods join the class's own on each instance (Object.assign in
// the constructor); this declaration tells TypeScript they are there.
export interface SqliteStudioDatabase extends PeopleStore, CountersStore {}

export class SqliteStudioDatabase implements StudioDatabase {
  readonly kind = "sqlite" as const;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly db: Db,
  ) {
    const engine: SqliteEngine = { sqlite, db };
    Object.assign(this, sqlitePeople(engine));
    Object.assign(this, sqliteCounters(engine));
  }

  async insertGenerations(input: {
    rows: GenerationRow[];
    idempotency?: IdempotencyInput;
    limits?: InsertLimits;
  }): Promise<{ created: boolean; rows: GenerationRow[]; refused?: LimitRefusal; mismatch?: true }> {
    const { rows, idempotency, limits } = input;
    // BEGIN IMMEDIATE makes this whole check-then-insert one writer at a time,
    // across processes too: the limits below cannot be passed by a race.
    return this.db.transaction((tx) => {
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
      // Prepared statements of a hundred rows each (insert-rows.ts): drizzle
      // builds their SQL once, not once per batch.
      const stored = waitingLast(rows, wait).map(withBatch);
      insertGenerationRows(tx, stored);
      const insertLink = tx.insert(generationReferences).values(placeholders(generationReferences)).prepare();
      for (const link of referenceLinks(rows)) insertLink.run(link);
      return { created: true, rows: stored.map((row) => ({ ...row, references: [...row.references] })) };
    }, WRITE);
  }

  async findIdempotent(input: IdempotencyInput): Promise<GenerationRow[] | "mismatch" | undefined> {
    return rowsOfLiveKey(this.db, input);
  }

  async recordSubmission(input: {
    id: string;
    upstreamId: string;
    status: "queued" | "processing";
    progress: number;
    now: number;
  }): Promise<{ row: GenerationRow; revived: boolean; polling: boolean } | undefined> {
    return this.db.transaction((tx) => {
      const before = tx.select().from(generations).where(eq(generations.id, input.id)).get();
      if (!before) return undefined;
      const { set, revived, polling } = submissionChange(before, input);
      if (Object.keys(set).length === 0) return { row: toGenerationRow(before), revived, polling };
      const record = tx.update(generations).set(set).where(eq(generations.id, input.id)).returning().get()!;
      return { row: toGenerationRow(record), revived, polling };
    }, WRITE);
  }

  async renewPollLease(input: { id: string; owner: string; now: number; until: number }): Promise<boolean> {
    const { id, owner, now, until } = input;
    return this.db.transaction((tx) => {
      const lease = tx.select().from(pollLeases).where(eq(pollLeases.generationId, id)).get();
      if (lease && lease.owner !== owner && lease.until > now) return false;
      tx.insert(pollLeases)
        .values({ generationId: id, owner, until })
        .onConflictDoUpdate({ target: pollLeases.generationId, set: { owner, until } })
        .run();
      return true;
    }, WRITE);
  }

  async getGeneration(id: string): Promise<GenerationRow | undefined> {
    const record = this.db.select().from(generations).where(eq(generations.id, id)).get();
    return record && toGenerationRow(record);
  }

  /** In the order asked for; unknown ids are skipped. */
  async getGenerations(ids: string[]): Promise<GenerationRow[]> {
    return readGenerations(this.db, ids);
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
    if (Object.keys(set).length === 0) {
      const record = this.db.select().from(generations).where(where).get();
      return record && toGenerationRow(record);
    }
    return this.db.transaction((tx) => {
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
  }

  async tryClaimPoll(input: { id: string; now: number; intervalMs: number; owner?: string; leaseMs?: number; holder?: StagingHolder }): Promise<boolean> {
    const { id, now, intervalMs, owner, leaseMs = intervalMs * 3, holder } = input;
    return this.db.transaction((tx) => {
      if (owner !== undefined) {
        const lease = tx.select().from(pollLeases).where(eq(pollLeases.generationId, id)).get();
        if (lease && lease.owner !== owner && lease.until > now) return false;
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
  }

  async listGenerations(filter: ListFilter): Promise<GenerationRow[]> {
    const limit = rowLimit(filter.limit);
    const where = this.listingWhere(filter);
    if (filter.board === undefined) {
      return this.db.select().from(generations).where(where).orderBy(desc(generations.id)).limit(limit).all().map(toGenerationRow);
    }
    // CROSS JOIN: SQLite's planner then keeps board_items outermost, walking
    // the board's primary-key range newest first and stopping after a page,
    // rather than starting from a generations index that matches a filter
    // (model, status) and sorting the board's pictures among a whole table.
    return this.db
      .select(getTableColumns(generations))
      .from(boardItems)
      .crossJoin(generations)
      .where(where)
      .orderBy(desc(boardItems.generationId))
      .limit(limit)
      .all()
      .map(toGenerationRow);
  }

  async listGenerationIds(filter: ListFilter): Promise<string[]> {
    const limit = rowLimit(filter.limit);
    const where = this.listingWhere(filter);
    const rows =
      filter.board === undefined
        ? this.db.select({ id: generations.id }).from(generations).where(where).orderBy(desc(generations.id)).limit(limit).all()
        : this.db.select({ id: generations.id }).from(boardItems).crossJoin(generations).where(where).orderBy(desc(boardItems.generationId)).limit(limit).all();
    return rows.map((row) => row.id);
  }

  async countGenerations(filter: Omit<ListFilter, "limit" | "beforeId">): Promise<number> {
    const where = this.listingWhere(filter);
    const counted =
      filter.board === undefined
        ? this.db.select({ n: count() }).from(generations).where(where).get()
        : this.db.select({ n: count() }).from(boardItems).crossJoin(generations).where(where).get();
    return counted?.n ?? 0;
  }

  /**
   * A listing's condition: on generations alone, or (with a board) on the
   * board's range of board_items crossed with generations. The search index
   * narrows a word down across the gallery (issue 26); on a board each of its
   * pictures is checked as it comes.
   */
  private listingWhere(filter: Omit<ListFilter, "limit">) {
    const { board } = filter;
    const search = (q: string) => promptSearch(this.db, q, { index: board === undefined });
    if (board === undefined) return listConditions(generations, filter, search, favorites);
    return and(
      boardRange(boardItems, { board, beforeId: filter.beforeId }),
      eq(generations.id, boardItems.generationId),
      pictureConditions(generations, filter, search, favorites),
    );
  }

  async listActive(input: { limit: number; afterId?: string; due?: { now: number; intervalMs: number }; holder?: StagingHolder }): Promise<GenerationRow[]> {
    const records = this.db
      .select()
      .from(generations)
      .where(activeBatch(generations, input))
      .orderBy(asc(generations.id))
      .limit(rowLimit(input.limit))
      .all();
    return records.map(toGenerationRow);
  }

  /** Given inFlightSince, rows deleted in flight within it too (see `inFlight`): the header's count matches the insert's. */
  async countActive(input?: { createdBy?: string; inFlightSince?: number }): Promise<number> {
    return countInFlight(this.db, input ?? {});
  }

  /** Charged rows and live waiting ones (see reservedSince), deleted charged ones included: a delete does not give back the day's allowance. */
  async countCreatedSince(input: { createdBy: string; since: number }): Promise<number> {
    return countCreated(this.db, input);
  }

  async listWaiting(input: { createdBy: string }): Promise<GenerationRow[]> {
    return waitingOf(this.db, input.createdBy);
  }

  async waitingPeople(): Promise<string[]> {
    const records = this.db.selectDistinct({ createdBy: generations.createdBy }).from(generations).where(eq(generations.status, "waiting")).all();
    return records.map((r) => r.createdBy);
  }

  async claimWaiting(input: {
    createdBy: string;
    maxActive: number;
    inFlightSince?: number;
    now: number;
    budget?: QueueBudget;
  }): Promise<{ claimed: GenerationRow[]; overBudget: { row: GenerationRow; spent: number }[] }> {
    const { createdBy, budget, now } = input;
    // BEGIN IMMEDIATE: one writer at a time, across processes too, so the
    // count, the pick and the update cannot interleave with another claim or
    // an insert's limit check.
    return this.db.transaction((tx) => {
      const free = input.maxActive - countInFlight(tx, { createdBy, inFlightSince: input.inFlightSince });
      if (free <= 0) return { claimed: [], overBudget: [] };
      const spent = budget && monthSpent(tx, { createdBy, since: budget.since, prices: budget.prices, charged: true });
      const plan = queuePlan({ waiting: waitingOf(tx, createdBy), free, budget: budget && { ...budget, spent: spent ?? 0 } });
      const claimed: GenerationRow[] = [];
      for (const row of plan.send) {
        const record = tx
          .update(generations)
          .set({ status: "submitting", submittedAt: now, updatedAt: now })
          .where(and(eq(generations.id, row.id), eq(generations.status, "waiting")))
          .returning()
          .get();
        if (record) claimed.push(toGenerationRow(record));
      }
      return { claimed, overBudget: plan.overBudget };
    }, WRITE);
  }

  async deleteGeneration(
    id: string,
  ): Promise<{ row: GenerationRow; orphanedReferences: ReferenceRow[] } | undefined> {
    return this.db.transaction((tx) => {
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

  async setFavorite(input: { userId: string; generationId: string; favorite: boolean; now: number }): Promise<void> {
    const { userId, generationId, now } = input;
    if (!input.favorite) {
      this.db.delete(favorites).where(and(eq(favorites.userId, userId), eq(favorites.generationId, generationId))).run();
      return;
    }
    // Starring twice keeps the first star (and its time).
    this.db.insert(favorites).values({ userId, generationId, createdAt: now }).onConflictDoNothing().run();
  }

  async favoritesAmong(input: { userId: string; generationIds: string[] }): Promise<Set<string>> {
    const starred = new Set<string>();
    // One query for any page of the gallery; only a huge list is split.
    for (const chunk of chunked([...new Set(input.generationIds)], IDS_PER_QUERY)) {
      const records = this.db
        .select({ generationId: favorites.generationId })
        .from(favorites)
        .where(and(eq(favorites.userId, input.userId), inArray(favorites.generationId, chunk)))
        .all();
      for (const record of records) starred.add(record.generationId);
    }
    return starred;
  }

  async listPrices(): Promise<PriceRow[]> {
    return this.db.select().from(prices).orderBy(asc(prices.key)).all();
  }

  async setPrice(row: PriceRow): Promise<void> {
    const { price, updatedAt, updatedBy } = row;
    this.db.insert(prices).values(row).onConflictDoUpdate({ target: prices.key, set: { price, updatedAt, updatedBy } }).run();
  }

  async deletePrice(key: string): Promise<void> {
    this.db.delete(prices).where(eq(prices.key, key)).run();
  }

  async usageGroups(input: { from: number; to: number; groupBy: UsageGroupBy; createdBy?: string }): Promise<UsageGroup[]> {
    const counted = countedRows(this.db, (t) => createdBetween(t, input));
    const { group, key } = usageKey(input.groupBy, counted);
    // SQLite compares text byte by byte (BINARY) and sorts NULL first, as the
    // PostgreSQL adapter asks for explicitly.
    return this.db
      .select({ key, model: counted.model, imageSize: counted.imageSize, ...usageCounts(counted) })
      .from(counted)
      .groupBy(group, counted.model, counted.imageSize)
      .orderBy(group, asc(counted.model), asc(counted.imageSize))
      .all();
  }

  async insertBoard(row: BoardRow, cap?: { maxOwned: number }): Promise<boolean> {
    // One writer at a time (BEGIN IMMEDIATE): the count and the insert are one step.
    return this.db.transaction((tx) => {
      if (cap) {
        const owned = tx.select({ n: count() }).from(boards).where(eq(boards.ownerId, row.ownerId)).get()?.n ?? 0;
        if (owned >= cap.maxOwned) return false;
      }
      tx.insert(boards).values(row).run();
      return true;
    }, WRITE);
  }

  async getBoard(id: string): Promise<BoardRow | undefined> {
    return this.db.select().from(boards).where(eq(boards.id, id)).get();
  }

  async listBoards(input: { viewerId: string; ids?: string[]; after?: BoardCursor; limit?: number }): Promise<BoardSummary[]> {
    if (input.ids?.length === 0) return [];
    if (input.limit !== undefined) {
      // A page: its ids first (the name order, no counts or covers), then those boards in full.
      const page = this.db
        .select({ id: boards.id })
        .from(boards)
        .where(and(visibleBoards(boards, input), input.after ? boardsAfter(boards, input.after, boardNameOrder) : undefined))
        .orderBy(boardNameOrder(boards.name), asc(boards.id))
        .limit(rowLimit(input.limit))
        .all();
      return this.listBoards({ viewerId: input.viewerId, ids: page.map((b) => b.id) });
    }
    // One statement; with ids, a page's worth at most (the API asks for a page or a few).
    return this.db
      .select({
        ...getTableColumns(boards),
        ownerName: users.name,
        count: itemCount(boards, boardItems),
        coverId: coverId(boards, boardItems, generations),
      })
      .from(boards)
      .innerJoin(users, eq(users.id, boards.ownerId))
      .where(visibleBoards(boards, input))
      .orderBy(boardNameOrder(boards.name), asc(boards.id))
      .all();
  }

  async countBoardPictures(input: { boardId: string; createdBy?: string }): Promise<number> {
    const result = this.db.select({ n: count() }).from(boardItems).crossJoin(generations).where(boardPictures(boardItems, generations, input)).get();
    return result?.n ?? 0;
  }

  async updateBoard(input: { id: string; patch: Partial<Pick<BoardRow, "name" | "visibility" | "updatedAt">> }): Promise<BoardRow | undefined> {
    const set = definedFields(input.patch);
    if (Object.keys(set).length === 0) return this.getBoard(input.id);
    return this.db.update(boards).set(set).where(eq(boards.id, input.id)).returning().get();
  }

  async deleteBoard(id: string): Promise<boolean> {
    // Its items and shares go with it (ON DELETE CASCADE); the pictures stay.
    return this.db.delete(boards).where(eq(boards.id, id)).run().changes > 0;
  }

  async addBoardItems(input: { boardId: string; generationIds: string[]; now: number }): Promise<number> {
    const { boardId, now } = input;
    return this.db.transaction((tx) => {
      let added = 0;
      // One INSERT … SELECT per chunk (one for any request the API accepts):
      // only ids that exist are selected, and ones already on the board are
      // skipped by the primary key.
      for (const chunk of chunked([...new Set(input.generationIds)], IDS_PER_QUERY)) {
        added += tx
          .insert(boardItems)
          .select(
            tx
              .select({ boardId: sql<string>`${boardId}`.as("board_id"), generationId: generations.id, addedAt: sql<number>`${now}`.as("added_at") })
              .from(generations)
              .where(inArray(generations.id, chunk)),
          )
          .onConflictDoNothing()
          .run().changes;
      }
      return added;
    }, WRITE);
  }

  async removeBoardItems(input: { boardId: string; generationIds: string[] }): Promise<number> {
    return this.db.transaction((tx) => {
      let removed = 0;
      for (const chunk of chunked([...new Set(input.generationIds)], IDS_PER_QUERY)) {
        removed += tx
          .delete(boardItems)
          .where(and(eq(boardItems.boardId, input.boardId), inArray(boardItems.generationId, chunk)))
          .run().changes;
      }
      return removed;
    }, WRITE);
  }

  async boardHas(input: { boardId: string; generationId: string }): Promise<boolean> {
    const found = this.db
      .select({ one: sql`1` })
      .from(boardItems)
      .where(and(eq(boardItems.boardId, input.boardId), eq(boardItems.generationId, input.generationId)))
      .get();
    return found !== undefined;
  }

  async insertShare(row: ShareRow, cap?: { maxLive: number; now: number }): Promise<boolean> {
    return this.db.transaction((tx) => {
      if (cap) {
        const live = tx
          .select({ n: count() })
          .from(shares)
          .where(and(eq(shares.createdBy, row.createdBy), unexpiredShare(shares, cap.now)))
          .get()?.n ?? 0;
        if (live >= cap.maxLive) return false;
      }
      tx.insert(shares).values(row).run();
      return true;
    }, WRITE);
  }

  async getShareByHash(input: { tokenHash: string; now: number }): Promise<ShareRow | undefined> {
    return this.db
      .select()
      .from(shares)
      .where(and(eq(shares.tokenHash, input.tokenHash), unexpiredShare(shares, input.now)))
      .get();
  }

  async getShare(id: string): Promise<ShareRow | undefined> {
    return this.db.select().from(shares).where(eq(shares.id, id)).get();
  }

  async listShares(input: ShareFilter): Promise<ShareSummary[]> {
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
    return (input.limit === undefined ? query : query.limit(rowLimit(input.limit))).all();
  }

  async deleteShare(id: string): Promise<boolean> {
    return this.db.delete(shares).where(eq(shares.id, id)).run().changes > 0;
  }

  async close(): Promise<void> {
    if (!this.sqlite.open) return;
    // Keeps the planner's statistics fresh for the next start, as SQLite advises.
    this.sqlite.pragma("optimize");
    this.sqlite.close();
  }
}

/**
 * The generations an idempotency key made, while the key is this user's and at
 * most ttlMs old; "mismatch" when the caller gives a request hash the key was not stored with.
 */
function rowsOfLiveKey(db: Db, input: IdempotencyInput): GenerationRow[] | "mismatch" | undefined {
  const earlier = db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.key, input.key), eq(idempotencyKeys.createdBy, input.createdBy)))
    .get();
  if (!earlier || earlier.createdAt < input.now - input.ttlMs) return undefined;
  if (input.requestHash !== undefined && earlier.requestHash !== input.requestHash) return "mismatch";
  return readGenerations(db, earlier.generationIds);
}

/** Inside the insert's write transaction: which limit the new rows would pass, or how many of them wait (issue 26). */
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
