"use client";
import { useStudio } from "@/components/studio/studio-context";
import { useJustifiedLayout } from "./use-justified-layout";

const RATIOS = [16 / 9, 1, 9 / 16, 1, 16 / 9, 1, 1, 9 / 16, 16 / 9, 1];

/** Placeholder tiles in the gallery's own layout while the first page loads. */
export function GallerySkeleton({ count = RATIOS.length }: { count?: number }) {
  const { t } = useStudio();
  const ratios = RATIOS.slice(0, count);
  const { ref, boxes, gap } = useJustifiedLayout(ratios);
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">{t.gallery.list.loading}</span>
      <div ref={ref} aria-hidden className="flex flex-wrap" style={{ gap }}>
        {ratios.map((ratio, i) => {
          const box = boxes?.[i];
          return (
            <div
              key={i}
              className="min-w-0"
              style={box ? { width: box.width, flexGrow: box.lastRow ? 0 : ratio } : { flexGrow: ratio, flexBasis: ratio * 180 }}
            >
              <div
                className="animate-pulse rounded-xl bg-zinc-200/80 dark:bg-zinc-800/80"
                style={{ aspectRatio: ratio, animationDelay: `${(i % 5) * 120}ms` }}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
