"use client";
import { useEffect, useState } from "react";
import type { Generation } from "@/lib/contract";
import { format } from "@/lib/i18n/format";
import { useStudio } from "@/components/studio/studio-context";
import { CardActions } from "./card-actions";
import { formatElapsed, formatSince } from "@/lib/client/format";
import { Spinner } from "@/components/ui/icons";
import { waitingLabel } from "./waiting";
import { ProgressBar } from "@/components/ui/progress-bar";

/** Current time, re-read every `ms` while mounted (one timer per ticking card). */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/**
 * A generation on its way: prompt, status in words, progress bar and a ticking
 * clock, in the box the picture will fill. One being saved (the gateway made
 * it, the studio is still copying it) says "Saving…" with the reason: it
 * exists, so it never looks failed. One cancelled says so: the gateway has no
 * cancel, so it stays here, billed, until the gateway ends it. One waiting
 * for a slot says its place in the person's queue and that
 * cancelling it is free: nothing was sent.
 */
export function ProgressCard({ generation: g }: { generation: Generation }) {
  const { t, locale } = useStudio();
  const now = useNow(1000);
  const saving = g.saving !== null;
  const waiting = g.status === "waiting";
  const progress = saving ? 100 : Math.round(Math.min(100, Math.max(0, g.progress)));
  const status = saving
    ? g.saving?.reason
      ? format(t.gallery.card.savingReason, { reason: g.saving.reason })
      : t.gallery.card.saving
    : waiting
      ? waitingLabel(g.position, t.gallery.card)
      : g.status === "submitting"
        ? t.gallery.card.submitting
        : g.status === "queued"
          ? t.gallery.card.queued
          : format(t.gallery.card.processing, { progress });
  const elapsed = formatElapsed(now - Date.parse(g.createdAt));

  return (
    <div className="@container absolute inset-0 flex flex-col overflow-hidden bg-gradient-to-br from-amber-50 via-white to-rose-50 p-2.5 @min-[9rem]:p-3.5 dark:from-zinc-900 dark:via-zinc-900 dark:to-amber-950/60">
      <div
        aria-hidden
        className="pointer-events-none absolute -inset-1/2 animate-pulse bg-[radial-gradient(circle_at_center,rgba(251,191,36,0.22),transparent_60%)] dark:bg-[radial-gradient(circle_at_center,rgba(251,191,36,0.07),transparent_60%)]"
      />
      <div className="relative flex items-start justify-between gap-1.5">
        <p className="line-clamp-3 min-w-0 text-xs leading-snug break-words text-zinc-700 @min-[16rem]:line-clamp-4 @min-[16rem]:text-sm dark:text-zinc-300">
          {g.prompt}
        </p>
        <CardActions generation={g} />
      </div>
      <div className="relative mt-auto space-y-1.5">
        {g.cancelledAt && (
          <p className="line-clamp-3 text-xs leading-snug font-medium break-words text-rose-700 dark:text-rose-300">{t.gallery.card.cancelledActive}</p>
        )}
        {waiting && <p className="line-clamp-2 text-xs leading-snug break-words text-zinc-600 dark:text-zinc-400">{t.gallery.card.waitingFree}</p>}
        {g.saving?.reason && (
          <p className="line-clamp-3 text-xs leading-snug break-words text-zinc-600 dark:text-zinc-400">{g.saving.reason}</p>
        )}
        {g.unansweredSince && (
          // The time in the reader's own zone: the server's render may differ, not a hydration mismatch.
          <p suppressHydrationWarning className="line-clamp-3 text-xs leading-snug break-words text-zinc-600 dark:text-zinc-400">
            {format(t.gallery.card.unanswered, { since: formatSince(g.unansweredSince, locale, now) })}
          </p>
        )}
        <div className="flex items-end justify-between gap-x-2 gap-y-0.5 @max-[7rem]:flex-col @max-[7rem]:items-start">
          <span className="inline-flex min-w-0 items-center gap-1.5 text-xs font-semibold text-amber-800 dark:text-amber-300">
            <Spinner className="size-3 shrink-0" />
            <span className="min-w-0">{saving ? t.gallery.card.saving : status}</span>
          </span>
          <span className="shrink-0 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
            <span className="sr-only">{t.gallery.card.elapsedLabel} </span>
            {/* The server's clock and the browser's differ by the time the page took to arrive: not a hydration mismatch (which would re-create the page and lose what was typed). */}
            <span suppressHydrationWarning>{elapsed}</span>
          </span>
        </div>
        <ProgressBar
          label={t.gallery.card.progressLabel}
          progress={progress}
          valueText={status}
          track="bg-zinc-900/10 dark:bg-white/10"
          pulse={!(g.status === "processing" && !saving)}
        />
      </div>
    </div>
  );
}
