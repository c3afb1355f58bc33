"use client";
import { useEffect, useRef } from "react";

const HOLD_MS = 500;
/** A finger that moves this far is scrolling, not holding. */
const SLOP_PX = 10;

/**
 * Press and hold (touch or pen) calls `onHold` once, instead of the phone's
 * context menu; the click that may follow the release is swallowed. Mouse
 * presses are left alone (the mouse has clicks with modifiers).
 */
export function useLongPress(onHold: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const start = useRef<{ x: number; y: number } | null>(null);
  const held = useRef(false);
  const pointer = useRef<string>("mouse");
  const latest = useRef(onHold);
  useEffect(() => {
    latest.current = onHold;
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const cancel = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    start.current = null;
  };

  return {
    onPointerDown(e: React.PointerEvent) {
      held.current = false;
      pointer.current = e.pointerType;
      if (e.pointerType === "mouse" || !e.isPrimary) return;
      cancel();
      start.current = { x: e.clientX, y: e.clientY };
      timer.current = setTimeout(() => {
        timer.current = undefined;
        held.current = true;
        navigator.vibrate?.(10);
        latest.current();
      }, HOLD_MS);
    },
    onPointerMove(e: React.PointerEvent) {
      const from = start.current;
      if (from && Math.hypot(e.clientX - from.x, e.clientY - from.y) > SLOP_PX) cancel();
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
    onContextMenu(e: React.MouseEvent) {
      // The phone's own long-press menu (save image, open in new tab) would cover the selection.
      if (timer.current !== undefined || held.current) e.preventDefault();
    },
    onClickCapture(e: React.MouseEvent) {
      if (!held.current) return;
      held.current = false;
      e.preventDefault();
      e.stopPropagation();
    },
    /** Whether the last press was a finger or a pen: a drag to a board must not start from it. */
    lastPressWasTouch: () => pointer.current !== "mouse",
  };
}
