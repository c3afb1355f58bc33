"use client";
import useSWRInfinite from "swr/infinite";
import type { ListSharesResponse, Share } from "@/lib/contract";
import { sharesApi } from "@/lib/client/api";

/**
 * Share links a page at a time (issue 21), for a list URL with its filter
 * (`/api/shares?boardId=…`, `?showing=mine`, …; null: nothing to read).
 * `refresh` re-reads every page read so far, after a create or a revoke.
 */
export function useSharePages(url: string | null) {
  const key = (_index: number, previous: ListSharesResponse | null) => {
    if (url === null || (previous && !previous.nextCursor)) return null;
    return previous ? `${url}${url.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(previous.nextCursor!)}` : url;
  };
  const { data, error, isLoading, size, setSize, mutate } = useSWRInfinite<ListSharesResponse>(key, sharesApi.page, {
    revalidateOnFocus: false,
    revalidateFirstPage: false,
  });
  const last = data?.[data.length - 1];
  const shares: Share[] | undefined = data?.flatMap((page) => page.items);
  return {
    shares,
    error: error as Error | undefined,
    isLoading,
    hasMore: last !== undefined && last.nextCursor !== null,
    loadingMore: data !== undefined && size > data.length,
    loadMore: () => setSize((n) => n + 1),
    refresh: () => mutate(),
  };
}
