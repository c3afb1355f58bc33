"use client";
import { useState } from "react";
import type { Run } from "@/lib/contract-runs";
import { format } from "@/lib/i18n/format";
import { downloadRunZip } from "@/lib/client/download-zip";
import { errorText } from "@/lib/client/format";
import { runBar, runFinished, runProgressText, runTotal } from "@/lib/client/run-progress";
import { useRun, type RunState } from "@/lib/client/use-run";
import { useStudio } from "@/components/studio/studio-context";
import { CloseIcon, DownloadIcon, StackIcon } from "@/components/ui/icons";

/**
 * The bulk run the gallery shows (?run=): its template, who ran it, its
 * progress in words and as a bar, its ZIP, and ✕ for the whole gallery again.
 * Keyed by the run, so another run starts with nothing announced.
 */
export function RunChip() {
  const { run } = useStudio();
  return run ? <RunHeader key={run} id={run} /> : null;
}

function RunHeader({ id }: { id: string }) {
  const { t, setRun } = useStudio();
  const R = t.runs;
  const state = useRun(id);
  return (
    <section
      aria-label={R.region}
      className="flex flex-col gap-2 rounded-2xl bg-sky-50 p-3 text-sm text-sky-950 ring-1 ring-sky-200 dark:bg-sky-500/10 dark:text-sky-50 dark:ring-sky-500/30"
    >
      <div className="flex items-start gap-2">
        <StackIcon className="mt-0.5 size-4 shrink-0" />
        <div className="min-w-0 flex-1">
          {state.kind === "ready" ? <RunTitle run={state.run} /> : <p role="status">{stateText(state, t)}</p>}
        </div>
        <button
          type="button"
          aria-label={R.clear}
          title={R.clear}
          onClick={() => setRun(null)}
          className="-my-1 grid size-8 shrink-0 place-items-center rounded-full hover:bg-sky-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:hover:bg-sky-500/30"
        >
          <CloseIcon className="size-4" />
        </button>
      </div>
      {state.kind === "ready" && <RunProgress run={state.run} />}
    </section>
  );
}

function stateText(state: Exclude<RunState, { kind: "ready" }>, t: ReturnType<typeof useStudio>["t"]): string {
  if (state.kind === "loading") return t.runs.loading;
  if (state.kind === "missing") return t.runs.notFound;
  return format(t.runs.failedToLoad, { message: errorText(state.error, t) });
}

function RunTitle({ run }: { run: Run }) {
  const { t } = useStudio();
  const R = t.runs;
  const rows = run.rows.length === 1 ? R.rowsOne : format(R.rowsMany, { count: run.rows.length });
  return (
    <>
      <h3 className="truncate font-semibold" title={run.templateName ?? undefined}>
        {run.templateName ?? R.untitled}
      </h3>
      <p className="text-xs text-sky-900/80 dark:text-sky-100/70">
        {format(R.by, { name: run.createdBy })} · {rows}
      </p>
    </>
  );
}

/** The words, the bar and the ZIP; the end of the run is announced once (each row's end already is, by the gallery's OutcomeAnnouncer). */
function RunProgress({ run }: { run: Run }) {
  const { t } = useStudio();
  const R = t.runs;
  const text = runProgressText(run.counts, R);
  const bar = runBar(run.counts);
  const total = runTotal(run.counts);

  // Seen in progress, then not: the run just ended while the person watched.
  const active = run.counts.active > 0;
  const [wasActive, setWasActive] = useState(active);
  const [announced, setAnnounced] = useState("");
  if (wasActive !== active) {
    setWasActive(active);
    setAnnounced(active ? "" : format(R.finished, { progress: text }));
  }

  return (
    <>
      <div
        role="progressbar"
        aria-label={R.progressLabel}
        aria-valuemin={0}
        aria-valuemax={Math.max(total, 1)}
        aria-valuenow={runFinished(run.counts)}
        aria-valuetext={text}
        className="flex h-2 w-full overflow-hidden rounded-full bg-sky-200/70 dark:bg-white/10"
      >
        <div className="h-full bg-emerald-500 transition-[width] duration-500 dark:bg-emerald-400" style={{ width: `${bar.done}%` }} />
        <div className="h-full bg-rose-500 transition-[width] duration-500 dark:bg-rose-400" style={{ width: `${bar.failed}%` }} />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="tabular-nums" data-testid="run-progress">
          {text}
        </p>
        <DownloadRunButton id={run.id} ready={run.counts.done > 0} />
      </div>
      <p aria-live="polite" className="sr-only">
        {announced}
      </p>
    </>
  );
}

/** Enabled once a picture is done: the ZIP holds the finished ones (those still running are left out). */
function DownloadRunButton({ id, ready }: { id: string; ready: boolean }) {
  const { t } = useStudio();
  const R = t.runs;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  async function download() {
    setBusy(true);
    setFailure(null);
    try {
      await downloadRunZip(id);
    } catch (error) {
      setFailure(format(R.downloadFailed, { message: errorText(error, t) }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button
        type="button"
        disabled={!ready || busy}
        title={R.downloadLabel}
        onClick={() => void download()}
        className="inline-flex h-9 items-center gap-1.5 rounded-full bg-sky-600 px-3.5 text-sm font-medium text-white hover:bg-sky-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-sky-500 dark:text-sky-950 dark:hover:bg-sky-400 dark:focus-visible:ring-offset-zinc-900"
      >
        <DownloadIcon className="size-4" />
        {busy ? R.downloading : R.download}
      </button>
      {failure && (
        <p role="alert" className="w-full text-rose-700 dark:text-rose-300">
          {failure}
        </p>
      )}
    </>
  );
}
