"use client";
import { useStudio } from "@/components/studio/studio-context";
import { JUSTIFIED_CONTAINER, JUSTIFIED_LIST, tileStyle } from "./justified";

const RATIOS = [16 / 9, 1, 9 / 16, 1, 16 / 9, 1, 1, 9 / 16, 16 / 9, 1];

/** Placeholder tiles in the gallery's own layout while the first page loads. */
export function GallerySkeleton({ count = RATIOS.length }: { count?: number }) {
  const { t } = useStudio();
  const ratios = RATIOS.slice(0, count);
  return (
    <div role="status" aria-live="polite" className={JUSTIFIED_CONTAINER}>
      <span className="sr-only">{t.gallery.list.loading}</span>
      <div aria-hidden className={JUSTIFIED_LIST}>
        {ratios.map((ratio, i) => (
          <div key={i} className="min-w-0" style={tileStyle(ratio)}>
            <div
              className="animate-pulse rounded-xl bg-zinc-200/80 dark:bg-zinc-800/80"
              style={{ aspectRatio: ratio, animationDelay: `${(i % 5) * 120}ms` }}
            />
          </div>
        ))}
      </div>
    </div>
  );
}
