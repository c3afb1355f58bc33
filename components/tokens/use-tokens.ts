"use client";
import { tokensApi } from "@/lib/client/api";
import { useCursorPages } from "@/lib/client/use-cursor-pages";
import type { ApiToken } from "@/lib/contract";

/** A token list a page at a time (GET /api/tokens pages by cursor); null: nothing to read. */
function useTokenPages(url: string | null) {
  return useCursorPages<ApiToken>(url, tokensApi.list);
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
