"use client";
import { useCallback, useEffect, useId, useState } from "react";
import { MODELS } from "@/lib/models";
import { format } from "@/lib/i18n/format";
import type { StatusFilter } from "@/lib/contract-feed";
import { useStudio } from "@/components/studio/studio-context";
import { ChevronIcon, SearchIcon, StackIcon, StarIcon, UserIcon } from "@/components/ui/icons";

const SEARCH_DEBOUNCE_MS = 300;

// On a phone each filter is as wide as its chosen option (and grows to fill its row), so
// "All models" never shrinks to "Al…"; from sm up they keep their fixed widths.
const FILTER_BOX = "relative max-w-full min-w-0 flex-auto sm:flex-none";
const SELECT =
  "h-10 w-full appearance-none truncate max-sm:field-sizing-content rounded-xl border border-zinc-200 bg-white pr-8 pl-3 text-sm shadow-sm focus:border-amber-400 focus:ring-2 focus:ring-amber-500/30 focus:outline-none dark:border-zinc-800 dark:bg-zinc-900";

/**
 * Search, model, status, favorites, "mine" and "every version" (not one card
 * per edited picture's thread): all through the studio's filters.
 * Remount it (a new `key`) to reset the typed search along with the filters.
 */
export function Toolbar({ searchRef }: { searchRef?: React.Ref<HTMLInputElement> }) {
  const { t, locale, filters, setFilters, feed, board } = useStudio();
  const [text, setText] = useState(filters.q);
  // The search lives in the address: when Back or Forward brings another one, the
  // box shows it; a search this box sent itself leaves what is typed alone.
  const [sent, setSent] = useState(filters.q);
  const [shownQ, setShownQ] = useState(filters.q);
  if (shownQ !== filters.q) {
    setShownQ(filters.q);
    if (filters.q !== sent) {
      setText(filters.q);
      setSent(filters.q);
    }
  }
  const search = useCallback(
    (q: string) => {
      setSent(q);
      setFilters({ q });
    },
    [setFilters],
  );
  const modelId = useId();
  const statusId = useId();
  const T = t.gallery.toolbar;
  const statuses: { value: StatusFilter; label: string }[] = [
    { value: "all", label: T.statusAll },
    { value: "completed", label: T.statusCompleted },
    { value: "failed", label: T.statusFailed },
    { value: "active", label: T.statusActive },
  ];

  useEffect(() => {
    if (text === filters.q) return;
    const timer = setTimeout(() => search(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, filters.q, search]);

  return (
    <div role="search" aria-label={t.gallery.toolbar.label} className="flex flex-wrap items-center gap-2">
      <div className="relative min-w-0 flex-[1_1_100%] sm:flex-[1_1_14rem]">
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
        <input
          ref={searchRef}
          type="search"
          aria-label={t.gallery.toolbar.searchLabel}
          placeholder={t.gallery.toolbar.searchPlaceholder}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") search(text);
          }}
          className="h-10 w-full rounded-xl border border-zinc-200 bg-white pr-3 pl-9 text-sm shadow-sm placeholder:text-zinc-400 focus:border-amber-400 focus:ring-2 focus:ring-amber-500/30 focus:outline-none dark:border-zinc-800 dark:bg-zinc-900 dark:placeholder:text-zinc-500"
        />
      </div>

      <label htmlFor={modelId} className="sr-only">
        {t.gallery.toolbar.modelLabel}
      </label>
      <div className={FILTER_BOX}>
        <select
          id={modelId}
          value={filters.model}
          onChange={(e) => setFilters({ model: e.target.value })}
          className={`${SELECT} sm:w-48`}
        >
          <option value="">{t.gallery.toolbar.allModels}</option>
          {MODELS.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label[locale]}
            </option>
          ))}
        </select>
        <ChevronIcon direction="down" className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-zinc-400" />
      </div>

      <label htmlFor={statusId} className="sr-only">
        {T.statusLabel}
      </label>
      <div className={FILTER_BOX}>
        <select
          id={statusId}
          value={filters.status}
          onChange={(e) => setFilters({ status: e.target.value as StatusFilter })}
          className={`${SELECT} sm:w-36`}
        >
          {statuses.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
        <ChevronIcon direction="down" className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-zinc-400" />
      </div>

      <ToggleChip pressed={filters.favorite} onClick={() => setFilters({ favorite: !filters.favorite })}>
        <StarIcon filled={filters.favorite} className="size-4" />
        {t.gallery.toolbar.favorites}
      </ToggleChip>
      <ToggleChip pressed={filters.mine} onClick={() => setFilters({ mine: !filters.mine })}>
        <UserIcon className="size-4" />
        {t.gallery.toolbar.mine}
      </ToggleChip>
      {/* A board lists every version of what is on it anyway: no toggle there. */}
      {!board && (
        <ToggleChip pressed={filters.versions === "all"} onClick={() => setFilters({ versions: filters.versions === "all" ? undefined : "all" })}>
          <StackIcon className="size-4" />
          {T.everyVersion}
        </ToggleChip>
      )}

      {feed.activeCount > 0 && (
        <span className="ml-auto hidden items-center gap-2 rounded-full bg-amber-100 px-3 py-1 text-xs font-medium text-amber-900 md:inline-flex dark:bg-amber-500/15 dark:text-amber-200">
          <span aria-hidden className="relative flex size-2">
            <span className="absolute inline-flex size-full animate-ping rounded-full bg-amber-500 opacity-60" />
            <span className="relative inline-flex size-2 rounded-full bg-amber-500" />
          </span>
          {format(t.gallery.activeCount, { count: feed.activeCount })}
        </span>
      )}
    </div>
  );
}

function ToggleChip(props: { pressed: boolean; onClick(): void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={props.pressed}
      onClick={props.onClick}
      className="inline-flex h-10 shrink-0 items-center gap-1.5 rounded-xl border border-zinc-200 bg-white px-3.5 text-sm font-medium text-zinc-700 shadow-sm transition-colors hover:bg-zinc-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 aria-pressed:border-amber-300 aria-pressed:bg-amber-50 aria-pressed:text-amber-900 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:aria-pressed:border-amber-500/40 dark:aria-pressed:bg-amber-500/15 dark:aria-pressed:text-amber-200"
    >
      {props.children}
    </button>
  );
}
