import "server-only";
import { sql } from "drizzle-orm";
import type { PostgresEngine } from "@/lib/db/postgres/engine";
import { withDriverErrors } from "@/lib/db/postgres/query-parts";
import { boardItems, deletedGenerations, favorites, generations } from "@/lib/db/postgres/schema";
import type { GenerationChanges } from "./port";

// The gallery's change marker on PostgreSQL, as on SQLite: one statement (one
// round trip) of scalar subqueries. max(updated_at) and max(deleted_at) are
// one step at the end of their btree indexes; the person's stars and the
// board's pictures are one range of their primary key each. Counts and
// bigint maxima arrive as strings.

type Marks = {
  updated: string | null;
  deleted: string | null;
  stars: string;
  newest_star: string | null;
  board_count: string;
  newest_on_board: string | null;
};

const numberOrNull = (value: string | null) => (value === null ? null : Number(value));

export function postgresChanges({ db }: PostgresEngine): GenerationChanges {
  return {
    async listingChanges({ userId, boardId }) {
      const board = boardId ?? null;
      const result = await withDriverErrors(() =>
        db.execute<Marks>(sql`
          select
            (select max(${generations.updatedAt}) from ${generations}) as updated,
            (select max(${deletedGenerations.deletedAt}) from ${deletedGenerations}) as deleted,
            (select count(*) from ${favorites} where ${favorites.userId} = ${userId}::text) as stars,
            (select max(${favorites.createdAt}) from ${favorites} where ${favorites.userId} = ${userId}::text) as newest_star,
            (select count(*) from ${boardItems} where ${boardItems.boardId} = ${board}::text) as board_count,
            (select max(${boardItems.addedAt}) from ${boardItems} where ${boardItems.boardId} = ${board}::text) as newest_on_board`),
      );
      const [marks] = result.rows;
      return {
        updated: numberOrNull(marks.updated),
        deleted: numberOrNull(marks.deleted),
        stars: { count: Number(marks.stars), newest: numberOrNull(marks.newest_star) },
        ...(boardId === undefined ? {} : { board: { count: Number(marks.board_count), newest: numberOrNull(marks.newest_on_board) } }),
      };
    },
  };
}
