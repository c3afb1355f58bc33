import "server-only";
import type { Pool } from "pg";
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
import { definedFields, toReferenceRow } from "@/lib/db/shared/row-mapping";
import type { CountersStore } from "@/lib/db/counters/port";
import { postgresCounters } from "@/lib/db/counters/postgres";
import type { PeopleStore } from "@/lib/db/people/port";
import { postgresPeople } from "@/lib/db/people/postgres";
import type { PostgresEngine } from "./engine";
import * as counters from "./counters";
import { bytewise, countedRows, usageKey, withDriverErrors, type CaseFolding, type Db } from "./query-parts";
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
import { postgresGenerations } from "@/lib/db/generations/postgres";

// The StudioDatabase on PostgreSQL, method for method the SQLite adapter's
// semantics. SQLite runs one writer at a time; here transactions run side by
// side (READ COMMITTED) across connections and processes, so every
// check-then-write is either one conditional statement or holds the row locks
// it decides on.

/** The same for the per-person caps on boards and on live share links (issue 21). */
const BOARD_CAP_LOCK_SPACE = 7_004_172;
const SHARE_CAP_LOCK_SPACE = 7_004_173;
/**
 * Board names in the list's order: lower() (on PostgreSQL Unicode-aware, as
 * SQLite's is for ASCII) compared byte by byte, whatever the database's collation.
 */
const boardNameOrder: NameOrder = (name) => bytewise(sql`lower(${name})`);

// The slices' methods join the class's own on each instance (Object.assign in
// the constructor); this declaration tells TypeScript they are there.
export interface PostgresStudioDatabase extends GenerationsStore, PeopleStore, CountersStore {}

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

