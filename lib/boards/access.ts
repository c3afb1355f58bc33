import "server-only";
import type { BoardRow, StudioDatabase } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import type { Person } from "@/lib/core/person";

// Who may do what with a board. A team board is the team's: everyone sees it
// and puts pictures on it or takes them off; its owner or an admin renames,
// deletes or shares it. A private board is its owner's alone (admins too
// see nothing of it: it is private).

export const maySeeBoard = (person: Pick<Person, "id">, board: Pick<BoardRow, "visibility" | "ownerId">) =>
  board.visibility === "team" || board.ownerId === person.id;

export const mayManageBoard = (person: Pick<Person, "id" | "role">, board: Pick<BoardRow, "visibility" | "ownerId">) =>
  board.ownerId === person.id || (board.visibility === "team" && person.role === "admin");

/**
 * The board, if this person may see it. Someone else's private board answers
 * exactly like a missing one (404), so its existence is not given away.
 */
export async function mustSeeBoard(db: StudioDatabase, input: { id: string; person: Pick<Person, "id"> }): Promise<BoardRow> {
  const board = await db.getBoard(input.id);
  if (!board || !maySeeBoard(input.person, board)) throw new StudioError("not_found", "There is no board with this id");
  return board;
}

/** The board, if this person may rename, delete or share it (403 when they only see it). */
export async function mustManageBoard(db: StudioDatabase, input: { id: string; person: Pick<Person, "id" | "role"> }): Promise<BoardRow> {
  const board = await mustSeeBoard(db, input);
  if (!mayManageBoard(input.person, board)) throw new StudioError("forbidden", "Only the board's owner or an admin can do this");
  return board;
}
