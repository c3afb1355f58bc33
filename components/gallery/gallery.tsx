"use client";
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from "react";
import dynamic from "next/dynamic";
import type { Generation } from "@/lib/contract";
import { NO_FILTERS } from "@/lib/client/use-feed";
import { useStudio } from "@/components/studio/studio-context";
import { EmptyState, ErrorState, NoResults } from "./empty-state";
import { GalleryFooter } from "./gallery-footer";
import { GallerySkeleton } from "./gallery-skeleton";
import { GenerationCard } from "./generation-card";
import { Toolbar } from "./toolbar";
import { boxRatio, errorText, openButtonId } from "./format";
import { JUSTIFIED_CONTAINER, JUSTIFIED_LIST } from "./justified";
import { useInfiniteScroll } from "./use-infinite-scroll";
import { useToggleFavorite } from "./use-favorite";

// Nobody needs the lightbox for the first paint: its code comes when a picture is opened.
const Lightbox = dynamic(() => import("./lightbox").then((m) => m.Lightbox), { ssr: false });

// About the first screen of a wide window: loaded with the page, not when scrolled near.
const EAGER_THUMBS = 12;

/** Every generation of the team, newest first: pictures, work in progress and failures, with a lightbox. */
export function Gallery() {
  const { t, filters, setFilters, feed } = useStudio();
  const [toolbarKey, setToolbarKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const toggleFavorite = useToggleFavorite(setNotice);

  // While a new filter's first page loads, keep showing the last list (dimmed) instead of collapsing to a skeleton.
  const [settled, setSettled] = useState<Generation[]>(feed.items);
  if (!feed.isLoading && settled !== feed.items) setSettled(feed.items);
  const stale = feed.isLoading && settled.length > 0;
  const items = stale ? settled : feed.items;

  const ratios = useMemo(() => items.map(boxRatio), [items]);
  const completed = useMemo(() => items.filter((g) => g.status === "completed" && g.image), [items]);

  const sentinel = useInfiniteScroll({
    enabled: feed.hasMore && !feed.isLoadingMore && !feed.error && !stale,
    version: items.length,
    onLoadMore: () => void feed.loadMore(),
  });

  // The lightbox follows an id, not an index, so new pictures arriving on top do not shift it.
  const [openId, setOpenId] = useState<string | null>(null);
  const focusTarget = useRef<string | null | false>(null);
  const openIndex = openId ? completed.findIndex((g) => g.id === openId) : -1;
  if (openId && openIndex < 0 && !stale) setOpenId(null);

  const show = useCallback((id: string) => {
    focusTarget.current = id;
    setOpenId(id);
  }, []);
  const close = useCallback((options?: { restoreFocus?: boolean }) => {
    if (options?.restoreFocus === false) focusTarget.current = false;
    setOpenId(null);
  }, []);
  const deleted = useCallback(
    (id: string) => {
      const i = completed.findIndex((g) => g.id === id);
      focusTarget.current = (completed[i + 1] ?? completed[i - 1])?.id ?? null;
      setOpenId(null);
    },
    [completed],
  );
  const returnFocus = useCallback(() => {
    const target = focusTarget.current;
    if (target === false) return false;
    return target ? document.getElementById(openButtonId(target)) : null;
  }, []);

  // Browsing towards the end of what is loaded fetches the next page in the background.
  const { hasMore, isLoadingMore } = feed;
  const loadMore = useEffectEvent(() => void feed.loadMore());
  useEffect(() => {
    if (openIndex >= 0 && openIndex >= completed.length - 3 && hasMore && !isLoadingMore) loadMore();
  }, [openIndex, completed.length, hasMore, isLoadingMore]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  const filtered = Boolean(filters.q.trim() || filters.model || filters.favorite || filters.mine || filters.status !== "all");
  const search = useRef<HTMLInputElement>(null);
  const clearFilters = () => {
    setFilters(NO_FILTERS);
    setToolbarKey((k) => k + 1);
    // The "Clear filters" button goes away with the empty result: keep focus somewhere useful.
    requestAnimationFrame(() => search.current?.focus());
  };

  let body: React.ReactNode;
  if (items.length === 0 && feed.isLoading) body = <GallerySkeleton />;
  else if (items.length === 0 && feed.error) body = <ErrorState message={errorText(feed.error, t)} onRetry={() => void feed.refresh()} />;
  else if (items.length === 0) body = filtered ? <NoResults onClear={clearFilters} /> : <EmptyState />;
  else
    body = (
      <>
        <div className={JUSTIFIED_CONTAINER}>
          <ul
            aria-label={t.gallery.listLabel}
            aria-busy={stale || undefined}
            className={`${JUSTIFIED_LIST} transition-opacity duration-200 ${stale ? "opacity-60" : ""}`}
          >
            {items.map((g, i) => (
              <GenerationCard
                key={g.id}
                generation={g}
                ratio={ratios[i]}
                eager={i < EAGER_THUMBS}
                onOpen={show}
                onToggleFavorite={toggleFavorite}
              />
            ))}
          </ul>
        </div>
        <div ref={sentinel} aria-hidden className="h-px" />
        <GalleryFooter count={items.length} />
      </>
    );

  return (
    <section className="flex flex-col gap-4">
      <h2 className="sr-only">{t.gallery.heading}</h2>
      <Toolbar key={toolbarKey} searchRef={search} />
      {notice && (
        <p role="alert" className="rounded-xl bg-rose-50 px-4 py-2.5 text-sm text-rose-700 ring-1 ring-rose-200 dark:bg-rose-500/10 dark:text-rose-300 dark:ring-rose-500/30">
          {notice}
        </p>
      )}
      {body}
      {openId && openIndex >= 0 && (
        <Lightbox
          items={completed}
          hasMore={feed.hasMore}
          id={openId}
          onNavigate={show}
          onClose={close}
          onDeleted={deleted}
          returnFocus={returnFocus}
        />
      )}
    </section>
  );
}
