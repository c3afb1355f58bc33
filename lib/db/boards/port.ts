import "server-only";

// Boards (named sets of pictures) and share links (public, read-only links to
// a picture or a board): their rows and the store both engines implement.
// Times are Unix milliseconds.

export type BoardVisibility = "team" | "private";

/** A named collection of pictures; the pictures stay when it goes. */
export type BoardRow = {
  id: string;
  /** 1 to 100 characters; not unique. */
  name: string;
  visibility: BoardVisibility;
  /** users.id of the person who made it. */
  ownerId: string;
  createdAt: number;
  updatedAt: number;
};

/** A board as a list shows it: who owns it, how many pictures, which one is its cover. */
export type BoardSummary = BoardRow & {
  ownerName: string;
  count: number;
  /** The newest completed picture on it (by generation id), or null. */
  coverId: string | null;
};

/**
 * A public, read-only link to one picture or one board. Only the SHA-256 of
 * the link's token is kept. Exactly one of generationId / boardId.
 */
export type ShareRow = {
  id: string;
  tokenHash: string;
  generationId: string | null;
  boardId: string | null;
  /** users.id of the person who made the link. */
  createdBy: string;
  createdAt: number;
  /** Null: until revoked. */
  expiresAt: number | null;
};

/** A share as its list shows it: what it points at, in words. */
export type ShareSummary = ShareRow & {
  creatorName: string;
  /** The picture's prompt, or the board's name. */
  title: string;
};

/** Where a page of boards ends: the last board's name and id, as the list orders them. */
export type BoardCursor = { name: string; id: string };

/**
 * Which share links a list holds; the conditions combine. Newest first (by
 * id: share ids are ULIDs of their creation time).
 */
export type ShareFilter = {
  /** Made by this account (a users.id). */
  createdBy?: string;
  /**
   * Only links, unexpired at `now`, that show (or, their maker enabled again,
   * would show) a picture this person made: a link to one of their pictures,
   * whoever made it, or a link to a board holding one of their pictures made
   * by themselves or by someone who is an admin now (a member's board link
   * shows only its maker's pictures).
   */
  showingPicturesOf?: { userId: string; name: string; now: number };
  /** Links to this picture, or to this board. */
  generationId?: string;
  boardId?: string;
  /** This link only (a check of whether it matches the other conditions). */
  id?: string;
  /** Keyset: only ids strictly smaller (older) than this. */
  beforeId?: string;
  /** Absent: every matching link. */
  limit?: number;
};

export interface BoardsStore {
  // Boards.
  /**
   * Inserts the board; with `cap`, only while its owner has fewer than
   * `maxOwned` boards, checked and written as one step per owner (concurrent
   * inserts by one person count one after another). False: refused by the cap.
   */
  insertBoard(row: BoardRow, cap?: { maxOwned: number }): Promise<boolean>;
  getBoard(id: string): Promise<BoardRow | undefined>;
  /**
   * The boards a person may see: every team board and their own private ones
   * (with `ids`, only those of them), with counts and covers, by name
   * (case-insensitive), then id. With `limit`, one page: the first `limit`
   * boards after `after` in that order.
   */
  listBoards(input: { viewerId: string; ids?: string[]; after?: BoardCursor; limit?: number }): Promise<BoardSummary[]>;
  /**
   * How many finished pictures (with a stored image, as a share page shows
   * them) are on the board; with `createdBy` (a person's name), only theirs.
   */
  countBoardPictures(input: { boardId: string; createdBy?: string }): Promise<number>;
  updateBoard(input: { id: string; patch: Partial<Pick<BoardRow, "name" | "visibility" | "updatedAt">> }): Promise<BoardRow | undefined>;
  /** Deletes the board, its items and its shares; never a picture. True when it existed. */
  deleteBoard(id: string): Promise<boolean>;
  /**
   * Puts the generations that exist on the board, in one statement; ids already
   * on it or unknown are skipped. How many were added.
   */
  addBoardItems(input: { boardId: string; generationIds: string[]; now: number }): Promise<number>;
  /** How many were removed. */
  removeBoardItems(input: { boardId: string; generationIds: string[] }): Promise<number>;
  /** Whether the generation is on the board (a share page's image check). */
  boardHas(input: { boardId: string; generationId: string }): Promise<boolean>;

  // Share links.
  /**
   * Inserts the link; with `cap`, only while its maker has fewer than
   * `maxLive` links unexpired at `now` (one step per maker, as insertBoard's
   * cap). False: refused by the cap.
   */
  insertShare(row: ShareRow, cap?: { maxLive: number; now: number }): Promise<boolean>;
  /** The share with this token hash, while it has not expired at `now`. */
  getShareByHash(input: { tokenHash: string; now: number }): Promise<ShareRow | undefined>;
  getShare(id: string): Promise<ShareRow | undefined>;
  /** The links the filter names (everyone's for `{}`), newest first. */
  listShares(input: ShareFilter): Promise<ShareSummary[]>;
  /** True when a share was deleted (its link is dead from then on). */
  deleteShare(id: string): Promise<boolean>;
}
