"use client";
import { useEffect, useRef, useState } from "react";

type Mounted = { destroy: () => void };

/**
 * The browsable reference of /api/openapi.json. The renderer is imported
 * when this mounts, so no other page's bundle carries it and this page's
 * first bundle stays small.
 */
export function ApiReference({ url, loadingLabel, failedLabel }: { url: string; loadingLabel: string; failedLabel: string }) {
  const target = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");

  useEffect(() => {
    let mounted: Mounted | undefined;
    let gone = false;
    import("./mount-scalar")
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
        <p role="status" className="p-6 text-sm text-zinc-600 dark:text-zinc-400">
          {state === "loading" ? loadingLabel : failedLabel}
        </p>
      )}
      <div ref={target} />
    </>
  );
}
