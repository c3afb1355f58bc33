import "server-only";
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { rowLimit } from "@/lib/db/shared/conditions";
import { definedFields } from "@/lib/db/shared/row-mapping";
import type { PostgresEngine } from "@/lib/db/postgres/engine";
import { bytewise, withDriverErrors } from "@/lib/db/postgres/query-parts";
import { boardItems, boards, generations, shares, users } from "@/lib/db/postgres/schema";
import { LOCK_SPACES } from "@/lib/db/postgres/lock-spaces";
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

// Transactions here run side by side (READ COMMITTED), so each cap's count and
// insert hold a per-person advisory lock to commit.

const BOARD_CAP_LOCK_SPACE = LOCK_SPACES.boardCap;
const SHARE_CAP_LOCK_SPACE = LOCK_SPACES.shareCap;

/**
 * Board names in the list's order: lower() (on PostgreSQL Unicode-aware, as
 * SQLite's is for ASCII) compared byte by byte, whatever the database's collation.
 */
const boardNameOrder: NameOrder = (name) => bytewise(sql`lower(${name})`);

export function postgresBoards({ db }: PostgresEngine): BoardsStore {
  const store: BoardsStore = {
    async insertBoard(row, cap) {
      return withDriverErrors(() =>
        db.transaction(async (tx) => {
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
    },

    async getBoard(id) {
      const [row] = await withDriverErrors(() => db.select().from(boards).where(eq(boards.id, id)));
      return row;
    },

    async listBoards(input) {
      if (input.ids?.length === 0) return [];
      if (input.limit !== undefined) {
        const limit = input.limit;
        // A page: its ids first (the name order, no counts or covers), then those boards in full.
        const page = await withDriverErrors(() =>
          db
            .select({ id: boards.id })
            .from(boards)
            .where(boardPage(boards, input, boardNameOrder))
            .orderBy(boardNameOrder(boards.name), asc(boards.id))
            .limit(rowLimit(limit)),
        );
        return store.listBoards({ viewerId: input.viewerId, ids: page.map((b) => b.id) });
      }
      // By name folded as SQLite's lower() folds it and then compared byte by
      // byte, whatever the database's collation; ids are COLLATE "C" already.
      return withDriverErrors(() =>
        db
          .select(boardSummaryFields({ boards, users, items: boardItems, generations }))
          .from(boards)
          .innerJoin(users, eq(users.id, boards.ownerId))
          .where(visibleBoards(boards, input))
          .orderBy(boardNameOrder(boards.name), asc(boards.id)),
      );
    },

    async countBoardPictures(input) {
      const [result] = await withDriverErrors(() =>
        db.select({ n: count() }).from(boardItems).crossJoin(generations).where(boardPictures(boardItems, generations, input)),
      );
      return Number(result?.n ?? 0);
    },

    async updateBoard(input) {
      const set = definedFields(input.patch);
      if (Object.keys(set).length === 0) return store.getBoard(input.id);
      const [row] = await withDriverErrors(() => db.update(boards).set(set).where(eq(boards.id, input.id)).returning());
      return row;
    },

    async deleteBoard(id) {
      // Its items and shares go with it (ON DELETE CASCADE); the pictures stay.
      const deleted = await withDriverErrors(() => db.delete(boards).where(eq(boards.id, id)).returning({ id: boards.id }));
      return deleted.length > 0;
    },

    async addBoardItems(input) {
      if (input.generationIds.length === 0) return 0;
      // One INSERT … SELECT: only ids that exist are selected, ones already on
      // the board are skipped by the primary key (a concurrent add of the same
      // picture waits for the first and then skips it too).
      const result = await withDriverErrors(() =>
        db.execute(sql`
          insert into ${boardItems} (${sql.identifier(boardItems.boardId.name)}, ${sql.identifier(boardItems.generationId.name)}, ${sql.identifier(boardItems.addedAt.name)})
          select ${input.boardId}::text, ${generations.id}, ${input.now}::bigint from ${generations}
          where ${generations.id} = any(${sql.param([...new Set(input.generationIds)])}::text[])
          on conflict do nothing`),
      );
      return result.rowCount ?? 0;
    },

    async removeBoardItems(input) {
      if (input.generationIds.length === 0) return 0;
      const removed = await withDriverErrors(() =>
        db
          .delete(boardItems)
          .where(and(eq(boardItems.boardId, input.boardId), sql`${boardItems.generationId} = any(${sql.param([...new Set(input.generationIds)])}::text[])`))
          .returning({ id: boardItems.generationId }),
      );
      return removed.length;
    },

    async boardHas(input) {
      const found = await withDriverErrors(() => db.select({ one: sql`1` }).from(boardItems).where(boardItem(boardItems, input)));
      return found.length > 0;
    },

    async insertShare(row, cap) {
      return withDriverErrors(() =>
        db.transaction(async (tx) => {
          if (cap) {
            await tx.execute(sql`select pg_advisory_xact_lock(${SHARE_CAP_LOCK_SPACE}, hashtext(${row.createdBy}))`);
            const [live] = await tx.select({ n: count() }).from(shares).where(liveSharesBy(shares, { createdBy: row.createdBy, now: cap.now }));
            if (Number(live?.n ?? 0) >= cap.maxLive) return false;
          }
          await tx.insert(shares).values(row);
          return true;
        }),
      );
    },

    async getShareByHash(input) {
      const [row] = await withDriverErrors(() => db.select().from(shares).where(shareWithHash(shares, input)));
      return row;
    },

    async getShare(id) {
      const [row] = await withDriverErrors(() => db.select().from(shares).where(eq(shares.id, id)));
      return row;
    },

    async listShares(input) {
      // Ids are COLLATE "C": byte order, as in SQLite.
      return withDriverErrors(() => {
        const query = db
          .select(shareSummaryFields({ shares, users, generations, boards }))
          .from(shares)
          .innerJoin(users, eq(users.id, shares.createdBy))
          .leftJoin(generations, eq(generations.id, shares.generationId))
          .leftJoin(boards, eq(boards.id, shares.boardId))
          .where(shareConditions({ shares, users, items: boardItems, generations }, input))
          .orderBy(desc(shares.id));
        return input.limit === undefined ? query : query.limit(rowLimit(input.limit));
      });
    },

    async deleteShare(id) {
      const deleted = await withDriverErrors(() => db.delete(shares).where(eq(shares.id, id)).returning({ id: shares.id }));
      return deleted.length > 0;
    },
  };
  return store;
}
