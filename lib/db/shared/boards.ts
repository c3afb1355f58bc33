import "server-only";
import { and, desc, eq, gt, inArray, isNotNull, isNull, or, sql, type AnyColumn, type SQL, type Table } from "drizzle-orm";
import type { BoardItemsTable } from "./conditions";

// The board and share queries' pieces that both engines write alike (issue
// 14). As in conditions.ts, each engine passes its own tables.

export type BoardsTable = Table & Record<"id" | "name" | "visibility" | "ownerId", AnyColumn>;
export type SharesTable = Table & Record<"expiresAt", AnyColumn>;
type PictureColumns = Record<"id" | "status" | "imageKey", AnyColumn>;

/** Every team board and the viewer's own private ones; with `ids`, only those of them. */
export function visibleBoards(boards: BoardsTable, input: { viewerId: string; ids?: readonly string[] }): SQL {
  return and(
    or(eq(boards.visibility, "team"), eq(boards.ownerId, input.viewerId)),
    input.ids !== undefined ? inArray(boards.id, [...input.ids]) : undefined,
  )!;
}

/**
 * How many pictures are on the board: a count over its range of board_items'
 * primary key, read from the index alone. count(*) is a bigint on PostgreSQL,
 * which pg hands over as a string.
 */
export function itemCount(boards: BoardsTable, items: BoardItemsTable): SQL<number> {
  return sql<number>`(select count(*) from ${items} where ${items.boardId} = ${boards.id})`.mapWith(Number);
}

/**
 * The board's cover: the newest picture on it (greatest generation id) that
 * finished with a stored image. Walks the board's key range from its newest
 * end and stops at the first such picture: on a board of finished pictures,
 * the first one. CROSS JOIN keeps board_items outermost on SQLite, whose
 * planner would otherwise start from the completed pictures of the whole
 * gallery (the status index) and sort the board's among them; PostgreSQL
 * plans it as any inner join.
 */
export function coverId(boards: BoardsTable, items: BoardItemsTable, generations: Table & PictureColumns): SQL<string | null> {
  return sql<string | null>`(
    select ${items.generationId} from ${items} cross join ${generations}
    where ${and(
      eq(items.boardId, boards.id),
      eq(generations.id, items.generationId),
      eq(generations.status, "completed"),
      isNotNull(generations.imageKey),
    )}
    order by ${desc(items.generationId)}
    limit 1
  )`;
}

/** A link that still works at `now`: no expiry, or one still ahead. */
export function unexpiredShare(shares: SharesTable, now: number): SQL {
  return or(isNull(shares.expiresAt), gt(shares.expiresAt, now))!;
}
