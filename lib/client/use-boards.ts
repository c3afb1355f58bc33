"use client";
import useSWR from "swr";
import type { Board } from "@/lib/contract";
import { boardsApi } from "./api";

/**
 * The boards the person may see (every team board, their own private ones),
 * one SWR entry for the whole page: the board bar, the "Add to board" menus
 * and the board page read and revalidate the same list.
 */
export function useBoards() {
  const { data, error, isLoading, mutate } = useSWR<Board[]>(boardsApi.url, () => boardsApi.list(), { revalidateOnFocus: false });
  return { boards: data, error: error as Error | undefined, isLoading, refresh: () => mutate() };
}
