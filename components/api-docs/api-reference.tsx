"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";

type Mounted = { destroy: () => void };
type MountModule = typeof import("./mount-scalar");

// The renderer's chunk is asked for as soon as this module runs (while the
// page hydrates), not after the first effect: it is the slow part of the page.
let renderer: Promise<MountModule> | undefined;
const loadRenderer = () => (renderer ??= import("./mount-scalar"));
if (typeof window !== "undefined") void loadRenderer().catch(() => undefined);

/**
 * The browsable reference of /api/openapi.json. The renderer is imported
 * on its own, so no other page's bundle carries it and this page's first
 * bundle stays small. Until it has drawn (or if it cannot), `children` (the
 * server-rendered list of operations) stand in its place, so the page is
 * useful from its first paint.
 */
export function ApiReference({ url, loadingLabel, failedLabel, children }: { url: string; loadingLabel: string; failedLabel: string; children?: ReactNode }) {
  const target = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");

  useEffect(() => {
    let mounted: Mounted | undefined;
    let gone = false;
    loadRenderer()
      .then(({ mountScalar }) => {
        if (gone || !target.current) return;
        const root = document.documentElement;
        const dark = root.classList.contains("dark") || (!root.classList.contains("light") && window.matchMedia("(prefers-color-scheme: dark)").matches);
        mounted = mountScalar(target.current, { url, dark });
        setState("ready");
      })
      .catch(() => setState("failed"));
    return () => {
      gone = true;
      mounted?.destroy();
    };
  }, [url]);

  return (
    <>
      {state !== "ready" && (
        <div className="flex flex-col gap-3">
          <p role="status" className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
            {state === "loading" && <span aria-hidden className="size-3.5 animate-spin rounded-full border-2 border-zinc-300 border-t-amber-500 dark:border-zinc-700 dark:border-t-amber-400" />}
            {state === "loading" ? loadingLabel : failedLabel}
          </p>
          {children}
        </div>
      )}
      <div ref={target} />
    </>
  );
}
