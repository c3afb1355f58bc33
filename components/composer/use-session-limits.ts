"use client";
import { useCallback } from "react";
import useSWR from "swr";
import { useStudio } from "@/components/studio/studio-context";
import { accountApi } from "@/lib/client/api";
import type { SessionLimits } from "@/lib/client/request-fit";

/** The SWR key the header's Account reads too: one cache, one answer for both. */
export const SESSION_URL = "/api/session";

/**
 * The person's limits and the server's prices, as GET /api/session last said
 * them. Seeded with what the server sent with the page; the
 * header polls and revalidates it as pictures start and finish, and the
 * composer after each request (useGenerate), so the numbers stay true.
 */
export function useSessionLimits(): { limits: SessionLimits | undefined; refresh(): void } {
  const { initial } = useStudio();
  const { data, mutate } = useSWR(SESSION_URL, accountApi.session, {
    fallbackData: initial.session,
    // The header asks at mount when it has to: this reader never adds a request of its own.
    revalidateOnMount: false,
    revalidateOnFocus: false,
    revalidateOnReconnect: false,
  });
  const refresh = useCallback(() => void mutate(), [mutate]);
  return { limits: data?.limits, refresh };
}
