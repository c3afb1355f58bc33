"use client";
import useSWR, { useSWRConfig } from "swr";
import type { Board } from "@/lib/contract";
import { boardsApi } from "./api";
import { mountOptions, useSeededFromServer } from "./seeded";

/**
 * The boards the person may see (every team board, their own private ones),
 * one SWR entry for the whole page: the board bar, the "Add to board" menus
 * and the board page read and revalidate the same list.
 */
export function useBoards() {
  // The studio and board pages put the boards they read into SWR's fallback (StudioProvider).
  const served = useSWRConfig().fallback[boardsApi.url] !== undefined;
  const seeded = useSeededFromServer(boardsApi.url, served);
  const { data, error, isLoading, mutate } = useSWR<Board[]>(boardsApi.url, () => boardsApi.list(), { revalidateOnFocus: false, ...mountOptions(seeded) });
  return { boards: data, error: error as Error | undefined, isLoading, refresh: () => mutate() };
}
