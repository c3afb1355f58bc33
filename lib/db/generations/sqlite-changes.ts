import "server-only";
import { sql } from "drizzle-orm";
import type { SqliteEngine } from "@/lib/db/sqlite/engine";
import { boardItems, deletedGenerations, favorites, generations } from "@/lib/db/sqlite/schema";
import type { GenerationChanges } from "./port";

// The gallery's change marker on SQLite: one statement of scalar subqueries.
// max(updated_at) and max(deleted_at) are read at the end of their indexes
// (SQLite's min/max optimisation: one index step each, whatever the table's
// size); the person's stars and the board's pictures are one range of their
// primary key each.

type Marks = {
  updated: number | null;
  deleted: number | null;
  stars: number;
  newestStar: number | null;
  boardCount: number;
  newestOnBoard: number | null;
};

export function sqliteChanges({ db }: SqliteEngine): GenerationChanges {
  return {
    async listingChanges({ userId, boardId }) {
      const board = boardId ?? null;
      const marks = db.get<Marks>(sql`
        select
          (select max(${generations.updatedAt}) from ${generations}) as updated,
          (select max(${deletedGenerations.deletedAt}) from ${deletedGenerations}) as deleted,
          (select count(*) from ${favorites} where ${favorites.userId} = ${userId}) as stars,
          (select max(${favorites.createdAt}) from ${favorites} where ${favorites.userId} = ${userId}) as newestStar,
          (select count(*) from ${boardItems} where ${boardItems.boardId} = ${board}) as boardCount,
          (select max(${boardItems.addedAt}) from ${boardItems} where ${boardItems.boardId} = ${board}) as newestOnBoard`);
      return {
        updated: marks.updated,
        deleted: marks.deleted,
        stars: { count: marks.stars, newest: marks.newestStar },
        ...(boardId === undefined ? {} : { board: { count: marks.boardCount, newest: marks.newestOnBoard } }),
      };
    },
  };
}
