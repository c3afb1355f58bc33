import "server-only";
import type { CreatedShare, Share, SharePreview } from "@/lib/contract";
import { shareIdSchema } from "@/lib/contract";
import type { BoardRow, ShareRow, UserRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { mustManageBoard } from "@/lib/boards/access";
import { mayManage } from "@/lib/core/person";
import type { ServiceDeps } from "@/lib/core/deps";
import { newShareId } from "@/lib/core/ids";
import { logger } from "@/lib/log";
import { shownCreator } from "./shown";
import { hashShareToken, newShareToken, shareUrl } from "./token";

// Share links: a public, read-only link to one picture or one
// board. Whoever may manage the thing may share it; the link is shown once, in
// the answer to the create, and dies when its row is deleted (revoked, or the
// picture or board deleted: the database cascades). Logs name the share's id,
// never its token. A link shows only what its maker could share
// alone (shown.ts), a person has at most so many live links, and whoever made
// a picture may revoke any link that shows it.

type Deps = Pick<ServiceDeps, "db" | "now">;
const DAY_MS = 86_400_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toShare(row: ShareRow, input: { creatorName: string; title: string }): Share {
  return {
    id: row.id,
    kind: row.boardId === null ? "generation" : "board",
    generationId: row.generationId,
    boardId: row.boardId,
    title: input.title,
    createdBy: input.creatorName,
    createdAt: iso(row.createdAt)!,
    expiresAt: iso(row.expiresAt),
  };
}

/** What a new link points at, once the viewer is known to be allowed to share it. */
async function targetOf(deps: Deps, input: { viewer: UserRow; generationId?: string; boardId?: string }) {
  if (input.boardId !== undefined) {
    // Someone else's private board is a 404, as if missing; a team board they only see is a 403.
    const board = await mustManageBoard(deps.db, { id: input.boardId, person: input.viewer });
    return { generationId: null, boardId: board.id, title: board.name, board };
  }
  const row = input.generationId === undefined ? undefined : await deps.db.getGeneration(input.generationId);
  if (!row) throw new StudioError("not_found", "There is no generation with this id");
  if (!mayManage(input.viewer, row)) throw new StudioError("forbidden", "Only the picture's creator or an admin can share it");
  if (row.status !== "completed" || row.imageKey === null) {
    throw new StudioError("invalid_request", "Only a finished picture can be shared; this one is " + (row.status === "failed" ? "failed" : "not finished yet"));
  }
  return { generationId: row.id, boardId: null, title: row.prompt, board: undefined };
}

/** What a link to the board made by `maker` would show now, and how many finished pictures it leaves out. */
async function previewOf(deps: Deps, input: { board: BoardRow; maker: UserRow }): Promise<SharePreview> {
  const all = await deps.db.countBoardPictures({ boardId: input.board.id });
  const creator = shownCreator(input.maker);
  const pictures = creator === undefined ? all : await deps.db.countBoardPictures({ boardId: input.board.id, createdBy: creator });
  return { pictures, hiddenPictures: all - pictures };
}

/** Before a board link is made: what it would show and leave out (whoever may share the board may ask). */
export async function previewBoardShare(deps: Deps, input: { viewer: UserRow; boardId: string }): Promise<SharePreview> {
  const board = await mustManageBoard(deps.db, { id: input.boardId, person: input.viewer });
  return previewOf(deps, { board, maker: input.viewer });
}

/** A new link, while the viewer has fewer than `maxLive` live ones (past it a 429 naming the cap, nothing made). */
export async function createShare(
  deps: Deps,
  input: { viewer: UserRow; generationId?: string; boardId?: string; expiresInDays?: number | null; maxLive: number },
): Promise<CreatedShare> {
  const target = await targetOf(deps, input);
  const now = deps.now();
  const token = newShareToken();
  const row: ShareRow = {
    id: newShareId(now),
    tokenHash: hashShareToken(token),
    generationId: target.generationId,
    boardId: target.boardId,
    createdBy: input.viewer.id,
    createdAt: now,
    expiresAt: input.expiresInDays ? now + input.expiresInDays * DAY_MS : null,
  };
  if (!(await deps.db.insertShare(row, { maxLive: input.maxLive, now }))) {
    throw new StudioError(
      "quota_exceeded",
      `You already have ${input.maxLive} share links that work, the most one person may have here; revoke one you no longer need (or wait for one to expire) to make another`,
    );
  }
  const hiddenPictures = target.board ? (await previewOf(deps, { board: target.board, maker: input.viewer })).hiddenPictures : 0;
  logger.info({ user: input.viewer.name, shareId: row.id, generationId: row.generationId, boardId: row.boardId, hiddenPictures }, "share link created");
  return { ...toShare(row, { creatorName: input.viewer.name, title: target.title }), url: shareUrl(token), hiddenPictures };
}

/**
 * Revokes a link: one's own, anyone's for an admin, or one that shows a
 * picture the viewer made (a creator may take down whatever
 * publishes her pictures). Any other is "not found", as a missing one, so
 * ids tell nothing and nothing changes.
 */
export async function revokeShare(deps: Deps, input: { viewer: UserRow; id: string }): Promise<void> {
  const row = shareIdSchema.safeParse(input.id).success ? await deps.db.getShare(input.id) : undefined;
  const allowed =
    row !== undefined &&
    (row.createdBy === input.viewer.id ||
      input.viewer.role === "admin" ||
      (await deps.db.listShares({ id: row.id, showingPicturesOf: { userId: input.viewer.id, name: input.viewer.name, now: deps.now() } })).length > 0);
  if (!row || !allowed) throw new StudioError("not_found", "There is no share link with this id");
  await deps.db.deleteShare(row.id);
  logger.info({ user: input.viewer.name, shareId: row.id, owner: row.createdBy }, "share link revoked");
}
