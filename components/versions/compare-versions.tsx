"use client";
import { useRef, useState } from "react";
import type { VersionsResponse } from "@/lib/contract";
import { useStudio } from "@/components/studio/studio-context";
import { CompareDialog } from "./compare-dialog";
import { comparable } from "./version-path";

/**
 * "Compare": opens two versions of a tree side by side or under a
 * before/after slider (the original, or the oldest version with a picture,
 * and the one shown, to start with).
 */
export function CompareVersions(props: { tree: VersionsResponse; shownId: string }) {
  const { t } = useStudio();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const versions = comparable(props.tree.items);
  const first = versions[0];
  const shown = versions.find((v) => v.id === props.shownId && v.id !== first?.id) ?? versions[versions.length - 1];
  return (
    <>
      <button
        ref={opener}
        type="button"
        disabled={versions.length < 2}
        onClick={() => setOpen(true)}
        className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-400 disabled:opacity-50 dark:border-zinc-700 dark:text-zinc-100 dark:hover:bg-zinc-800"
      >
        {t.versions.compare.open}
      </button>
      {open && first && shown && <CompareDialog tree={props.tree} beforeId={first.id} afterId={shown.id} onClose={() => setOpen(false)} />}
    </>
  );
}
