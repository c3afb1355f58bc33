"use client";
import { useStudio } from "@/components/studio/studio-context";
import { format } from "@/lib/i18n/format";
import { askPromptHelp, usePromptHelp } from "./store";

/** On a reference thumbnail: its picture described as a prompt, shown in the prompt help box. */
export function DescribeButton(props: { value: string; index: number; prompt: string }) {
  const { t, locale } = useStudio();
  const { prompt } = props;
  const { state, off } = usePromptHelp();
  if (off || !props.value) return null;
  const label = format(t.promptHelp.describe, { n: props.index + 1 });
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={state.status === "busy"}
      onClick={() => void askPromptHelp({ kind: "describe", before: prompt, body: { reference: props.value, locale }, index: props.index, offMessage: t.promptHelp.off })}
      className="absolute bottom-1 right-1 grid size-6 place-items-center rounded-full bg-black/60 text-xs text-white backdrop-blur-sm transition hover:bg-black/80 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-400 disabled:opacity-50"
    >
      ✨
    </button>
  );
}
