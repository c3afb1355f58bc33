"use client";
import { useSWRConfig } from "swr";
import useSWRInfinite, { unstable_serialize as infiniteKey } from "swr/infinite";
import type { ListBoardsResponse } from "@/lib/contract";
import { LIST_PAGE_SIZE } from "@/lib/contract-values";
import { boardsApi } from "./api";
import { mountOptions, useSeededFromServer } from "./seeded";

const pageUrl = (cursor?: string | null) => `/api/boards?limit=${LIST_PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
const pageKey = (_index: number, previous: ListBoardsResponse | null) => (previous && !previous.nextCursor ? null : pageUrl(previous?.nextCursor));

/** SWR's key for the boards' pages: the studio and board pages seed it with the first page they read (StudioProvider). */
export const BOARDS_KEY = infiniteKey(pageKey);

/**
 * The boards the person may see (every team board, their own private ones),
 * by name, a page at a time (a team may have thousands). One SWR
 * entry for the whole page: the board bar, the "Add to board" menus and the
 * board page read, extend and revalidate the same pages.
 */
export function useBoards() {
  const served = useSWRConfig().fallback[BOARDS_KEY] !== undefined;
  const seeded = useSeededFromServer(BOARDS_KEY, served);
  const { data, error, isLoading, size, setSize, mutate } = useSWRInfinite<ListBoardsResponse>(pageKey, boardsApi.page, {
    revalidateOnFocus: false,
    // "More" reads the next page only; a change revalidates them all (refresh).
    revalidateFirstPage: false,
    ...mountOptions(seeded),
  });
  const last = data?.[data.length - 1];
  return {
    boards: data?.flatMap((page) => page.items),
    error: error as Error | undefined,
    isLoading,
    /** Whether there are boards past the pages read so far. */
    hasMore: last !== undefined && last.nextCursor !== null,
    loadingMore: data !== undefined && size > data.length,
    loadMore: () => setSize((n) => n + 1),
    refresh: () => mutate(),
  };
}
