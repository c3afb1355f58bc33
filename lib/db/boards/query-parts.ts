import "server-only";
import { and, desc, eq, getTableColumns, gt, inArray, isNotNull, isNull, lt, or, sql, type AnyColumn, type SQL, type Table } from "drizzle-orm";
import type { BoardItemsTable } from "@/lib/db/shared/conditions";
import type { BoardCursor, ShareFilter } from "./port";

// The board and share queries' pieces that both engines write alike. As in
// lib/db/shared/conditions.ts, each engine passes its own tables: drizzle's
// operators take either dialect's columns.

export type BoardsTable = Table & Record<"id" | "name" | "visibility" | "ownerId", AnyColumn>;
export type SharesTable = Table & Record<"expiresAt", AnyColumn>;
type PictureColumns = Record<"id" | "status" | "imageKey", AnyColumn>;
type UserNames = Table & Record<"id" | "name", AnyColumn>;
/** How an engine orders board names (its lower(), compared as it sorts): the list's key and its cursor's. */
export type NameOrder = (name: AnyColumn | SQL) => SQL;

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

/**
 * A board list's columns: the board's own, its owner's name, its picture
 * count and its cover (the query joins `users` on the owner).
 */
export function boardSummaryFields<B extends BoardsTable, U extends UserNames>(tables: {
  boards: B;
  users: U;
  items: BoardItemsTable;
  generations: Table & PictureColumns;
}) {
  const { boards, users, items, generations } = tables;
  return {
    ...getTableColumns(boards),
    ownerName: users.name as U["name"],
    count: itemCount(boards, items),
    coverId: coverId(boards, items, generations),
  };
}

/** A page's boards: those the viewer may see, after the cursor (if any) in the list's order. */
export function boardPage(boards: BoardsTable, input: { viewerId: string; after?: BoardCursor }, order: NameOrder): SQL {
  return and(visibleBoards(boards, input), input.after ? boardsAfter(boards, input.after, order) : undefined)!;
}

/** One picture's item on one board. */
export function boardItem(items: BoardItemsTable, input: { boardId: string; generationId: string }): SQL {
  return and(eq(items.boardId, input.boardId), eq(items.generationId, input.generationId))!;
}

/** A link that still works at `now`: no expiry, or one still ahead. */
export function unexpiredShare(shares: SharesTable, now: number): SQL {
  return or(isNull(shares.expiresAt), gt(shares.expiresAt, now))!;
}

/** A maker's links unexpired at `now`: what the cap on live links counts. */
export function liveSharesBy(shares: SharesTable & Record<"createdBy", AnyColumn>, input: { createdBy: string; now: number }): SQL {
  return and(eq(shares.createdBy, input.createdBy), unexpiredShare(shares, input.now))!;
}

/** The link with this token hash, while it works at `now`. */
export function shareWithHash(shares: SharesTable & Record<"tokenHash", AnyColumn>, input: { tokenHash: string; now: number }): SQL {
  return and(eq(shares.tokenHash, input.tokenHash), unexpiredShare(shares, input.now))!;
}

/**
 * A share list's columns: the link's own, its maker's name and its title (the
 * picture's prompt or the board's name; the query joins `users` on the maker
 * and left-joins the picture and the board).
 */
export function shareSummaryFields<S extends SharesTable, U extends UserNames>(tables: {
  shares: S;
  users: U;
  generations: Record<"prompt", AnyColumn>;
  boards: BoardsTable;
}) {
  const { shares, users, generations, boards } = tables;
  return {
    ...getTableColumns(shares),
    creatorName: users.name as U["name"],
    title: sql<string>`coalesce(${generations.prompt}, ${boards.name}, '')`,
  };
}

/**
 * The boards after a page's last one, in the list's order: by
 * folded name, then id. The cursor's name is folded by the same SQL as the
 * column, so both engines page exactly as they sort. The cast gives
 * PostgreSQL a type for the parameter (lower() is overloaded).
 */
export function boardsAfter(boards: BoardsTable, cursor: BoardCursor, order: NameOrder): SQL {
  const key = order(boards.name);
  const at = order(sql`cast(${cursor.name} as text)`);
  return or(sql`${key} > ${at}`, and(sql`${key} = ${at}`, gt(boards.id, cursor.id)))!;
}

/** The finished pictures on a board that a share page could show (with `createdBy`: that person's only). */
export function boardPictures(
  items: BoardItemsTable,
  generations: Table & PictureColumns & Record<"createdBy", AnyColumn>,
  input: { boardId: string; createdBy?: string },
): SQL {
  return and(
    eq(items.boardId, input.boardId),
    eq(generations.id, items.generationId),
    eq(generations.status, "completed"),
    isNotNull(generations.imageKey),
    input.createdBy !== undefined ? eq(generations.createdBy, input.createdBy) : undefined,
  )!;
}

type ShareColumns = Table & Record<"id" | "generationId" | "boardId" | "createdBy" | "expiresAt", AnyColumn>;
type UserColumns = Table & Record<"id" | "role", AnyColumn>;

/**
 * Links that show a picture this person made (see
 * ShareFilter.showingPicturesOf): unexpired, and either a link to one of
 * their pictures, or a board link whose board holds one of their pictures and
 * whose maker is that person or an admin now (a member's board link shows
 * only its maker's pictures). Correlated EXISTS probes, each on a primary key
 * or the board's range of board_items: cheap per link.
 */
export function showsPicturesOf(
  tables: { shares: ShareColumns; users: UserColumns; items: BoardItemsTable; generations: Table & Record<"id" | "createdBy", AnyColumn> },
  input: { userId: string; name: string; now: number },
): SQL {
  const { shares, users, items, generations } = tables;
  const theirPicture = sql`exists (select 1 from ${generations} where ${and(eq(generations.id, shares.generationId), eq(generations.createdBy, input.name))})`;
  const makerMayShowAll = or(
    eq(shares.createdBy, input.userId),
    sql`exists (select 1 from ${users} where ${and(eq(users.id, shares.createdBy), eq(users.role, "admin"))})`,
  );
  const onTheBoard = sql`exists (select 1 from ${items} cross join ${generations} where ${and(
    eq(items.boardId, shares.boardId),
    eq(generations.id, items.generationId),
    eq(generations.createdBy, input.name),
  )})`;
  return and(unexpiredShare(shares, input.now), or(theirPicture, and(isNotNull(shares.boardId), makerMayShowAll, onTheBoard)))!;
}

/** A share list's WHERE (undefined: every link). */
export function shareConditions(tables: Parameters<typeof showsPicturesOf>[0], filter: ShareFilter): SQL | undefined {
  const { shares } = tables;
  return and(
    filter.createdBy !== undefined ? eq(shares.createdBy, filter.createdBy) : undefined,
    filter.showingPicturesOf !== undefined ? showsPicturesOf(tables, filter.showingPicturesOf) : undefined,
    filter.generationId !== undefined ? eq(shares.generationId, filter.generationId) : undefined,
    filter.boardId !== undefined ? eq(shares.boardId, filter.boardId) : undefined,
    filter.id !== undefined ? eq(shares.id, filter.id) : undefined,
    filter.beforeId !== undefined ? lt(shares.id, filter.beforeId) : undefined,
  );
}
