import "server-only";
import { listBoards } from "@/lib/boards";
import { GALLERY_PAGE_SIZE, LIST_PAGE_SIZE, listGenerationsQuerySchema } from "@/lib/contract";
import { NO_FILTERS, type FeedFilters, type FeedStart } from "@/lib/contract-feed";
import type { UserRow } from "@/lib/db";
import { listGenerations } from "@/lib/generations";
import { getDeps } from "@/lib/wiring";
import { sessionInfoOf } from "./session-info";

/**
 * What a studio page's client would ask for first (GET /api/session, the
 * gallery's first page under the page's own filter, the active list, the
 * boards), read with the page and sent with its HTML: thumbnails start loading
 * before any script runs, and the header, board bar and gallery never change
 * size at hydration.
 */
export async function feedStartFor(user: UserRow, filter: Partial<FeedFilters> = {}): Promise<FeedStart> {
  const deps = await getDeps();
  // The page's own filters (its address's query, checked by lib/server/page-filters.ts), so the first HTML is the filtered gallery.
  const filters: FeedFilters = { ...NO_FILTERS, ...filter };
  const { q, model, status, favorite, mine, board, batch, run, versions } = filters;
  const query = { q: q.trim() || undefined, model: model || undefined, status: status === "all" ? undefined : status, favorite: favorite ? "1" : undefined, mine: mine ? "1" : undefined, board, batch, run, versions };
  const [session, firstPage, active, boards] = await Promise.all([
    sessionInfoOf(user),
    listGenerations(deps, { query: listGenerationsQuerySchema.parse({ limit: GALLERY_PAGE_SIZE, ...query }), viewer: user }),
    listGenerations(deps, { query: listGenerationsQuerySchema.parse({ status: "active", limit: 100 }), viewer: user }),
    // The board bar's first page; more come when asked for.
    listBoards(deps, { viewer: user, limit: LIST_PAGE_SIZE }),
  ]);
  return { session, firstPage, active, boards, filters };
}
