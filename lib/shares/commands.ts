import "server-only";
import type { CreatedShare, Share } from "@/lib/contract";
import { shareIdSchema } from "@/lib/contract";
import type { ShareRow, UserRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { mustManageBoard } from "@/lib/boards/access";
import { mayManage, type GenerationDeps } from "@/lib/generations";
import { newShareId } from "@/lib/generations/ids";
import { logger } from "@/lib/log";
import { hashShareToken, newShareToken, shareUrl } from "./token";

// Share links (issue 14): a public, read-only link to one picture or one
// board. Whoever may manage the thing may share it; the link is shown once, in
// the answer to the create, and dies when its row is deleted (revoked, or the
// picture or board deleted: the database cascades). Logs name the share's id,
// never its token.

type Deps = Pick<GenerationDeps, "db" | "now">;
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
    return { generationId: null, boardId: board.id, title: board.name };
  }
  const row = input.generationId === undefined ? undefined : await deps.db.getGeneration(input.generationId);
  if (!row) throw new StudioError("not_found", "There is no generation with this id");
  if (!mayManage(input.viewer, row)) throw new StudioError("forbidden", "Only the picture's creator or an admin can share it");
  if (row.status !== "completed" || row.imageKey === null) {
    throw new StudioError("invalid_request", "Only a finished picture can be shared; this one is " + (row.status === "failed" ? "failed" : "not finished yet"));
  }
  return { generationId: row.id, boardId: null, title: row.prompt };
}

export async function createShare(
  deps: Deps,
  input: { viewer: UserRow; generationId?: string; boardId?: string; expiresInDays?: number | null },
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
  await deps.db.insertShare(row);
  logger.info({ user: input.viewer.name, shareId: row.id, generationId: row.generationId, boardId: row.boardId }, "share link created");
  return { ...toShare(row, { creatorName: input.viewer.name, title: target.title }), url: shareUrl(token) };
}

/** The viewer's own links, or everyone's (admins only), newest first. */
export async function listShares(deps: Deps, input: { viewer: UserRow; all: boolean }): Promise<Share[]> {
  if (input.all && input.viewer.role !== "admin") throw new StudioError("forbidden", "Only an admin of the studio can see everyone's share links");
  const rows = await deps.db.listShares(input.all ? {} : { createdBy: input.viewer.id });
  return rows.map((row) => toShare(row, { creatorName: row.creatorName, title: row.title }));
}

/** Revokes a link: one's own, or anyone's for an admin. Someone else's is "not found", so ids tell nothing. */
export async function revokeShare(deps: Deps, input: { viewer: UserRow; id: string }): Promise<void> {
  const row = shareIdSchema.safeParse(input.id).success ? await deps.db.getShare(input.id) : undefined;
  if (!row || (row.createdBy !== input.viewer.id && input.viewer.role !== "admin")) {
    throw new StudioError("not_found", "There is no share link with this id");
  }
  await deps.db.deleteShare(row.id);
  logger.info({ user: input.viewer.name, shareId: row.id, owner: row.createdBy }, "share link revoked");
}
