"use client";
import { useEffectEvent, useLayoutEffect, type RefObject } from "react";

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/**
 * The server's HTML is usable before the page's code runs, and what was typed
 * or picked in it meanwhile reached no handler. Once the code is here (at
 * hydration, before the next paint) the field's value is handed to `keep`,
 * so the first render does not wipe it.
 */
export function useEnteredBeforeHydration(field: RefObject<Field | null>, keep: (value: string) => void): void {
  const keepEntered = useEffectEvent(keep);
  useLayoutEffect(() => {
    const value = field.current?.value;
    if (value) keepEntered(value);
  }, [field]);
}
