"use client";
import useSWR from "swr";
import type { Run } from "@/lib/contract-runs";
import { ApiError, runsApi } from "./api";

// As often as the gallery's active list (use-feed.ts) is read: the header's
// words follow the cards that turn into pictures beneath it.
const RUN_POLL_MS = 1_000;

export type RunState =
  | { kind: "loading" }
  | { kind: "missing" }
  | { kind: "error"; error: ApiError | Error }
  | { kind: "ready"; run: Run };

/**
 * GET /api/runs/{id} for the gallery's run header, read again while any of
 * its pictures is in progress and no longer once none is (SWR itself stops
 * while the tab is hidden). A run there is none of (404) is said once, not
 * asked for again.
 */
export function useRun(id: string | null): RunState {
  const { data, error } = useSWR<Run, ApiError | Error>(id ? runsApi.url(id) : null, runsApi.get, {
    refreshInterval: (run) => (run && run.counts.active > 0 ? RUN_POLL_MS : 0),
    refreshWhenHidden: false,
    revalidateOnFocus: false,
    onErrorRetry(err, _key, _config, revalidate, { retryCount }) {
      if (isMissing(err) || retryCount >= 5) return;
      setTimeout(() => void revalidate({ retryCount }), 2_000 * retryCount);
    },
  });
  if (data) return { kind: "ready", run: data };
  if (error) return isMissing(error) ? { kind: "missing" } : { kind: "error", error };
  return { kind: "loading" };
}

const isMissing = (error: unknown) => error instanceof ApiError && error.status === 404;
