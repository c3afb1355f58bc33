"use client";
import { useRef, useState } from "react";
import type { Generation } from "@/lib/contract";
import { CANCELLED_CODE, UNKNOWN_OUTCOME_CODE } from "@/lib/contract-values";
import { api, ApiError } from "@/lib/client/api";
import { failureReason } from "@/lib/client/failure-reason";
import { format } from "@/lib/i18n/format";
import { useStudio } from "@/components/studio/studio-context";
import { CardActions } from "./card-actions";
import { ConfirmDialog } from "./confirm-dialog";
import { errorText, shortPrompt } from "./format";
import { AlertIcon, RetryIcon, Spinner } from "./icons";
import { forgetRetryKey, retryKeyFor } from "./retry-keys";

/**
 * A generation that failed: the reason in plain words, a Retry that makes a
 * new one with the same settings (once, whatever the clicks: one idempotency
 * key per card) and, for one's own, Delete.
 */
export function FailedCard({ generation: g }: { generation: Generation }) {
  const { t, feed } = useStudio();
  const [busy, setBusy] = useState(false);
  // State updates only after the next render; a double click lands before it.
  const inFlight = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const canRetry = g.status === "failed";
  // The studio could not learn whether the gateway took the task: it may exist and be billed already.
  const risky = g.error?.code === UNKNOWN_OUTCOME_CODE;
  const C = t.gallery.card;

  async function retry() {
    if (inFlight.current) return;
    inFlight.current = true;
    setConfirming(false);
    setBusy(true);
    setError(null);
    try {
      feed.addCreated(await api.retry(g.id, retryKeyFor(g.id)));
    } catch (e) {
      // Refused outright (quota, validation): nothing was made, a later press is a new attempt.
      if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 409) forgetRetryKey(g.id);
      setError(errorText(e, t));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  return (
    <div className="@container absolute inset-0 flex flex-col gap-1.5 overflow-y-auto bg-rose-50 p-2.5 ring-1 ring-rose-200 ring-inset @min-[9rem]:gap-2 @min-[9rem]:p-3.5 dark:bg-rose-950/40 dark:ring-rose-500/25">
      <div className="flex items-start justify-between gap-1.5">
        <p className="flex min-w-0 items-center gap-1.5 text-xs font-semibold text-rose-700 dark:text-rose-300">
          <AlertIcon className="size-4 shrink-0" />
          {g.cancelledAt !== null || g.error?.code === CANCELLED_CODE ? C.cancelledTitle : C.failedTitle}
        </p>
        <CardActions generation={g} />
      </div>
      <p className="line-clamp-4 text-xs leading-snug break-words text-rose-900 dark:text-rose-100">
        {failureReason({ error: g.error, t })}
      </p>
      <p className="line-clamp-2 text-xs leading-snug break-words text-zinc-600 dark:text-zinc-400">{g.prompt}</p>
      {error && (
        <p role="alert" className="text-xs leading-snug font-medium text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
      {canRetry && (
        <div className="mt-auto pt-1">
          <button
            type="button"
            onClick={() => {
              if (inFlight.current) return;
              if (risky) setConfirming(true);
              else void retry();
            }}
            aria-disabled={busy}
            aria-label={format(C.retryNamed, { prompt: shortPrompt(g.prompt) })}
            className="inline-flex items-center gap-1.5 rounded-lg bg-white px-3 py-1.5 text-xs font-semibold text-rose-700 shadow-sm ring-1 ring-rose-200 hover:bg-rose-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 aria-disabled:opacity-70 dark:bg-zinc-900 dark:text-rose-300 dark:ring-rose-500/30 dark:hover:bg-zinc-800"
          >
            {busy ? <Spinner className="size-3.5" /> : <RetryIcon className="size-3.5" />}
            {C.retry}
          </button>
          {busy && (
            <span role="status" className="sr-only">
              {C.retrying}
            </span>
          )}
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title={t.gallery.confirmRetry.title}
          body={format(t.gallery.confirmRetry.body, {
            task: g.upstreamId ? format(t.gallery.confirmRetry.task, { id: g.upstreamId }) : "",
          })}
          confirmLabel={t.gallery.confirmRetry.confirm}
          cancelLabel={t.gallery.confirmRetry.cancel}
          busyLabel={C.retrying}
          busy={busy}
          error={null}
          onConfirm={() => void retry()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
