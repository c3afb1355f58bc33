"use client";
import { useEffect, useRef } from "react";
import { useStudio } from "@/components/studio/studio-context";
import { formatMoney } from "@/lib/client/money";
import { format } from "@/lib/i18n/format";
import { ASPECT_RATIO_LABELS, getModel } from "@/lib/models";
import { ALLOWANCE_LINE_ID, AllowanceLine } from "./allowance-line";
import { useComposer } from "./composer-api";
import { FieldAlert } from "./field-alert";
import { CheckIcon, Spinner } from "@/components/ui/icons";
import { blankFieldId } from "@/components/templates/template-blanks";
import { SparklesIcon } from "./icons";
import type { GenerateState } from "./use-generate";

/** Says what Generate makes, or why it cannot yet: the button and an empty blank's field are described by it. */
export const GENERATE_SUMMARY_ID = "composer-generate-summary";

/** The Generate button, a one-line summary of what it will make, and request-wide errors. */
export function GenerateBar({ state }: { state: GenerateState }) {
  const { t, locale } = useStudio();
  const { model, imageSize, aspectRatio, count, blanks } = useComposer();
  const { fit, limits } = state;
  const info = getModel(model)!;
  const pictures = count === 1 ? t.composer.summaryOne : format(t.composer.summaryMany, { n: count });
  // The price with the server's own prices (GET /api/session quote), as the budget counts it.
  const price = fit && limits && fit.price !== null ? formatMoney(fit.price, limits.quote.currency, locale) : null;
  const summary = [pictures, info.label[locale], imageSize, ASPECT_RATIO_LABELS[aspectRatio][locale], price].filter(Boolean).join(" · ");
  const button = useRef<HTMLButtonElement>(null);
  const wasSending = useRef(false);
  // A disabled button drops focus to <body>; hand it back once sending ends.
  useEffect(() => {
    if (wasSending.current && !state.sending && document.activeElement === document.body) {
      button.current?.focus({ preventScroll: true });
    }
    wasSending.current = state.sending;
  }, [state.sending]);
  const hints: Partial<Record<NonNullable<GenerateState["blocker"]>, string>> = {
    prompt: t.composer.needPrompt,
    preparing: t.composer.waitForImages,
    uploadFailed: t.composer.removeFailedUploads,
  };
  const hint =
    state.blocker === "blank" && state.emptyBlank !== null
      ? format(t.templateBlanks.fillBlank, { name: state.emptyBlank })
      : state.blocker
        ? (hints[state.blocker] ?? null)
        : null;
  // An empty blank leaves the button focusable (aria-disabled, not disabled) so its
  // reason is read out on it, and a press takes the person to that blank.
  const waitsForBlank = state.blocker === "blank";

  function press() {
    if (!waitsForBlank) return void state.generate();
    document.getElementById(blankFieldId(blanks.names.indexOf(state.emptyBlank ?? "")))?.focus();
  }

  return (
    <div>
      <button
        ref={button}
        type="button"
        onClick={press}
        disabled={state.sending || (state.blocker !== null && !waitsForBlank)}
        aria-disabled={waitsForBlank || undefined}
        aria-busy={state.sending || undefined}
        aria-describedby={fit ? `${GENERATE_SUMMARY_ID} ${ALLOWANCE_LINE_ID}` : GENERATE_SUMMARY_ID}
        className="relative flex h-12 w-full items-center justify-center gap-2 rounded-xl bg-gradient-to-r from-amber-500 to-rose-500 px-4 text-base font-semibold text-white shadow-md shadow-rose-500/20 transition hover:from-amber-400 hover:to-rose-400 hover:shadow-lg hover:shadow-rose-500/25 focus:outline-none focus-visible:ring-4 focus-visible:ring-amber-500/40 active:scale-[0.99] disabled:cursor-not-allowed disabled:from-zinc-300 disabled:to-zinc-300 disabled:text-zinc-500 disabled:shadow-none aria-disabled:cursor-not-allowed aria-disabled:from-zinc-300 aria-disabled:to-zinc-300 aria-disabled:text-zinc-500 aria-disabled:shadow-none dark:disabled:from-zinc-800 dark:disabled:to-zinc-800 dark:disabled:text-zinc-500 dark:aria-disabled:from-zinc-800 dark:aria-disabled:to-zinc-800 dark:aria-disabled:text-zinc-500"
      >
        {state.sending ? <Spinner className="size-5" /> : <SparklesIcon className="size-5" />}
        {t.composer.generate}
      </button>
      <p id={GENERATE_SUMMARY_ID} className="mt-2 text-center text-xs text-zinc-500 dark:text-zinc-400">
        {hint ?? summary}
      </p>
      {fit && limits && <AllowanceLine fit={fit} limits={limits} model={model} imageSize={imageSize} />}
      {state.general && (
        <FieldAlert>
          <p className="font-medium">{state.general.title}</p>
          {state.general.detail && <p className="mt-0.5 text-xs opacity-80">{state.general.detail}</p>}
        </FieldAlert>
      )}
      <p role="status" className="mt-1 min-h-4 text-center text-xs font-medium text-emerald-700 dark:text-emerald-400">
        {state.started !== null && (
          <span className="inline-flex items-center gap-1">
            <CheckIcon strokeWidth={2} className="size-3.5" />
            {state.started === 1 ? t.composer.startedOne : format(t.composer.startedMany, { n: state.started })}
            {state.startedWaiting > 0 && format(t.composer.startedWaiting, { n: state.startedWaiting })}
          </span>
        )}
      </p>
    </div>
  );
}
