import "server-only";
import type Database from "better-sqlite3";
import { and, asc, count, desc, eq, getTableColumns, inArray, lt, notExists, or, sql } from "drizzle-orm";
import type {
  BoardCursor,
  BoardRow,
  BoardSummary,
  PriceRow,
  ReferenceRow,
  ShareFilter,
  ShareRow,
  ShareSummary,
  StudioDatabase,
  UsageGroup,
  UsageGroupBy,
} from "@/lib/db/types";
import { boardPictures, boardsAfter, coverId, itemCount, shareConditions, unexpiredShare, visibleBoards, type NameOrder } from "@/lib/db/shared/boards";
import { createdBetween, rowLimit, usageCounts } from "@/lib/db/shared/conditions";
import { chunked, definedFields, toReferenceRow } from "@/lib/db/shared/row-mapping";
import type { CountersStore } from "@/lib/db/counters/port";
import { sqliteCounters } from "@/lib/db/counters/sqlite";
import type { PeopleStore } from "@/lib/db/people/port";
import { sqlitePeople } from "@/lib/db/people/sqlite";
import type { SqliteEngine } from "./engine";
import * as counters from "./counters";
import { countedRows, IDS_PER_QUERY, usageKey, type Db } from "./query-parts";
import {
  boardItems,
  boards,
  generationReferences,
  generations,
  prices,
  referenceImages,
  shares,
  users,
} from "./schema";
import type { GenerationsStore } from "@/lib/db/generations/port";
import { sqliteGenerations } from "@/lib/db/generations/sqlite";

// Writes take the lock up front (BEGIN IMMEDIATE): a deferred transaction that
// read first could not upgrade to a writer while another process writes, and
// would fail with SQLITE_BUSY instead of waiting out busy_timeout.
const WRITE = { behavior: "immediate" } as const;

/** Board names in the list's order: SQLite's lower(), compared by its BINARY collation. */
const boardNameOrder: NameOrder = (name) => sql`lower(${name})`;

// The slices' methods join the class's own on each instance (Object.assign in
// the constructor); this declaration tells TypeScript they are there.
export interface SqliteStudioDatabase extends GenerationsStore, PeopleStore, CountersStore {}

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

