"use client";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from "react";
import useSWR from "swr";
import useSWRInfinite, { unstable_serialize as infiniteKey } from "swr/infinite";
import type { Generation, ListGenerationsResponse } from "@/lib/contract";
import { NO_FILTERS, type FeedFilters, type FeedStart } from "@/lib/contract-feed";
import { GALLERY_PAGE_SIZE } from "@/lib/contract-values";
import { api, listUrl } from "./api";
import { feedItems, isActive, keepFinished, leftActive, matches, mergeFirstPage, removedFrom, replacedOn, withCreated } from "./feed-merge";
import { mountOptions, useSeededFromServer } from "./seeded";
import { useBackForwardRestore } from "./use-back-forward-restore";
import { usePageVisible } from "./use-page-visible";

// The gallery's two lists as SWR keeps them, and when each is read or
// changed. What the page shows from both, and how a change applies to each,
// is feed-merge.ts (pure, tested there).

type Page = ListGenerationsResponse;

const ACTIVE_POLL_MS = 1_000;
// Teammates' new pictures and versions: one conditional read of the first
// page, only while the page is visible. While nothing changed it is a 304 with
// no body, answered without the list query (lib/server/list-etag.ts).
const TEAM_CHECK_MS = 8_000;
const KEEP = { revalidate: false };

const pageUrl = (f: FeedFilters, cursor?: string | null) =>
  listUrl({ ...f, status: f.status === "all" ? undefined : f.status, cursor, limit: GALLERY_PAGE_SIZE });

/**
 * Everything the page shows: the gallery's cursor pages, and the active
 * generations polled by SWR only while something is active (SWR itself stops
 * when the tab is hidden). A generation that leaves the active list is
 * re-read in the gallery so its card turns into the picture in place.
 */
export function useFeed(input: { filters: FeedFilters; user: string; initial?: FeedStart; initialFilters?: FeedFilters }) {
  const { filters, user, initial } = input;
  // The server's first page was read with `initialFilters` (the studio: none; a board page: its board); another filter starts empty.
  const unfiltered = pageUrl(filters) === pageUrl(input.initialFilters ?? NO_FILTERS);
  const galleryKey = (index: number, previous: Page | null) => {
    if (previous && !previous.nextCursor) return null;
    return pageUrl(filters, previous?.nextCursor);
  };
  const galleryFallback = unfiltered && initial ? [initial.firstPage] : undefined;
  const gallerySeeded = useSeededFromServer(infiniteKey(galleryKey), galleryFallback !== undefined);
  const gallery = useSWRInfinite<Page>(galleryKey, api.list, {
    revalidateFirstPage: true,
    revalidateOnFocus: false,
    fallbackData: galleryFallback,
    ...mountOptions(gallerySeeded),
  });
  const activeUrl = listUrl({ status: "active", limit: 100 });
  const activeSeeded = useSeededFromServer(activeUrl, initial?.active !== undefined);
  const active = useSWR<Page>(activeUrl, api.list, {
    // SWR hands this its cache, which holds nothing of the server's answer
    // until it has fetched the list itself (fallbackData is not cached): a
    // page opened with pictures in progress would not poll until something
    // else read the list. The server's answer stands in until then.
    refreshInterval: (data) => ((data ?? initial?.active)?.items.length ? ACTIVE_POLL_MS : 0),
    refreshWhenHidden: false,
    dedupingInterval: 500,
    fallbackData: initial?.active,
    ...mountOptions(activeSeeded),
  });
  const { mutate: mutateGallery } = gallery;
  const { mutate: mutateActive } = active;
  const changePages = useChangeShown(gallery.data, mutateGallery);
  const changeActive = useChangeShown(active.data, mutateActive);

  // When ids leave the active list, their final state lives in the gallery pages.
  // Until those are re-read, the pages hold each one as last seen: a card the
  // pages did not have yet would otherwise vanish for a round trip and jump back.
  const previousActive = useRef<Generation[]>([]);
  // A layout effect: SWR writes the cache synchronously, so the kept cards are back before the browser paints.
  useLayoutEffect(() => {
    const finished = leftActive(previousActive.current, active.data?.items ?? []);
    previousActive.current = active.data?.items ?? [];
    if (finished.length === 0) return;
    const shown = finished.filter((g) => matches(g, filters, user));
    if (shown.length > 0) void changePages((pages) => keepFinished(pages, shown), KEEP);
    void mutateGallery();
  }, [active.data, mutateGallery, changePages, filters, user]);

  // Pictures made by teammates appear without a reload, even when nothing of
  // ours is active: every TEAM_CHECK_MS while the page is visible, the first
  // gallery page is asked for with the tag of the last answer. Unchanged (a
  // 304: nothing anyone could see here changed): nothing more. Changed: the
  // page is merged in, and the active list read again (it starts its own fast
  // poll when it finds something). The other pages are not re-read. The tag
  // lives as long as this effect: a new filter, or the page shown again, starts
  // with a full read.
  const visible = usePageVisible();
  const firstPage = pageUrl(filters);
  useEffect(() => {
    if (!visible) return;
    let stopped = false;
    let etag: string | undefined;
    const timer = setInterval(async () => {
      if (document.visibilityState !== "visible") return;
      const answer = await api.listIfChanged(firstPage, etag).catch(() => null);
      // Stopped: a filter changed meanwhile and this answer belongs to another list.
      if (!answer || answer === "unchanged" || stopped) return;
      etag = answer.etag;
      void mutateActive();
      void changePages((pages) => mergeFirstPage(pages, answer.page), KEEP);
    }, TEAM_CHECK_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [visible, firstPage, mutateActive, changePages]);

  const items = useMemo(
    () => feedItems({ active: active.data?.items ?? [], pages: gallery.data ?? [], filters, user }),
    [active.data, gallery.data, filters, user],
  );

  const last = gallery.data?.[gallery.data.length - 1];
  const hasMore = Boolean(last?.nextCursor);
  const isLoadingMore = gallery.isLoading || (gallery.size > 0 && gallery.data !== undefined && typeof gallery.data[gallery.size - 1] === "undefined");

  const refresh = useCallback(async () => {
    await Promise.all([active.mutate(), gallery.mutate()]);
  }, [active, gallery]);
  // Back to the gallery from the back/forward cache: what changed while away shows at once, not at the next team check.
  useBackForwardRestore(() => void refresh());

  /** Show just-created generations at once, before the next poll. */
  const addCreated = useCallback(
    (created: Generation[]) => {
      void changeActive((current) => withCreated(current, created), { revalidate: true });
      if (created.some((g) => !isActive(g))) void mutateGallery();
    },
    [changeActive, mutateGallery],
  );

  /** Replace one generation everywhere it is cached (after PATCH). */
  const replace = useCallback(
    (g: Generation) => {
      void changePages((pages) => pages?.map((p) => replacedOn(p, g)), KEEP);
    },
    [changePages],
  );

  /** Out of the active list (and the memory of it), without asking the server. */
  const dropActive = useCallback(
    (id: string) => {
      previousActive.current = previousActive.current.filter((x) => x.id !== id);
      void changeActive((list) => list && removedFrom(list, id), KEEP);
    },
    [changeActive],
  );

  const removeLocal = useCallback(
    (id: string) => {
      // Deleted, not finished: it must not be kept in the pages as last seen.
      dropActive(id);
      void changePages((pages) => pages?.map((p) => removedFrom(p, id)), KEEP);
    },
    [changePages, dropActive],
  );

  /**
   * One we acted on (a cancel), as the server answered it. Still active (the
   * gateway has no cancel: it stays in flight until the gateway ends it): in
   * the active list as it is now, which keeps polling it. Otherwise out of the
   * active list, and into the pages as it is now rather than as last polled
   * (or out of them, when it no longer matches the filters).
   */
  const settle = useCallback(
    (g: Generation) => {
      if (isActive(g)) {
        void changeActive((list) => list && replacedOn(list, g), KEEP);
        return replace(g);
      }
      if (!matches(g, filters, user)) return removeLocal(g.id);
      dropActive(g.id);
      void changePages((pages) => keepFinished(pages, [g]), KEEP);
    },
    [changePages, changeActive, replace, filters, user, removeLocal, dropActive],
  );

  return {
    items,
    activeCount: active.data?.items.length ?? 0,
    isLoading: gallery.isLoading && !gallery.data,
    isLoadingMore,
    error: gallery.error as Error | undefined,
    hasMore,
    loadMore: () => gallery.setSize(gallery.size + 1),
    refresh,
    addCreated,
    replace,
    settle,
    removeLocal,
  };
}

export type Feed = ReturnType<typeof useFeed>;

/**
 * A change to one list, applied to what is shown. SWR's mutate(fn) hands fn
 * the cached value, never fallbackData: until SWR has fetched a list itself,
 * what is shown is the server's answer, which its cache does not hold, and a
 * change made then (a cancel, a favorite, a delete) applies to what is shown
 * rather than to nothing.
 */
function useChangeShown<T>(
  data: T | undefined,
  mutate: (change: (cached?: T) => T | undefined, options: { revalidate: boolean }) => Promise<unknown>,
) {
  const shown = useRef(data);
  useLayoutEffect(() => {
    shown.current = data;
  });
  return useCallback(
    (change: (current: T | undefined) => T | undefined, options: { revalidate: boolean }) => mutate((cached) => change(cached ?? shown.current), options),
    [mutate],
  );
}
