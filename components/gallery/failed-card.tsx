"use client";
import { useRef, useState } from "react";
import type { Generation } from "@/lib/contract";
import { CANCELLED_CODE, UNKNOWN_OUTCOME_CODE } from "@/lib/contract-values";
import { api, ApiError } from "@/lib/client/api";
import { isContentRefusal } from "@/lib/client/content-refusal";
import { failureReason } from "@/lib/client/failure-reason";
import { format } from "@/lib/i18n/format";
import { useComposer } from "@/components/composer/composer-api";
import { useStudio } from "@/components/studio/studio-context";
import { CardActions } from "./card-actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorText, shortPrompt } from "@/lib/client/format";
import { AlertIcon, PencilIcon, RetryIcon, Spinner } from "@/components/ui/icons";
import { forgetRetryKey, retryKeyFor } from "./retry-keys";
import { focusCardSoon, useInnerTabIndex } from "./roving";

/**
 * A generation that failed: the reason in plain words, a Retry that makes a
 * new one with the same settings (once, whatever the clicks: one idempotency
 * key per card) in its place (the new card takes the failed one's
 * place in its batch, and the failed one goes), and, for one's own, Delete.
 * A picture refused for its content would be refused again: it offers "Edit
 * prompt" (its prompt and settings into the composer) instead of Retry.
 */
export function FailedCard({ generation: g }: { generation: Generation }) {
  const { t, feed, hasComposer } = useStudio();
  const inner = useInnerTabIndex();
  const [busy, setBusy] = useState(false);
  // State updates only after the next render; a double click lands before it.
  const inFlight = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const refused = isContentRefusal(g.error);
  const canRetry = g.status === "failed" && !refused;
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
      const created = await api.retry(g.id, retryKeyFor(g.id));
      // The retry took this card's place: the new card shows where it was (the same batch, the next id), and this one goes.
      feed.addCreated(created);
      if (created.every((c) => c.id !== g.id)) feed.removeLocal(g.id);
      if (created[0]) focusCardSoon(created[0].id);
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
            tabIndex={inner}
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
      {refused && hasComposer && g.status === "failed" && <EditPrompt generation={g} tabIndex={inner} />}
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

/** A refusal for content: the prompt and its settings back into the composer, to be changed before generating again. */
function EditPrompt({ generation: g, tabIndex }: { generation: Generation; tabIndex: 0 | -1 }) {
  const { t } = useStudio();
  const composer = useComposer();
  const R = t.gallery.refused;
  const hint = `refused-hint-${g.id}`;
  return (
    <div className="mt-auto flex flex-col gap-1 pt-1">
      {/* On a small card (a phone's) only screen readers get it, as the button's description. */}
      <p id={hint} className="hidden text-xs leading-snug text-rose-800 @min-[16rem]:block dark:text-rose-200">
        {R.hint}
      </p>
      <div>
        <button
          type="button"
          tabIndex={tabIndex}
          onClick={() => void composer.remix(g)}
          aria-label={format(R.editPromptNamed, { prompt: shortPrompt(g.prompt) })}
          aria-describedby={hint}
          className="inline-flex items-center gap-1.5 rounded-lg bg-white px-3 py-1.5 text-xs font-semibold text-rose-700 shadow-sm ring-1 ring-rose-200 hover:bg-rose-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:bg-zinc-900 dark:text-rose-300 dark:ring-rose-500/30 dark:hover:bg-zinc-800"
        >
          <PencilIcon className="size-3.5" />
          {R.editPrompt}
        </button>
      </div>
    </div>
  );
}
