"use client";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import useSWR from "swr";
import useSWRInfinite, { unstable_serialize as infiniteKey } from "swr/infinite";
import type { Generation, ListGenerationsResponse } from "@/lib/contract";
import { NO_FILTERS, type FeedFilters, type FeedStart } from "@/lib/contract-feed";
import { ACTIVE_STATUSES, GALLERY_PAGE_SIZE, promptMatches } from "@/lib/contract-values";
import { api, listUrl } from "./api";
import { mountOptions, useSeededFromServer } from "./seeded";

const PAGE_SIZE = GALLERY_PAGE_SIZE;

const ACTIVE_POLL_MS = 1_000;
// Teammates' new pictures: one small read of the first page, only while the page is visible.
const TEAM_CHECK_MS = 20_000;
const isActive = (g: Generation) => ACTIVE_STATUSES.includes(g.status);

const pageUrl = (f: FeedFilters, cursor?: string | null) =>
  listUrl({ ...f, status: f.status === "all" ? undefined : f.status, cursor, limit: PAGE_SIZE });

function matches(g: Generation, f: FeedFilters, user: string): boolean {
  if (f.status === "active" && !isActive(g)) return false;
  if ((f.status === "completed" || f.status === "failed") && g.status !== f.status) return false;
  if (f.model && g.model !== f.model) return false;
  if (f.favorite && !g.favorite) return false;
  if (f.mine && g.createdBy !== user) return false;
  // Every word, in any order, as the server matches q (issue 26).
  if (f.q.trim() && !promptMatches(g.prompt, f.q)) return false;
  if (f.batch && g.batchId !== f.batch) return false;
  // Whether it is on the board only the server knows: the board's pages say so, the active list does not.
  if (f.board) return false;
  return true;
}

/** Pages with `finished` in place of their stale copies; ones no page holds yet go on top of the first. */
function keepFinished(pages: ListGenerationsResponse[] | undefined, finished: Generation[]) {
  if (!pages || pages.length === 0) return pages;
  const byId = new Map(finished.map((g) => [g.id, g]));
  const held = new Set<string>();
  const next = pages.map((p) => ({
    ...p,
    items: p.items.map((x) => {
      const last = byId.get(x.id);
      if (!last) return x;
      held.add(x.id);
      return last;
    }),
  }));
  next[0] = { ...next[0], items: [...finished.filter((g) => !held.has(g.id)), ...next[0].items] };
  return next;
}

/**
 * Pages with a freshly read first page merged in, without re-reading the
 * others: new and changed ones come from `fresh`; a held one newer than
 * fresh's oldest but missing from it is gone (deleted, or no longer matching).
 */
export function mergeFirstPage(pages: ListGenerationsResponse[] | undefined, fresh: ListGenerationsResponse) {
  if (!pages || pages.length === 0) return [fresh];
  if (!fresh.nextCursor) return [fresh]; // fresh holds everything there is
  const oldest = fresh.items[fresh.items.length - 1]?.id ?? "";
  const byId = new Map(fresh.items.map((g) => [g.id, g]));
  const keep = (g: Generation) => !byId.has(g.id) && g.id < oldest;
  const next = pages.map((p) => ({ ...p, items: p.items.filter(keep) }));
  next[0] = { ...next[0], items: [...fresh.items, ...next[0].items] };
  return next;
}

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
  const galleryKey = (index: number, previous: ListGenerationsResponse | null) => {
    if (previous && !previous.nextCursor) return null;
    return pageUrl(filters, previous?.nextCursor);
  };
  const galleryFallback = unfiltered && initial ? [initial.firstPage] : undefined;
  const gallerySeeded = useSeededFromServer(infiniteKey(galleryKey), galleryFallback !== undefined);
  const gallery = useSWRInfinite<ListGenerationsResponse>(galleryKey, api.list, {
    revalidateFirstPage: true,
    revalidateOnFocus: false,
    fallbackData: galleryFallback,
    ...mountOptions(gallerySeeded),
  });
  const activeUrl = listUrl({ status: "active", limit: 100 });
  const activeSeeded = useSeededFromServer(activeUrl, initial?.active !== undefined);
  const active = useSWR<ListGenerationsResponse>(activeUrl, api.list, {
    refreshInterval: (data) => (data && data.items.length > 0 ? ACTIVE_POLL_MS : 0),
    refreshWhenHidden: false,
    dedupingInterval: 500,
    fallbackData: initial?.active,
    ...mountOptions(activeSeeded),
  });
  // SWR's mutate(fn) hands fn the cached value, never fallbackData: until SWR
  // has fetched a list itself, what is shown is the server's answer, which its
  // cache does not hold, and a change made then (a cancel, a favorite, a
  // delete) applies to what is shown rather than to nothing.
  const shownPages = useRef(gallery.data);
  const shownActive = useRef(active.data);
  useLayoutEffect(() => {
    shownPages.current = gallery.data;
    shownActive.current = active.data;
  });
  const { mutate: mutateGallery } = gallery;
  const changePages = useCallback(
    (change: (pages: ListGenerationsResponse[] | undefined) => ListGenerationsResponse[] | undefined) =>
      mutateGallery((pages) => change(pages ?? shownPages.current), { revalidate: false }),
    [mutateGallery],
  );
  const { mutate: mutateActive } = active;
  const changeActive = useCallback(
    (change: (list: ListGenerationsResponse | undefined) => ListGenerationsResponse | undefined, options: { revalidate: boolean }) =>
      mutateActive((list) => change(list ?? shownActive.current), options),
    [mutateActive],
  );

  // When ids leave the active list, their final state lives in the gallery pages.
  // Until those are re-read, the pages hold each one as last seen: a card the
  // pages did not have yet would otherwise vanish for a round trip and jump back.
  const previousActive = useRef<Generation[]>([]);
  // A layout effect: SWR writes the cache synchronously, so the kept cards are back before the browser paints.
  useLayoutEffect(() => {
    const now = new Set((active.data?.items ?? []).map((g) => g.id));
    const finished = previousActive.current.filter((g) => !now.has(g.id));
    previousActive.current = active.data?.items ?? [];
    if (finished.length === 0) return;
    const shown = finished.filter((g) => matches(g, filters, user));
    if (shown.length > 0) void changePages((pages) => keepFinished(pages, shown));
    void mutateGallery();
  }, [active.data, mutateGallery, changePages, filters, user]);

  // Pictures made by teammates appear without a reload, even when nothing of
  // ours is active: the active list (which starts its own fast poll when it
  // finds something) and the first gallery page, read every TEAM_CHECK_MS
  // while the page is visible. The other pages are not re-read.
  const visible = usePageVisible();
  const firstPage = pageUrl(filters);
  useEffect(() => {
    if (!visible) return;
    let stopped = false;
    const timer = setInterval(async () => {
      if (document.visibilityState !== "visible") return;
      void mutateActive();
      const fresh = await api.list(firstPage).catch(() => null);
      // Stopped: a filter changed meanwhile and this answer belongs to another list.
      if (!fresh || stopped) return;
      void changePages((pages) => mergeFirstPage(pages, fresh));
    }, TEAM_CHECK_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [visible, firstPage, mutateActive, changePages]);

  const items = useMemo(() => {
    const fresh = new Map((active.data?.items ?? []).map((g) => [g.id, g]));
    const seen = new Set<string>();
    const out: Generation[] = [];
    // Active ones the gallery pages do not hold yet (just created) go on top.
    for (const g of active.data?.items ?? []) {
      if (!seen.has(g.id) && matches(g, filters, user)) {
        out.push(g);
        seen.add(g.id);
      }
    }
    for (const page of gallery.data ?? []) {
      for (const g of page.items) {
        if (seen.has(g.id)) continue;
        seen.add(g.id);
        out.push(fresh.get(g.id) ?? g);
      }
    }
    return out.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }, [active.data, gallery.data, filters, user]);

  const last = gallery.data?.[gallery.data.length - 1];
  const hasMore = Boolean(last?.nextCursor);
  const isLoadingMore = gallery.isLoading || (gallery.size > 0 && gallery.data !== undefined && typeof gallery.data[gallery.size - 1] === "undefined");

  const refresh = useCallback(async () => {
    await Promise.all([active.mutate(), gallery.mutate()]);
  }, [active, gallery]);

  /** Show just-created generations at once, before the next poll. */
  const addCreated = useCallback(
    (created: Generation[]) => {
      // A replayed request (same idempotency key) answers generations we may already hold.
      const ids = new Set(created.map((g) => g.id));
      void changeActive(
        (current) => ({
          items: [...created.filter((g) => isActive(g)), ...(current?.items ?? []).filter((g) => !ids.has(g.id))],
          nextCursor: current?.nextCursor ?? null,
        }),
        { revalidate: true },
      );
      if (created.some((g) => !isActive(g))) void mutateGallery();
    },
    [changeActive, mutateGallery],
  );

  /** Replace one generation everywhere it is cached (after PATCH). */
  const replace = useCallback(
    (g: Generation) => {
      void changePages((pages) => pages?.map((p) => ({ ...p, items: p.items.map((x) => (x.id === g.id ? g : x)) })));
    },
    [changePages],
  );

  /** Out of the active list (and the memory of it), without asking the server. */
  const dropActive = useCallback(
    (id: string) => {
      previousActive.current = previousActive.current.filter((x) => x.id !== id);
      void changeActive((list) => list && { ...list, items: list.items.filter((x) => x.id !== id) }, { revalidate: false });
    },
    [changeActive],
  );

  const removeLocal = useCallback(
    (id: string) => {
      // Deleted, not finished: it must not be kept in the pages as last seen.
      dropActive(id);
      void changePages((pages) => pages?.map((p) => ({ ...p, items: p.items.filter((x) => x.id !== id) })));
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
        void changeActive((list) => list && { ...list, items: list.items.map((x) => (x.id === g.id ? g : x)) }, { revalidate: false });
        return replace(g);
      }
      if (!matches(g, filters, user)) return removeLocal(g.id);
      dropActive(g.id);
      void changePages((pages) => keepFinished(pages, [g]));
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

/** Whether the page is visible; polling of anything custom should stop when it is not. */
export function usePageVisible(): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === "visible");
    update();
    document.addEventListener("visibilitychange", update);
    return () => document.removeEventListener("visibilitychange", update);
  }, []);
  return visible;
}
