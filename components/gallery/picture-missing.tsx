"use client";
import { useState } from "react";
import { useStudio } from "@/components/studio/studio-context";
import { CloseIcon } from "@/components/ui/icons";

/**
 * Over the gallery when the page's address named a picture there is none of
 * (/p/<id>, a board's ?p=): one sentence for a picture that never was, was
 * deleted or is not the person's to see, so it tells nobody which. Stays
 * until dismissed: it explains why the link showed no picture.
 */
export function PictureMissing() {
  const { t, pictureMissing } = useStudio();
  const [shown, setShown] = useState(Boolean(pictureMissing));
  if (!shown) return null;
  const L = t.gallery.lightbox;
  return (
    <div
      role="status"
      className="flex items-center justify-between gap-3 rounded-xl bg-amber-50 py-1.5 pr-1.5 pl-4 text-sm text-amber-900 ring-1 ring-amber-200 dark:bg-amber-500/10 dark:text-amber-100 dark:ring-amber-500/30"
    >
      <p>{L.notFound}</p>
      <button
        type="button"
        aria-label={L.dismissNotFound}
        title={L.dismissNotFound}
        onClick={() => setShown(false)}
        className="grid size-8 shrink-0 place-items-center rounded-full hover:bg-amber-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:hover:bg-amber-500/20"
      >
        <CloseIcon className="size-4" />
      </button>
    </div>
  );
}
