"use client";
import { matchingIdsUrl } from "@/lib/client/api";
import type { FeedFilters } from "@/lib/contract-feed";

/**
 * GET /api/generations/ids for the filters the gallery lists with:
 * the same parameters as its pages, finished pictures only, so "all N
 * matching" is what paging down would let one select. It also names the
 * selection's scope: another filter, another URL, and a selection of all
 * matching is let go.
 */
export function matchingScope(filters: FeedFilters, page: { board?: string; batch?: string | null }): string {
  return matchingIdsUrl({
    q: filters.q,
    model: filters.model || undefined,
    favorite: filters.favorite,
    mine: filters.mine,
    // Only finished pictures can be selected (the gallery's checkboxes, a ZIP):
    // under "failed" or "in progress" nothing is, and the scope says so.
    status: filters.status === "all" || filters.status === "completed" ? "completed" : filters.status,
    board: page.board ?? filters.board,
    batch: filters.batch ?? page.batch ?? undefined,
    run: filters.run,
    versions: filters.versions,
  });
}
