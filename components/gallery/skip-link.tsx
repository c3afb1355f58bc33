"use client";
import { useStudio } from "@/components/studio/studio-context";
import { PICTURES_ID } from "./gallery-list";

/**
 * The page's first Tab stop: past the header, the
 * composer and the filters, to the gallery's current card. Shown only while
 * focused. Before the page's scripts run, the link's #pictures does the same.
 */
export function SkipLink() {
  const { t } = useStudio();
  return (
    <a
      href={`#${PICTURES_ID}`}
      onClick={(e) => {
        const list = document.getElementById(PICTURES_ID);
        const card = list?.querySelector<HTMLElement>('[data-card][tabindex="0"]') ?? list;
        if (!card) return;
        e.preventDefault();
        card.focus();
        card.scrollIntoView({ block: "nearest" });
      }}
      className="sr-only rounded-lg bg-amber-500 px-4 py-2 text-sm font-semibold text-zinc-950 shadow-lg focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-zinc-900 dark:focus-visible:ring-white"
    >
      {t.gallery.keyboard.skipToPictures}
    </a>
  );
}
