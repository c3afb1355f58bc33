"use client";
import { useRef, type KeyboardEvent, type ReactNode } from "react";

export type Segment<T extends string | number> = {
  value: T;
  /** What shows; its text is the option's accessible name unless `label` is given. */
  content: ReactNode;
  label?: string;
  title?: string;
};

/**
 * A segmented control that is a real radio group: one tab stop, arrow keys
 * (and Home/End) move and select, as the ARIA radio group pattern asks.
 */
export function RadioSegments<T extends string | number>(props: {
  /** id of the visible element naming the group. */
  labelledBy: string;
  value: T;
  options: readonly Segment<T>[];
  onChange(value: T): void;
  disabled?: boolean;
  className?: string;
}) {
  const { options, value, onChange } = props;
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const selected = options.findIndex((o) => o.value === value);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = options.length - 1;
    const next =
      event.key === "ArrowRight" || event.key === "ArrowDown"
        ? index === last ? 0 : index + 1
        : event.key === "ArrowLeft" || event.key === "ArrowUp"
          ? index === 0 ? last : index - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : -1;
    if (next < 0) return;
    event.preventDefault();
    onChange(options[next].value);
    buttons.current[next]?.focus();
  }

  return (
    <div
      role="radiogroup"
      aria-labelledby={props.labelledBy}
      aria-disabled={props.disabled || undefined}
      className={`grid auto-cols-fr grid-flow-col gap-1 rounded-xl bg-zinc-100 p-1 ring-1 ring-inset ring-zinc-200/80 dark:bg-zinc-800/60 dark:ring-zinc-700/60 ${props.className ?? ""}`}
    >
      {options.map((option, index) => {
        const checked = index === selected;
        return (
          <button
            key={String(option.value)}
            ref={(el) => {
              buttons.current[index] = el;
            }}
            type="button"
            role="radio"
            aria-checked={checked}
            aria-label={option.label}
            title={option.title}
            disabled={props.disabled}
            tabIndex={checked || (selected < 0 && index === 0) ? 0 : -1}
            onClick={() => onChange(option.value)}
            onKeyDown={(e) => onKeyDown(e, index)}
            className="flex min-h-9 min-w-0 items-center justify-center gap-1.5 rounded-lg px-2 py-1.5 text-sm font-medium text-zinc-600 transition-colors hover:text-zinc-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 disabled:cursor-not-allowed disabled:opacity-50 aria-checked:bg-white aria-checked:text-zinc-900 aria-checked:shadow-sm aria-checked:ring-1 aria-checked:ring-zinc-200 dark:text-zinc-400 dark:hover:text-zinc-100 dark:aria-checked:bg-zinc-950 dark:aria-checked:text-white dark:aria-checked:ring-zinc-700"
          >
            {option.content}
          </button>
        );
      })}
    </div>
  );
}
