"use client";
import { useEffect, useId, useRef, useState } from "react";
import type { CreatedShare } from "@/lib/contract";
import { format } from "@/lib/i18n/format";
import { useStudio } from "@/components/studio/studio-context";
import { CheckIcon, CopyIcon } from "@/components/ui/icons";
import { PRIMARY_BUTTON } from "./new-board-form";

/**
 * The new link, absolute: the only time it can be seen. It is copied to the
 * clipboard as it appears (making a link is asking to send it);
 * where the browser refuses (plain http on a LAN address, a denied
 * permission) it is selected for Ctrl+C and the line says so. Copy again
 * stays at hand.
 */
export function CreatedLink({ share }: { share: CreatedShare }) {
  const { t } = useStudio();
  const S = t.boards.share;
  const field = useRef<HTMLInputElement>(null);
  const fieldId = useId();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const link = new URL(share.url, window.location.origin).toString();

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied("yes");
    } catch {
      field.current?.focus();
      field.current?.select();
      setCopied("failed");
    }
  }

  // Once per link, while the click that made it still counts as the person's gesture.
  const copiedFor = useRef<string | null>(null);
  useEffect(() => {
    if (copiedFor.current === share.id) return;
    copiedFor.current = share.id;
    void copy();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per link: share.id says when; copy is a new function at each render
  }, [share.id]);

  return (
    <div className="flex flex-col gap-2 rounded-xl bg-amber-50 p-3 ring-1 ring-amber-300 dark:bg-amber-500/10 dark:ring-amber-500/40">
      <label htmlFor={fieldId} className="text-sm font-medium">
        {S.linkLabel}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          ref={field}
          id={fieldId}
          readOnly
          value={link}
          spellCheck={false}
          onFocus={(e) => e.target.select()}
          className="h-10 min-w-0 flex-1 rounded-lg border border-zinc-300 bg-white px-3 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950"
        />
        <button type="button" onClick={() => void copy()} className={PRIMARY_BUTTON}>
          {copied === "yes" ? <CheckIcon className="size-4" /> : <CopyIcon className="size-4" />}
          {copied === "yes" ? S.copied : S.copy}
        </button>
      </div>
      <p className="text-xs font-medium text-amber-900 dark:text-amber-200">{S.shownOnce}</p>
      {share.hiddenPictures > 0 && (
        <p className="text-xs text-zinc-700 dark:text-zinc-300">
          {share.hiddenPictures === 1 ? S.createdLeavesOutOne : format(S.createdLeavesOut, { count: share.hiddenPictures })}
        </p>
      )}
      <p role="status" className="text-xs font-medium text-emerald-800 empty:-mt-2 dark:text-emerald-300">
        {copied === "yes" ? S.copiedNow : copied === "failed" ? <span className="text-rose-700 dark:text-rose-300">{S.copyFailed}</span> : ""}
      </p>
    </div>
  );
}
