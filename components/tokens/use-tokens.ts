"use client";
import useSWR from "swr";
import { tokensApi } from "@/lib/client/api";

/** One's own tokens, and everyone's for an admin; `refresh` reloads both after a change. */
export function useTokens(isAdmin: boolean) {
  const mine = useSWR(tokensApi.mineUrl, tokensApi.list);
  const everyone = useSWR(isAdmin ? tokensApi.everyoneUrl : null, tokensApi.list);
  function refresh() {
    void mine.mutate();
    if (isAdmin) void everyone.mutate();
  }
  return { mine, everyone, refresh };
}
