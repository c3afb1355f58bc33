import "server-only";
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { rowLimit } from "@/lib/db/shared/conditions";
import { chunked, definedFields } from "@/lib/db/shared/row-mapping";
import type { SqliteEngine } from "@/lib/db/sqlite/engine";
import { IDS_PER_QUERY, WRITE } from "@/lib/db/sqlite/query-parts";
import { boardItems, boards, generations, shares, users } from "@/lib/db/sqlite/schema";
import type { BoardsStore } from "./port";
import {
  boardItem,
  boardPage,
  boardPictures,
  boardSummaryFields,
  liveSharesBy,
  shareConditions,
  shareSummaryFields,
  shareWithHash,
  visibleBoards,
  type NameOrder,
} from "./query-parts";

/** Board names in the list's order: SQLite's lower(), compared by its BINARY collation. */
const boardNameOrder: NameOrder = (name) => sql`lower(${name})`;

export function sqliteBoards({ db }: SqliteEngine): BoardsStore {
  const store: BoardsStore = {
    async insertBoard(row, cap) {
      // One writer at a time (BEGIN IMMEDIATE): the count and the insert are one step.
      return db.transaction((tx) => {
        if (cap) {
          const owned = tx.select({ n: count() }).from(boards).where(eq(boards.ownerId, row.ownerId)).get()?.n ?? 0;
          if (owned >= cap.maxOwned) return false;
        }
        tx.insert(boards).values(row).run();
        return true;
      }, WRITE);
    },

    async getBoard(id) {
      return db.select().from(boards).where(eq(boards.id, id)).get();
    },

    async listBoards(input) {
      if (input.ids?.length === 0) return [];
      if (input.limit !== undefined) {
        // A page: its ids first (the name order, no counts or covers), then those boards in full.
        const page = db
          .select({ id: boards.id })
          .from(boards)
          .where(boardPage(boards, input, boardNameOrder))
          .orderBy(boardNameOrder(boards.name), asc(boards.id))
          .limit(rowLimit(input.limit))
          .all();
        return store.listBoards({ viewerId: input.viewerId, ids: page.map((b) => b.id) });
      }
      // One statement; with ids, a page's worth at most (the API asks for a page or a few).
      return db
        .select(boardSummaryFields({ boards, users, items: boardItems, generations }))
        .from(boards)
        .innerJoin(users, eq(users.id, boards.ownerId))
        .where(visibleBoards(boards, input))
        .orderBy(boardNameOrder(boards.name), asc(boards.id))
        .all();
    },

    async countBoardPictures(input) {
      const result = db.select({ n: count() }).from(boardItems).crossJoin(generations).where(boardPictures(boardItems, generations, input)).get();
      return result?.n ?? 0;
    },

    async updateBoard(input) {
      const set = definedFields(input.patch);
      if (Object.keys(set).length === 0) return store.getBoard(input.id);
      return db.update(boards).set(set).where(eq(boards.id, input.id)).returning().get();
    },

    async deleteBoard(id) {
      // Its items and shares go with it (ON DELETE CASCADE); the pictures stay.
      return db.delete(boards).where(eq(boards.id, id)).run().changes > 0;
    },

    async addBoardItems(input) {
      const { boardId, now } = input;
      return db.transaction((tx) => {
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
    },

    async removeBoardItems(input) {
      return db.transaction((tx) => {
        let removed = 0;
        for (const chunk of chunked([...new Set(input.generationIds)], IDS_PER_QUERY)) {
          removed += tx
            .delete(boardItems)
            .where(and(eq(boardItems.boardId, input.boardId), inArray(boardItems.generationId, chunk)))
            .run().changes;
        }
        return removed;
      }, WRITE);
    },

    async boardHas(input) {
      return db.select({ one: sql`1` }).from(boardItems).where(boardItem(boardItems, input)).get() !== undefined;
    },

    async insertShare(row, cap) {
      return db.transaction((tx) => {
        if (cap) {
          const live = tx.select({ n: count() }).from(shares).where(liveSharesBy(shares, { createdBy: row.createdBy, now: cap.now })).get()?.n ?? 0;
          if (live >= cap.maxLive) return false;
        }
        tx.insert(shares).values(row).run();
        return true;
      }, WRITE);
    },

    async getShareByHash(input) {
      return db.select().from(shares).where(shareWithHash(shares, input)).get();
    },

    async getShare(id) {
      return db.select().from(shares).where(eq(shares.id, id)).get();
    },

    async listShares(input) {
      const query = db
        .select(shareSummaryFields({ shares, users, generations, boards }))
        .from(shares)
        .innerJoin(users, eq(users.id, shares.createdBy))
        .leftJoin(generations, eq(generations.id, shares.generationId))
        .leftJoin(boards, eq(boards.id, shares.boardId))
        .where(shareConditions({ shares, users, items: boardItems, generations }, input))
        .orderBy(desc(shares.id));
      return (input.limit === undefined ? query : query.limit(rowLimit(input.limit))).all();
    },

    async deleteShare(id) {
      return db.delete(shares).where(eq(shares.id, id)).run().changes > 0;
    },
  };
  return store;
}
