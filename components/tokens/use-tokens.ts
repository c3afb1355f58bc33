"use client";
import useSWRInfinite from "swr/infinite";
import { tokensApi } from "@/lib/client/api";
import type { ApiToken, ApiTokenPage } from "@/lib/contract";

/** A token list a page at a time (GET /api/tokens pages by cursor); null: nothing to read. */
function useTokenPages(url: string | null) {
  const key = (_index: number, previous: ApiTokenPage | null) => {
    if (url === null || (previous && !previous.nextCursor)) return null;
    return previous ? `${url}${url.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(previous.nextCursor!)}` : url;
  };
  const { data, error, size, setSize, mutate } = useSWRInfinite<ApiTokenPage>(key, tokensApi.list, { revalidateFirstPage: false });
  const last = data?.[data.length - 1];
  const items: ApiToken[] | undefined = data?.flatMap((page) => page.items);
  return {
    items,
    error: error as Error | undefined,
    hasMore: last !== undefined && last.nextCursor !== null,
    loadingMore: data !== undefined && size > data.length,
    loadMore: () => void setSize((n) => n + 1),
    refresh: () => void mutate(),
  };
}

export type TokenPages = ReturnType<typeof useTokenPages>;

/** One's own tokens (one page holds all a person may have), and everyone's for an admin; `refresh` reloads both after a change. */
export function useTokens(isAdmin: boolean) {
  const mine = useTokenPages(tokensApi.mineUrl);
  const everyone = useTokenPages(isAdmin ? tokensApi.everyoneUrl : null);
  function refresh() {
    mine.refresh();
    if (isAdmin) everyone.refresh();
  }
  return { mine, everyone, refresh };
}
