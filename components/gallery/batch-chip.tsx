"use client";
import { format } from "@/lib/i18n/format";
import { useStudio } from "@/components/studio/studio-context";
import { CloseIcon, StackIcon } from "@/components/ui/icons";

/** "Batch · 4 pictures ✕": the gallery shows one request's pictures (from "Show batch"); ✕ shows everything again. */
export function BatchChip() {
  const { t, batch, setBatch, feed } = useStudio();
  if (!batch) return null;
  const B = t.boards.batch;
  const count = feed.items.length;
  return (
    <div className="flex">
      <span className="inline-flex h-9 items-center gap-2 rounded-full bg-amber-100 pr-1 pl-3 text-sm font-medium text-amber-900 ring-1 ring-amber-300 dark:bg-amber-500/15 dark:text-amber-100 dark:ring-amber-500/40">
        <StackIcon className="size-4" />
        {feed.isLoading ? format(B.chip, { count: "…" }) : count === 1 ? B.chipOne : format(B.chip, { count })}
        <button
          type="button"
          aria-label={B.clear}
          title={B.clear}
          onClick={() => setBatch(null)}
          className="grid size-7 place-items-center rounded-full hover:bg-amber-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:hover:bg-amber-500/30"
        >
          <CloseIcon className="size-4" />
        </button>
      </span>
    </div>
  );
}
