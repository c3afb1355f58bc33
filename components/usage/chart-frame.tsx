import { useId } from "react";

/** Distinct in light and dark, and readable against both backgrounds. */
export const PALETTE = ["#f59e0b", "#0ea5e9", "#e11d48", "#10b981", "#8b5cf6", "#84cc16", "#f97316", "#14b8a6"];

export const CHART_BOX = "rounded-2xl bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-5 dark:bg-zinc-900 dark:ring-zinc-800";

/** A chart with its title, a one-line summary for screen readers (the tables carry the numbers), and theme colors. */
export function ChartFrame(props: { title: string; hint?: string; summary: string; className?: string; children: React.ReactNode }) {
  const titleId = useId();
  const summaryId = useId();
  return (
    <figure
      aria-labelledby={titleId}
      aria-describedby={summaryId}
      className={`${CHART_BOX} min-w-0 text-zinc-600 [--chart-tip-bg:#fff] [--chart-tip-border:#e4e4e7] [--chart-tip-fg:#18181b] dark:text-zinc-400 dark:[--chart-tip-bg:#18181b] dark:[--chart-tip-border:#3f3f46] dark:[--chart-tip-fg:#f4f4f5] ${props.className ?? ""}`}
    >
      <figcaption className="mb-3">
        <h2 id={titleId} className="text-base font-semibold text-zinc-900 dark:text-zinc-100">
          {props.title}
        </h2>
        {props.hint && <p className="text-xs">{props.hint}</p>}
        <p id={summaryId} className="sr-only">
          {props.summary}
        </p>
      </figcaption>
      {props.children}
    </figure>
  );
}
