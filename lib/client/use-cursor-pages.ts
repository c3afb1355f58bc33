"use client";
import useSWRInfinite, { unstable_serialize as infiniteKey, type SWRInfiniteConfiguration } from "swr/infinite";
import { mountOptions, useSeededFromServer } from "./seeded";

/** One page of a list the API pages by cursor (`{ items, nextCursor }`). */
export type CursorPage<T> = { items: T[]; nextCursor: string | null };

/**
 * A list read a page at a time (boards, share links, tokens), for a
 * list URL with its filter (null: nothing to read). The next page is the same
 * URL with the previous page's cursor. `refresh` re-reads every page read so
 * far, after a create or a revoke. `first`: the first page as the server
 * read it with the page, shown at once and not asked for again at mount.
 */
export function useCursorPages<T>(
  url: string | null,
  fetchPage: (url: string) => Promise<CursorPage<T>>,
  options: SWRInfiniteConfiguration = {},
  first?: CursorPage<T> | null,
) {
  const key = (_index: number, previous: CursorPage<T> | null) => {
    if (url === null || (previous && !previous.nextCursor)) return null;
    return previous ? `${url}${url.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(previous.nextCursor!)}` : url;
  };
  // "More" reads the next page only; a change revalidates them all (refresh).
  const seeded = useSeededFromServer(infiniteKey(key), Boolean(first));
  const { data, error, isLoading, size, setSize, mutate } = useSWRInfinite<CursorPage<T>>(key, fetchPage, {
    revalidateFirstPage: false,
    ...(first ? { fallbackData: [first] } : {}),
    ...mountOptions(seeded),
    ...options,
  });
  const last = data?.[data.length - 1];
  return {
    items: data?.flatMap((page) => page.items),
    error: error as Error | undefined,
    isLoading,
    hasMore: last !== undefined && last.nextCursor !== null,
    loadingMore: data !== undefined && size > data.length,
    loadMore: () => void setSize((n) => n + 1),
    refresh: () => void mutate(),
  };
}
