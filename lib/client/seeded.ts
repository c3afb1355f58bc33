"use client";
import { useState } from "react";
import { useSWRConfig } from "swr";

/**
 * Whether this mount shows what the server read with the page: it sent data
 * for `cacheKey` and SWR holds nothing of its own for it yet (the page's
 * first load, not a return to a page whose list is cached). Such a hook
 * need not ask again the moment it mounts (`revalidateOnMount: false`): the
 * answer is milliseconds old, and asking would fetch, load zod to check the
 * answer and render again while a phone is still busy starting the page.
 * Polling and focus revalidation go on as before. Decided once per mount.
 */
export function useSeededFromServer(cacheKey: string, hasServerData: boolean): boolean {
  const { cache } = useSWRConfig();
  const [seeded] = useState(() => hasServerData && cache.get(cacheKey)?.data === undefined);
  return seeded;
}

/** SWR options for a hook that `useSeededFromServer` found seeded: no request at mount, else SWR's default. */
export const mountOptions = (seeded: boolean) => (seeded ? { revalidateOnMount: false } : {});
