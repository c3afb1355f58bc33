"use client";
import { tokensApi } from "@/lib/client/api";
import { useCursorPages } from "@/lib/client/use-cursor-pages";
import type { ApiToken, ApiTokenPage } from "@/lib/contract";
import type { TokensStart } from "@/lib/contract-feed";

/** A token list a page at a time (GET /api/tokens pages by cursor); null: nothing to read. */
function useTokenPages(url: string | null, first?: ApiTokenPage | null) {
  return useCursorPages<ApiToken>(url, tokensApi.list, {}, first);
}

export type TokenPages = ReturnType<typeof useTokenPages>;

/**
 * One's own tokens (one page holds all a person may have), and everyone's for
 * an admin, starting from the first pages the server read with the page;
 * `refresh` reloads both after a change.
 */
export function useTokens(isAdmin: boolean, start?: TokensStart) {
  const mine = useTokenPages(tokensApi.mineUrl, start?.mine);
  const everyone = useTokenPages(isAdmin ? tokensApi.everyoneUrl : null, start?.everyone);
  function refresh() {
    mine.refresh();
    if (isAdmin) everyone.refresh();
  }
  return { mine, everyone, refresh };
}
