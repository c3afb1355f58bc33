"use client";
import { useState } from "react";
import type { Generation } from "@/lib/contract";
import { api } from "@/lib/client/api";
import { useStudio } from "@/components/studio/studio-context";
import { errorText } from "./format";
import { AlertIcon, RetryIcon, Spinner } from "./icons";

/** A generation that failed: the reason in plain words and a Retry that makes a new one with the same settings. */
export function FailedCard({ generation: g }: { generation: Generation }) {
  const { t, feed } = useStudio();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canRetry = g.status === "failed";

  async function retry() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      feed.addCreated(await api.retry(g.id));
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="@container absolute inset-0 flex flex-col gap-1.5 overflow-y-auto bg-rose-50 p-2.5 ring-1 ring-rose-200 ring-inset @min-[9rem]:gap-2 @min-[9rem]:p-3.5 dark:bg-rose-950/40 dark:ring-rose-500/25">
      <p className="flex items-center gap-1.5 text-[11px] font-semibold text-rose-700 @min-[9rem]:text-xs dark:text-rose-300">
        <AlertIcon className="size-4 shrink-0" />
        {t.gallery.card.failedTitle}
      </p>
      <p className="line-clamp-4 text-[11px] leading-snug break-words text-rose-900 @min-[9rem]:text-xs dark:text-rose-100">
        {g.error?.message || t.gallery.card.failedFallback}
      </p>
      <p className="line-clamp-2 text-[11px] leading-snug break-words text-zinc-500 dark:text-zinc-400">{g.prompt}</p>
      {error && (
        <p role="alert" className="text-[11px] leading-snug font-medium text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
      {canRetry && (
        <div className="mt-auto pt-1">
          <button
            type="button"
            onClick={retry}
            aria-disabled={busy}
            className="inline-flex items-center gap-1.5 rounded-lg bg-white px-3 py-1.5 text-xs font-semibold text-rose-700 shadow-sm ring-1 ring-rose-200 hover:bg-rose-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 aria-disabled:opacity-70 dark:bg-zinc-900 dark:text-rose-300 dark:ring-rose-500/30 dark:hover:bg-zinc-800"
          >
            {busy ? <Spinner className="size-3.5" /> : <RetryIcon className="size-3.5" />}
            {t.gallery.card.retry}
          </button>
          {busy && (
            <span role="status" className="sr-only">
              {t.gallery.card.retrying}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
