import "server-only";
import { generationIdSchema } from "@/lib/contract";
import type { GenerationRow, ShareRow, UserRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { openImage } from "@/lib/generations";
import type { ServiceDeps } from "@/lib/core/deps";
import { THUMB_MAX_SIDE } from "@/lib/images";
import type { ModelId } from "@/lib/models";
import type { ServedFile } from "@/lib/storage";
import { makerMayShow, shownCreator } from "./shown";
import { hashShareToken, isShareToken, shareUrl } from "./token";

// What a share page (/s/<token>) and its image route may show: the shared
// picture, or the completed pictures on the shared board, and nothing else;
// and of those only what the link's maker could share alone (shown.ts: a
// member's board link shows the pictures she made; the maker's role is read
// now). An unknown, expired or revoked token, and a link whose maker may no
// longer share the thing, all come out as undefined (the page's one 404).

/** A board's pictures per page; older ones through `?before=<the last id>`. */
export const SHARE_PAGE_SIZE = 60;

type Deps = Pick<ServiceDeps, "db" | "now">;

export type SharedPicture = {
  id: string;
  prompt: string;
  model: ModelId;
  width: number;
  height: number;
  bytes: number;
  contentType: string;
  createdAt: number;
  /** The thumbnail's size as makeThumbnail made it (at most THUMB_MAX_SIDE), for width/height attributes. */
  thumbWidth: number;
  thumbHeight: number;
  thumbUrl: string;
  fullUrl: string;
};

export type SharedView = {
  kind: "generation" | "board";
  /** The board's name, or the picture's prompt. */
  title: string;
  pictures: SharedPicture[];
  /** The next (older) page of a board, if any. */
  olderUrl: string | null;
  /** Back to the board's first page, when this is a later one. */
  firstUrl: string | null;
};

/**
 * The live share behind a token. Besides existing and not being expired, its
 * maker must still be an enabled account, and a board that has become private
 * since is shared only by its owner (a private board is its owner's alone).
 */
async function liveShare(deps: Deps, token: string): Promise<{ share: ShareRow; maker: UserRow } | undefined> {
  if (!isShareToken(token)) return undefined;
  const share = await deps.db.getShareByHash({ tokenHash: hashShareToken(token), now: deps.now() });
  if (!share) return undefined;
  const maker = await deps.db.getUser(share.createdBy);
  if (!maker || maker.disabled) return undefined;
  if (share.boardId !== null) {
    const board = await deps.db.getBoard(share.boardId);
    if (!board || (board.visibility === "private" && board.ownerId !== share.createdBy)) return undefined;
  }
  return { share, maker };
}

/** Whether the link's maker may show this picture now (an admin: any; anyone else: their own). */
async function makerShows(deps: Deps, input: { maker: UserRow; generationId: string }): Promise<boolean> {
  if (shownCreator(input.maker) === undefined) return true;
  const row = await deps.db.getGeneration(input.generationId);
  return row !== undefined && makerMayShow(input.maker, row);
}

/** Whether the picture is on the link's board and the link's maker may show it. */
async function boardShows(deps: Deps, input: { boardId: string; maker: UserRow; generationId: string }): Promise<boolean> {
  return (await deps.db.boardHas({ boardId: input.boardId, generationId: input.generationId })) && makerShows(deps, input);
}

const hasPicture = (row: GenerationRow | undefined): row is GenerationRow => row?.status === "completed" && row.imageKey !== null;

function pictureOf(token: string, row: GenerationRow): SharedPicture {
  const base = `${shareUrl(token)}/images/${row.id}`;
  const width = row.imageWidth || THUMB_MAX_SIDE;
  const height = row.imageHeight || THUMB_MAX_SIDE;
  const scale = Math.min(1, THUMB_MAX_SIDE / Math.max(width, height));
  return {
    id: row.id,
    prompt: row.prompt,
    model: row.model,
    width,
    height,
    bytes: row.imageBytes ?? 0,
    contentType: row.imageContentType ?? "application/octet-stream",
    createdAt: row.createdAt,
    thumbWidth: Math.max(1, Math.round(width * scale)),
    thumbHeight: Math.max(1, Math.round(height * scale)),
    thumbUrl: `${base}?variant=thumb`,
    fullUrl: base,
  };
}

/** What /s/<token> shows (`before`: a board's page cursor, one of its own pictures), or undefined for a 404. */
export async function loadSharedView(deps: Deps, input: { token: string; before?: string }): Promise<SharedView | undefined> {
  const live = await liveShare(deps, input.token);
  if (!live) return undefined;
  const { share, maker } = live;
  if (share.generationId !== null) {
    if (input.before !== undefined) return undefined;
    const row = await deps.db.getGeneration(share.generationId);
    if (!hasPicture(row) || !makerMayShow(maker, row)) return undefined;
    return { kind: "generation", title: row.prompt, pictures: [pictureOf(input.token, row)], olderUrl: null, firstUrl: null };
  }
  const board = await deps.db.getBoard(share.boardId!);
  if (!board) return undefined;
  if (input.before !== undefined) {
    // Only a picture this link shows may be a cursor: the page names no other id.
    const before = generationIdSchema.safeParse(input.before);
    if (!before.success || !(await boardShows(deps, { boardId: board.id, maker, generationId: before.data }))) return undefined;
  }
  // The maker's limit is part of the query, so every page is full and the cursor exact.
  const rows = await deps.db.listGenerations({
    board: board.id,
    status: "completed",
    createdBy: shownCreator(maker),
    beforeId: input.before,
    limit: SHARE_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, SHARE_PAGE_SIZE);
  return {
    kind: "board",
    title: board.name,
    pictures: page.filter(hasPicture).map((row) => pictureOf(input.token, row)),
    olderUrl: rows.length > SHARE_PAGE_SIZE ? `${shareUrl(input.token)}?before=${page[page.length - 1].id}` : null,
    firstUrl: input.before === undefined ? null : shareUrl(input.token),
  };
}

/**
 * A stored picture through a share: only while the share is live, and only
 * the shared picture or one on the shared board, that the link's maker may
 * show (shown.ts). Anything else is the same 404.
 */
export async function openSharedImage(
  deps: ServiceDeps,
  input: { token: string; id: string; variant: "full" | "thumb" | "preview" },
): Promise<ServedFile> {
  const live = await liveShare(deps, input.token);
  const shown =
    live !== undefined &&
    generationIdSchema.safeParse(input.id).success &&
    (live.share.generationId !== null
      ? live.share.generationId === input.id && (await makerShows(deps, { maker: live.maker, generationId: input.id }))
      : await boardShows(deps, { boardId: live.share.boardId!, maker: live.maker, generationId: input.id }));
  if (!shown) throw new StudioError("not_found", "There is no picture here");
  return openImage(deps, { id: input.id, variant: input.variant });
}
