"use client";
import { createContext, useCallback, useContext, useEffect, useState } from "react";

export type StatusMessage = { text: string; tone?: "ok" | "error" };
type Announce = (message: StatusMessage) => void;

const StatusContext = createContext<{ message: StatusMessage | null; announce: Announce } | null>(null);

const SHOWN_MS = 6000;

/** One short line about what just happened ("Added 3 pictures to Moodboard"), for every part of the gallery. */
export function GalleryStatusProvider({ children }: { children: React.ReactNode }) {
  const [message, setMessage] = useState<StatusMessage | null>(null);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [message]);
  // A new object each time: the same words twice still show (and are announced) again.
  const announce = useCallback<Announce>((next) => setMessage({ ...next }), []);
  return <StatusContext.Provider value={{ message, announce }}>{children}</StatusContext.Provider>;
}

export function useAnnounce(): Announce {
  const value = useContext(StatusContext);
  if (!value) throw new Error("useAnnounce outside GalleryStatusProvider");
  return value.announce;
}

/**
 * The line itself, at the bottom of the window (above the selection bar when
 * there is one). The live regions are always in the page, empty when quiet,
 * so screen readers hear each new message.
 */
export function GalleryToast({ raised }: { raised: boolean }) {
  const value = useContext(StatusContext);
  const message = value?.message ?? null;
  const error = message?.tone === "error";
  return (
    <div className={`pointer-events-none fixed inset-x-0 z-40 flex flex-col items-center px-3 transition-[bottom] ${raised ? "bottom-28 sm:bottom-24" : "bottom-4"}`}>
      <div role="status" aria-live="polite">
        {message && !error && <p className={`${TOAST} bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900`}>{message.text}</p>}
      </div>
      <div role="alert">
        {message && error && <p className={`${TOAST} bg-rose-700 text-white`}>{message.text}</p>}
      </div>
    </div>
  );
}

const TOAST = "pointer-events-auto max-w-xl rounded-xl px-4 py-2.5 text-sm font-medium shadow-lg ring-1 ring-black/10";
