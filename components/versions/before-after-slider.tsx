"use client";
import { useId, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { format } from "@/lib/i18n/format";
import { useStudio } from "@/components/studio/studio-context";

type Picture = { url: string; width: number; height: number };

const STEP = 5;
const BIG_STEP = 25;
const clamp = (value: number) => Math.min(100, Math.max(0, Math.round(value)));

/**
 * One picture over the other: the after picture shows left of the handle,
 * the before picture right of it. The handle is a slider: dragged, or moved
 * with the arrow keys (Page Up/Down and Home/End for big steps); a screen
 * reader announces how much of the after picture shows.
 */
export function BeforeAfterSlider(props: { before: Picture; after: Picture; labelledBy: string }) {
  const { t } = useStudio();
  const C = t.versions.compare;
  const [percent, setPercent] = useState(50);
  const frame = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const hintId = useId();

  const moveTo = (clientX: number) => {
    const box = frame.current?.getBoundingClientRect();
    if (box && box.width > 0) setPercent(clamp(((clientX - box.left) / box.width) * 100));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    moveTo(e.clientX);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) moveTo(e.clientX);
  };
  const onPointerUp = () => {
    dragging.current = false;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next: Record<string, number> = {
      ArrowLeft: percent - STEP,
      ArrowDown: percent - STEP,
      ArrowRight: percent + STEP,
      ArrowUp: percent + STEP,
      PageDown: percent - BIG_STEP,
      PageUp: percent + BIG_STEP,
      Home: 0,
      End: 100,
    };
    if (!(e.key in next)) return;
    e.preventDefault();
    // The dialog's own keys (Esc, Tab) still work; these stay with the slider.
    e.stopPropagation();
    setPercent(clamp(next[e.key]));
  };

  return (
    <div className="flex flex-col gap-2">
      <div
        ref={frame}
        className="relative w-full touch-none overflow-hidden rounded-xl bg-zinc-100 select-none dark:bg-zinc-800"
        style={{ aspectRatio: `${props.after.width} / ${props.after.height}` }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <img src={props.before.url} alt="" draggable={false} className="absolute inset-0 size-full object-contain" />
        <img
          src={props.after.url}
          alt=""
          draggable={false}
          className="absolute inset-0 size-full object-contain"
          style={{ clipPath: `inset(0 ${100 - percent}% 0 0)` }}
          data-testid="compare-after-layer"
        />
        <div className="pointer-events-none absolute inset-y-0 w-0.5 bg-white shadow-[0_0_0_1px_rgba(0,0,0,0.35)]" style={{ left: `${percent}%` }} aria-hidden="true" />
        <div
          role="slider"
          tabIndex={0}
          aria-labelledby={props.labelledBy}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={format(C.slide, { percent })}
          aria-describedby={hintId}
          onKeyDown={onKeyDown}
          className="absolute top-1/2 grid size-10 -translate-x-1/2 -translate-y-1/2 cursor-ew-resize place-items-center rounded-full bg-white text-zinc-900 shadow-lg ring-1 ring-zinc-900/20 focus:outline-none focus-visible:ring-4 focus-visible:ring-amber-400"
          style={{ left: `${percent}%` }}
        >
          <span aria-hidden="true">⇆</span>
        </div>
        <span className="absolute top-2 left-2 rounded bg-black/60 px-2 py-0.5 text-xs text-white" aria-hidden="true">
          {C.after}
        </span>
        <span className="absolute top-2 right-2 rounded bg-black/60 px-2 py-0.5 text-xs text-white" aria-hidden="true">
          {C.before}
        </span>
      </div>
      <p id={hintId} className="text-xs text-zinc-500 dark:text-zinc-400">
        {C.slideHint}
      </p>
    </div>
  );
}
