"use client";
import type { RefObject } from "react";
import { useStudio } from "@/components/studio/studio-context";
import { format } from "@/lib/i18n/format";
import { askPromptHelp, clearPromptHelp, usePromptHelp } from "./store";
import { wordDiff } from "./word-diff";

const BUTTON =
  "rounded-lg px-2.5 py-1 text-xs font-semibold transition focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 disabled:opacity-50";

/** Under the prompt: Improve, and the suggestion (Improve's or Describe's) as a word diff to Accept, Edit or Discard. */
export function PromptHelpPanel(props: { prompt: string; setPrompt(prompt: string): void; promptRef: RefObject<HTMLTextAreaElement | null> }) {
  const { t, locale } = useStudio();
  const { prompt, setPrompt, promptRef } = props;
  const { state, off } = usePromptHelp();
  const tp = t.promptHelp;
  const busy = state.status === "busy";

  function take(text: string, edit: boolean) {
    setPrompt(text);
    clearPromptHelp();
    requestAnimationFrame(() => {
      promptRef.current?.focus();
      if (edit) promptRef.current?.setSelectionRange(text.length, text.length);
    });
  }

  if (off && state.status === "idle") return null;
  return (
    <div className="-mt-2 flex flex-col gap-2" data-testid="prompt-help">
      {!off && (
        <div className="flex justify-end">
          <button
            type="button"
            title={tp.improveHint}
            disabled={busy || prompt.trim() === ""}
            onClick={() => void askPromptHelp({ kind: "improve", before: prompt, body: { prompt }, offMessage: tp.off })}
            className={`${BUTTON} bg-violet-50 text-violet-800 ring-1 ring-inset ring-violet-200 hover:bg-violet-100 dark:bg-violet-500/15 dark:text-violet-200 dark:ring-violet-500/30`}
          >
            {busy && state.kind === "improve" ? tp.improving : `✨ ${tp.improve}`}
          </button>
        </div>
      )}
      <div aria-live="polite">
        {busy && state.kind === "describe" && <p className="text-xs text-zinc-500 dark:text-zinc-400">{tp.describing}</p>}
        {state.status === "error" && (
          <p role="alert" className="flex items-start justify-between gap-2 rounded-lg bg-red-50 px-3 py-2 text-xs text-red-800 dark:bg-red-500/10 dark:text-red-200">
            <span>
              {format(tp.failed, { message: state.message })} {tp.unchanged}
            </span>
            <button type="button" onClick={clearPromptHelp} className={`${BUTTON} text-red-800 dark:text-red-200`}>
              {tp.discard}
            </button>
          </p>
        )}
        {state.status === "ready" && (
          <section aria-label={state.kind === "improve" ? tp.suggestionTitle : tp.describedTitle} className="rounded-xl border border-violet-200 bg-violet-50/50 p-3 dark:border-violet-500/30 dark:bg-violet-500/10">
            <h3 className="mb-1 text-xs font-semibold text-violet-900 dark:text-violet-200">{state.kind === "improve" ? tp.suggestionTitle : tp.describedTitle}</h3>
            <p className="whitespace-pre-wrap break-words text-sm leading-relaxed text-zinc-900 dark:text-zinc-100" data-testid="prompt-help-diff">
              {state.kind === "improve"
                ? wordDiff(state.before, state.after, locale).map((part, i) =>
                    part.kind === "same" ? (
                      <span key={i}>{part.text}</span>
                    ) : part.kind === "added" ? (
                      <ins key={i} className="bg-emerald-100 text-emerald-900 underline decoration-emerald-600 dark:bg-emerald-500/20 dark:text-emerald-100">
                        {part.text}
                      </ins>
                    ) : (
                      <del key={i} className="bg-red-100 text-red-900 line-through dark:bg-red-500/20 dark:text-red-200">
                        {part.text}
                      </del>
                    ),
                  )
                : state.after}
            </p>
            {state.kind === "improve" && <p className="mt-1 text-[11px] text-zinc-500 dark:text-zinc-400">{tp.diffLegend}</p>}
            <div className="mt-2 flex flex-wrap gap-2">
              <button type="button" onClick={() => take(state.after, false)} className={`${BUTTON} bg-violet-600 text-white hover:bg-violet-700`}>
                {tp.accept}
              </button>
              <button type="button" onClick={() => take(state.after, true)} className={`${BUTTON} bg-white text-zinc-800 ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 dark:bg-zinc-800 dark:text-zinc-100 dark:ring-zinc-600`}>
                {tp.edit}
              </button>
              <button type="button" onClick={clearPromptHelp} className={`${BUTTON} text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800`}>
                {tp.discard}
              </button>
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
