"use client";
import Link from "next/link";
import { useStudio } from "@/components/studio/studio-context";

/**
 * "Run" in a batch's frame whose pictures are one row of a bulk run: the
 * whole run's group (?run=). On the studio page it is a filter like "Show
 * batch" (Back leaves it); from a board it goes to the studio's gallery,
 * where the whole run is. A real link, so it opens in a new tab as well.
 */
export function RunLink({ runId }: { runId: string }) {
  const { t, board, run, setRun } = useStudio();
  if (run === runId) return null;
  function onClick(e: React.MouseEvent) {
    if (board || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    setRun(runId);
  }
  return (
    <Link
      href={`/?run=${encodeURIComponent(runId)}`}
      prefetch={false}
      onClick={onClick}
      aria-label={t.runs.linkLabel}
      title={t.runs.linkLabel}
      className="shrink-0 rounded-full bg-sky-100 px-2 py-0.5 font-medium text-sky-800 ring-1 ring-sky-300 hover:bg-sky-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:bg-sky-500/15 dark:text-sky-100 dark:ring-sky-500/40 dark:hover:bg-sky-500/30"
    >
      {t.runs.link}
    </Link>
  );
}
