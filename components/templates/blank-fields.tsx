"use client";
import { useId } from "react";
import { useStudio } from "@/components/studio/studio-context";
import { CloseIcon } from "@/components/ui/icons";
import { RunButton } from "@/components/runs/run-button";
import { format } from "@/lib/i18n/format";
import { blankFieldId, type BlankValues, type ChosenTemplate } from "./template-blanks";

const INPUT =
  "h-10 w-full min-w-0 rounded-lg border border-zinc-300 bg-white px-3 text-base text-zinc-900 placeholder:text-zinc-400 focus:border-amber-500 focus:ring-4 focus:ring-amber-500/15 focus:outline-none sm:h-9 sm:text-sm dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100 dark:placeholder:text-zinc-500 dark:focus:border-amber-400";

const RUN_BUTTON =
  "rounded-md px-1.5 py-0.5 text-xs font-medium text-amber-900 underline-offset-2 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:text-amber-200";

/**
 * A chosen template's {blanks} as fields under the prompt, in the prompt's
 * order, so Tab walks them; the empty one Generate waits for is described by
 * Generate's reason (`reasonId`), which a screen reader reads on entering it.
 */
export function BlankFields(props: {
  template: ChosenTemplate;
  names: readonly string[];
  values: BlankValues;
  firstEmpty: string | null;
  reasonId: string;
  onChange(name: string, value: string): void;
  onLeave(): void;
}) {
  const { t, locale } = useStudio();
  const T = t.templateBlanks;
  const headingId = useId();
  const hintId = useId();

  return (
    <div
      role="group"
      aria-labelledby={headingId}
      aria-describedby={hintId}
      className="mt-2 rounded-xl border border-amber-200 bg-amber-50/60 p-3 dark:border-amber-500/30 dark:bg-amber-500/5"
    >
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
        <p id={headingId} className="min-w-0 break-words text-[13px] font-semibold text-amber-900 dark:text-amber-200">
          {format(T.heading, { name: props.template.name })}
        </p>
        <button
          type="button"
          onClick={props.onLeave}
          title={T.leaveHint}
          className="inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-medium text-zinc-700 hover:bg-white hover:text-zinc-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        >
          <CloseIcon strokeWidth={2} className="size-3.5" />
          {T.leave}
        </button>
      </div>
      <div className="mt-0.5 flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
        <p id={hintId} className="text-xs text-zinc-600 dark:text-zinc-400">
          {props.names.length ? T.fillIn : T.noBlanks}
        </p>
        {/* The same template once per row of a table (its saved prompt: the fields here fill one picture). */}
        <RunButton t={t} locale={locale} template={props.template} className={RUN_BUTTON} />
      </div>
      {props.names.length > 0 && (
        <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
          {props.names.map((name, index) => (
            <div key={name} className="flex min-w-0 flex-col gap-1">
              <label htmlFor={blankFieldId(index)} className="break-words text-xs font-semibold text-zinc-800 dark:text-zinc-200">
                {name}
              </label>
              <input
                id={blankFieldId(index)}
                type="text"
                autoComplete="off"
                className={INPUT}
                placeholder={format(T.blankPlaceholder, { name })}
                value={Object.hasOwn(props.values, name) ? props.values[name] : ""}
                onChange={(e) => props.onChange(name, e.target.value)}
                aria-describedby={name === props.firstEmpty ? props.reasonId : undefined}
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
