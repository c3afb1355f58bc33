"use client";
import { useEffect, useEffectEvent } from "react";

/**
 * Calls `restored` when Back or Forward brings the page back from the
 * back/forward cache (`pageshow` with `persisted`): the page shows what it
 * held when it was left, and its reads must be asked again, since a teammate
 * (or this person, on the page they went to) may have changed them since.
 */
export function useBackForwardRestore(restored: () => void) {
  const onRestore = useEffectEvent(restored);
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) onRestore();
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, []);
}
