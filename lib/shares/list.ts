import "server-only";
import type { ListSharesQuery, ListSharesResponse } from "@/lib/contract";
import type { ShareFilter, UserRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import type { ServiceDeps } from "@/lib/core/deps";
import { toShare } from "./commands";

type Deps = Pick<ServiceDeps, "db" | "now">;

/**
 * Share links a page at a time, newest first: the viewer's own; with `all`
 * everyone's (admins only); with `showing=mine` the live links, whoever made
 * them, that show a picture the viewer made, each of which the
 * viewer may revoke. Narrowed to one picture or board when asked.
 */
export async function listShares(deps: Deps, input: { viewer: UserRow; query: ListSharesQuery }): Promise<ListSharesResponse> {
  const { viewer, query } = input;
  if (query.all && viewer.role !== "admin") throw new StudioError("forbidden", "Only an admin of the studio can see everyone's share links");
  const whose: ShareFilter = query.all
    ? {}
    : query.showing === "mine"
      ? { showingPicturesOf: { userId: viewer.id, name: viewer.name, now: deps.now() } }
      : { createdBy: viewer.id };
  // One more than the page: whether there is a next one.
  const rows = await deps.db.listShares({
    ...whose,
    generationId: query.generationId,
    boardId: query.boardId,
    beforeId: query.cursor,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => toShare(row, { creatorName: row.creatorName, title: row.title })),
    nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
  };
}
