"use client";
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from "react";
import dynamic from "next/dynamic";
import type { Generation } from "@/lib/contract";
import { groupBatches } from "@/lib/client/batches";
import { frameRunRows } from "@/lib/client/run-frames";
import { NO_FILTERS } from "@/lib/contract-feed";
import { useStudio } from "@/components/studio/studio-context";
import { usePictureUrl } from "@/components/studio/use-picture-url";
import { BoardBar } from "@/components/boards/board-bar";
import { SelectionProvider, useSelection } from "@/components/selection/selection-context";
import { BatchChip } from "./batch-chip";
import { RunChip } from "./run-chip";
import { BoardEmptyState, EmptyState, ErrorState, NoResults } from "./empty-state";
import { GalleryStatusProvider, GalleryToast } from "@/components/ui/gallery-status";
import { GalleryFooter } from "./gallery-footer";
import { GallerySkeleton } from "./gallery-skeleton";
import { GalleryList } from "./gallery-list";
import { OutcomeAnnouncer } from "./outcome-announcer";
import { PictureMissing } from "./picture-missing";
import { Toolbar } from "./toolbar";
import { boxRatio, errorText, openButtonId } from "@/lib/client/format";
import { useInfiniteScroll } from "./use-infinite-scroll";
import { useToggleFavorite } from "./use-favorite";

// Its code comes when a picture is opened, or with the HTML of a page that opens one (/p/<id>), which the server renders.
const Lightbox = dynamic(() => import("./lightbox").then((m) => m.Lightbox));
// The selection bar (and its board menu, bulk delete, ZIP form) comes with the first selected picture.
const SelectionBar = dynamic(() => import("@/components/selection/selection-bar").then((m) => m.SelectionBar), { ssr: false });

// Screens without hover (phones, tablets): the media query Tailwind's hover: variant leaves out.
const TOUCH_ONLY = "[@media(hover:none)]:block";

// About the first screen of a wide window: loaded with the page, not when scrolled near.
const EAGER_THUMBS = 12;

/**
 * Every generation of the team (or of the page's board), newest first:
 * pictures, work in progress and failures, a request's pictures together,
 * with the board bar above, a lightbox, and a selection for bulk actions.
 */
export function Gallery() {
  return (
    <GalleryStatusProvider>
      <GalleryContent />
    </GalleryStatusProvider>
  );
}

function GalleryContent() {
  const { t, filters, setFilters, board, batch, setBatch, run, setRun, feed, picture, pictureMissing } = useStudio();
  const [toolbarKey, setToolbarKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const toggleFavorite = useToggleFavorite(setNotice);

  // While a new filter's first page loads, keep showing the last list (dimmed) instead of collapsing to a skeleton.
  const [settled, setSettled] = useState<Generation[]>(feed.items);
  if (!feed.isLoading && settled !== feed.items) setSettled(feed.items);
  const stale = feed.isLoading && settled.length > 0;
  const items = stale ? settled : feed.items;

  const ratios = useMemo(() => items.map(boxRatio), [items]);
  const segments = useMemo(() => frameRunRows(groupBatches(items)), [items]);
  const completed = useMemo(() => items.filter((g) => g.status === "completed" && g.image), [items]);
  const selectable = useMemo(() => completed.map((g) => g.id), [completed]);

  const sentinel = useInfiniteScroll({
    enabled: feed.hasMore && !feed.isLoadingMore && !feed.error && !stale,
    version: items.length,
    onLoadMore: () => void feed.loadMore(),
  });

  // The lightbox follows an id, not an index, so new pictures arriving on top do not shift it; the id is the page's address (/p/<id>).
  const viewer = usePictureUrl({ completed, listed: items, served: picture, missing: pictureMissing, stale });
  const { openId, open: openPicture, close: closePicture, forget } = viewer;
  const focusTarget = useRef<string | null | false>(openId);
  const openIndex = openId ? completed.findIndex((g) => g.id === openId) : -1;
  // Opened by a card's Edit (or E): the viewer starts with its edit field focused; moving on or closing (Back too) ends that.
  const [startEditing, setStartEditing] = useState(false);
  if (startEditing && !openId) setStartEditing(false);

  const show = useCallback(
    (id: string, options?: { edit?: boolean; picture?: Generation }) => {
      focusTarget.current = id;
      setStartEditing(options?.edit === true);
      openPicture(id, options?.picture);
    },
    [openPicture],
  );
  const close = useCallback(
    (options?: { restoreFocus?: boolean }) => {
      if (options?.restoreFocus === false) focusTarget.current = false;
      closePicture();
    },
    [closePicture],
  );
  const deleted = useCallback(
    (id: string) => {
      const i = completed.findIndex((g) => g.id === id);
      focusTarget.current = (completed[i + 1] ?? completed[i - 1])?.id ?? null;
      forget(id);
      closePicture();
    },
    [completed, forget, closePicture],
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

  const filtered = Boolean(filters.q.trim() || filters.model || filters.favorite || filters.mine || filters.status !== "all" || batch || run);
  const search = useRef<HTMLInputElement>(null);
  const clearFilters = () => {
    setFilters(NO_FILTERS);
    // Leaving a run lets go of a batch too.
    if (run) setRun(null);
    else if (batch) setBatch(null);
    setToolbarKey((k) => k + 1);
    // The "Clear filters" button goes away with the empty result: keep focus somewhere useful.
    requestAnimationFrame(() => search.current?.focus());
  };

  let body: React.ReactNode;
  if (items.length === 0 && feed.isLoading) body = <GallerySkeleton />;
  else if (items.length === 0 && feed.error) body = <ErrorState message={errorText(feed.error, t)} onRetry={() => void feed.refresh()} />;
  else if (items.length === 0) body = filtered ? <NoResults onClear={clearFilters} /> : board ? <BoardEmptyState /> : <EmptyState />;
  else
    body = (
      <>
        {/* A phone has no hover to show the checkboxes: say how a selection starts there. */}
        {selectable.length > 1 && <p className={`hidden text-xs text-zinc-600 dark:text-zinc-400 ${TOUCH_ONLY}`}>{t.gallery.list.holdToSelect}</p>}
        <GalleryList
          items={items}
          segments={segments}
          ratios={ratios}
          stale={stale}
          eagerBelow={EAGER_THUMBS}
          onOpen={show}
          onToggleFavorite={toggleFavorite}
        />
        <div ref={sentinel} aria-hidden className="h-px" />
        <GalleryFooter count={items.length} />
      </>
    );

  return (
    <SelectionProvider order={selectable}>
      <section className="flex flex-col gap-4">
        <h2 className="sr-only">{t.gallery.heading}</h2>
        <BoardBar />
        <Toolbar key={toolbarKey} searchRef={search} />
        <RunChip />
        <BatchChip />
        <PictureMissing />
        {notice && (
          <p role="alert" className="rounded-xl bg-rose-50 px-4 py-2.5 text-sm text-rose-700 ring-1 ring-rose-200 dark:bg-rose-500/10 dark:text-rose-300 dark:ring-rose-500/30">
            {notice}
          </p>
        )}
        {body}
        <OutcomeAnnouncer items={feed.items} />
        {openId && (
          <Lightbox
            items={viewer.items}
            shown={viewer.shown}
            hasMore={openIndex >= 0 && feed.hasMore}
            id={openId}
            onNavigate={show}
            onClose={close}
            onDeleted={deleted}
            returnFocus={returnFocus}
            startEditing={startEditing}
          />
        )}
      </section>
      <SelectionDock />
    </SelectionProvider>
  );
}

/** The selection bar while pictures are selected (room is kept below the list for it), and the status line above it. */
function SelectionDock() {
  const selection = useSelection();
  const selecting = selection.count > 0;
  return (
    <>
      {selecting && <div aria-hidden className="h-28 sm:h-20" />}
      {selecting && <SelectionBar />}
      <GalleryToast raised={selecting} />
    </>
  );
}
