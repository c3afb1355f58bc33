import "server-only";
import type { Board, BoardVisibility, ListBoardsResponse } from "@/lib/contract";
import type { BoardSummary, StudioDatabase } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { mustGetAll } from "@/lib/core/picture-ids";
import type { ServiceDeps } from "@/lib/core/deps";
import { newBoardId } from "@/lib/core/ids";
import type { Person } from "@/lib/core/person";
import { logger } from "@/lib/log";
import { mayManageBoard, mustManageBoard, mustSeeBoard } from "./access";
import { decodeBoardCursor, encodeBoardCursor } from "./cursor";

// Boards: named collections of pictures, the team's or one
// person's. A board holds references to pictures, never the pictures: deleting
// a board, or taking a picture off it, deletes no picture.

type Deps = Pick<ServiceDeps, "db" | "now">;

export function toBoard(row: BoardSummary, viewer: Pick<Person, "id" | "role">): Board {
  return {
    id: row.id,
    name: row.name,
    visibility: row.visibility,
    owner: row.ownerName,
    count: row.count,
    coverUrl: row.coverId ? `/api/images/${row.coverId}?variant=thumb` : null,
    createdAt: new Date(row.createdAt).toISOString(),
    canManage: mayManageBoard(viewer, row),
  };
}

/**
 * Every team board and the viewer's private ones, by name, a page at a time
 * (a team's boards are many; a page reads counts and covers for its
 * own boards only). `cursor`: a previous page's nextCursor.
 */
export async function listBoards(deps: Deps, input: { viewer: Person; limit: number; cursor?: string }): Promise<ListBoardsResponse> {
  const after = input.cursor === undefined ? undefined : decodeBoardCursor(input.cursor);
  // One more than the page: whether there is a next one.
  const rows = await deps.db.listBoards({ viewerId: input.viewer.id, after, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => toBoard(row, input.viewer)),
    nextCursor: rows.length > input.limit && last ? encodeBoardCursor(last) : null,
  };
}

/** One board as the viewer sees it (404 when they may not: listBoards only lists what they see). */
export async function getBoard(deps: Deps, input: { id: string; viewer: Person }): Promise<Board> {
  return summaryOf(deps.db, input.id, input.viewer);
}

/**
 * A new board of the viewer's, while they own fewer than `maxOwned`
 * (every studio page lists boards, so one person's thousands would weigh on
 * everyone's); past it a 429 naming the cap, and nothing made.
 */
export async function createBoard(deps: Deps, input: { viewer: Person; name: string; visibility: BoardVisibility; maxOwned: number }): Promise<Board> {
  const now = deps.now();
  const id = newBoardId(now);
  const row = { id, name: input.name, visibility: input.visibility, ownerId: input.viewer.id, createdAt: now, updatedAt: now };
  if (!(await deps.db.insertBoard(row, { maxOwned: input.maxOwned }))) {
    throw new StudioError(
      "quota_exceeded",
      `You already have ${input.maxOwned} boards, the most one person may have here; delete one you no longer need to make another`,
    );
  }
  logger.info({ user: input.viewer.name, board: id, visibility: input.visibility }, "board created");
  return summaryOf(deps.db, id, input.viewer);
}

export async function updateBoard(
  deps: Deps,
  input: { id: string; viewer: Person; patch: { name?: string; visibility?: BoardVisibility } },
): Promise<Board> {
  const board = await mustManageBoard(deps.db, { id: input.id, person: input.viewer });
  // Only its owner may make a team board private: an admin doing it would
  // hide the board from themselves and hand it to the owner alone.
  if (input.patch.visibility === "private" && board.ownerId !== input.viewer.id) {
    throw new StudioError("forbidden", "Only the board's owner can make it private");
  }
  await deps.db.updateBoard({ id: board.id, patch: { ...input.patch, updatedAt: deps.now() } });
  return summaryOf(deps.db, board.id, input.viewer);
}

/** Deletes the board and its share links; every picture on it stays in the gallery. */
export async function deleteBoard(deps: Deps, input: { id: string; viewer: Person }): Promise<void> {
  const board = await mustManageBoard(deps.db, { id: input.id, person: input.viewer });
  await deps.db.deleteBoard(board.id);
  logger.info({ user: input.viewer.name, board: board.id }, "board deleted");
}

/**
 * Puts pictures on a board anyone who sees it may add to. Every id must name
 * a picture that exists: one unknown id refuses the whole request (404 naming
 * it) before anything is added.
 */
export async function addToBoard(deps: Deps, input: { id: string; viewer: Person; generationIds: string[] }): Promise<{ board: Board; changed: number }> {
  const board = await mustSeeBoard(deps.db, { id: input.id, person: input.viewer });
  await mustGetAll(deps, input.generationIds, "nothing was added");
  const changed = await deps.db.addBoardItems({ boardId: board.id, generationIds: input.generationIds, now: deps.now() });
  return { board: await summaryOf(deps.db, board.id, input.viewer), changed };
}

/** Takes pictures off a board (ids not on it are no error: the outcome is the same). */
export async function removeFromBoard(deps: Deps, input: { id: string; viewer: Person; generationIds: string[] }): Promise<{ board: Board; changed: number }> {
  const board = await mustSeeBoard(deps.db, { id: input.id, person: input.viewer });
  const changed = await deps.db.removeBoardItems({ boardId: board.id, generationIds: input.generationIds });
  return { board: await summaryOf(deps.db, board.id, input.viewer), changed };
}

async function summaryOf(db: StudioDatabase, id: string, viewer: Person): Promise<Board> {
  const [row] = await db.listBoards({ viewerId: viewer.id, ids: [id] });
  // Deleted meanwhile (or made private by its owner): as if it never was.
  if (!row) throw new StudioError("not_found", "There is no board with this id");
  return toBoard(row, viewer);
}
