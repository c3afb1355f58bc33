"use client";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useStudio } from "@/components/studio/studio-context";
import { format } from "@/lib/i18n/format";
import { MODELS, type ModelInfo } from "@/lib/models";
import { useComposer } from "./composer-api";
import { FieldLabel } from "./field-alert";
import { CheckIcon, ChevronIcon } from "@/components/ui/icons";

const ID = "composer-model";

/**
 * The model, as a select-only combobox (ARIA pattern): unlike a native
 * <select>, each option can show its one-line description and typical time.
 */
export function ModelPicker() {
  const { t, locale } = useStudio();
  const { model, setModel } = useComposer();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [upwards, setUpwards] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const selectedIndex = Math.max(0, MODELS.findIndex((m) => m.id === model));
  const selected = MODELS[selectedIndex];

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  useEffect(() => {
    if (open) document.getElementById(`${ID}-option-${active}`)?.scrollIntoView({ block: "nearest" });
  }, [open, active]);

  function show() {
    // Open upwards when the card (which scrolls on wide screens) has no room below.
    const button = root.current?.querySelector("button")?.getBoundingClientRect();
    const card = root.current?.closest("section")?.getBoundingClientRect();
    if (button) {
      const bottom = Math.min(window.innerHeight, card?.bottom ?? Infinity);
      const top = Math.max(0, card?.top ?? 0);
      setUpwards(bottom - button.bottom < 320 && button.top - top > bottom - button.bottom);
    }
    setActive(selectedIndex);
    setOpen(true);
  }
  function choose(index: number) {
    setModel(MODELS[index].id);
    setOpen(false);
  }

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
    const last = MODELS.length - 1;
    if (!open) {
      if (["ArrowDown", "ArrowUp", "Enter", " "].includes(e.key)) {
        e.preventDefault();
        show();
      }
      return;
    }
    if (e.key === "ArrowDown") setActive((i) => Math.min(last, i + 1));
    else if (e.key === "ArrowUp") setActive((i) => Math.max(0, i - 1));
    else if (e.key === "Home") setActive(0);
    else if (e.key === "End") setActive(last);
    else if (e.key === "Enter" || e.key === " ") choose(active);
    else if (e.key === "Escape") setOpen(false);
    else if (e.key === "Tab") return setOpen(false);
    else return;
    e.preventDefault();
  }

  const time = (m: ModelInfo) => format(t.composer.typicalTime, { min: m.typicalSeconds[0], max: m.typicalSeconds[1] });

  return (
    <div ref={root}>
      <div className="mb-1.5">
        <FieldLabel id={`${ID}-label`}>{t.composer.modelLabel}</FieldLabel>
      </div>
      <div className="relative">
        <button
          type="button"
          role="combobox"
          aria-labelledby={`${ID}-label`}
          aria-describedby={`${ID}-description`}
          aria-haspopup="listbox"
          aria-expanded={open}
          aria-controls={`${ID}-listbox`}
          aria-activedescendant={open ? `${ID}-option-${active}` : undefined}
          onClick={() => (open ? setOpen(false) : show())}
          onKeyDown={onKeyDown}
          className="flex w-full items-center gap-3 rounded-xl border border-zinc-300 bg-white px-3.5 py-2.5 text-left shadow-xs transition-colors hover:border-zinc-400 focus:outline-none focus-visible:border-amber-500 focus-visible:ring-4 focus-visible:ring-amber-500/15 dark:border-zinc-700 dark:bg-zinc-950/40 dark:hover:border-zinc-600"
        >
          <span className="min-w-0 flex-1">
            <span className="flex items-baseline justify-between gap-2">
              <span className="truncate text-sm font-semibold text-zinc-900 dark:text-zinc-100">{selected.label[locale]}</span>
              <span className="shrink-0 text-[11px] tabular-nums text-zinc-500 dark:text-zinc-400">{time(selected)}</span>
            </span>
            <span id={`${ID}-description`} className="block text-xs text-zinc-500 dark:text-zinc-400">
              {selected.description[locale]}
            </span>
          </span>
          <ChevronIcon direction="down" strokeWidth={2} className={`size-4 shrink-0 text-zinc-500 transition-transform ${open ? "rotate-180" : ""}`} />
        </button>
        <ul
          id={`${ID}-listbox`}
          role="listbox"
          aria-labelledby={`${ID}-label`}
          hidden={!open}
          className={`absolute inset-x-0 z-30 ${upwards ? "bottom-full mb-1" : "top-full mt-1"} max-h-80 overflow-y-auto rounded-xl border border-zinc-200 bg-white p-1 shadow-xl shadow-zinc-900/10 dark:border-zinc-700 dark:bg-zinc-900 dark:shadow-black/40`}
        >
          {MODELS.map((m, index) => (
            <li
              key={m.id}
              id={`${ID}-option-${index}`}
              role="option"
              aria-selected={m.id === model}
              aria-labelledby={`${ID}-option-${index}-label`}
              aria-describedby={`${ID}-option-${index}-description`}
              data-active={index === active || undefined}
              onPointerDown={(e) => e.preventDefault()}
              onPointerEnter={() => setActive(index)}
              onClick={() => choose(index)}
              className="flex cursor-pointer items-start gap-2.5 rounded-lg px-2.5 py-2 data-active:bg-amber-50 dark:data-active:bg-zinc-800"
            >
              <CheckIcon strokeWidth={2} className={`mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-400 ${m.id === model ? "" : "invisible"}`} />
              <span className="min-w-0 flex-1">
                <span className="flex items-baseline justify-between gap-2">
                  <span id={`${ID}-option-${index}-label`} className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
                    {m.label[locale]}
                  </span>
                  <span className="shrink-0 text-[11px] tabular-nums text-zinc-500 dark:text-zinc-400">{time(m)}</span>
                </span>
                <span id={`${ID}-option-${index}-description`} className="block text-xs text-zinc-500 dark:text-zinc-400">
                  {m.description[locale]}
                </span>
              </span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
