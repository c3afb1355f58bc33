"use client";
import { useCallback, useMemo, useState } from "react";
import { useSearchParams } from "next/navigation";
import { filtersFromQuery, galleryHref, isPicturePath, queryWithFilters, type PageFilters } from "./page-url";

const here = () => ({ pathname: window.location.pathname, search: new URLSearchParams(window.location.search) });
const withQuery = (pathname: string, search: URLSearchParams) => `${pathname}${search.size > 0 ? `?${search}` : ""}`;

/**
 * The gallery's search and filters, kept in the page's address (?q, ?model,
 * ?status, ?favorites, ?mine; ?batch for "Show batch", ?run for a bulk run's
 * group), so a reload, a link or a teammate sees the same gallery. history.replaceState/pushState change
 * the address without a navigation: Next.js folds them into useSearchParams,
 * and Back/Forward come back through it. A changed filter replaces the
 * address (typing a search adds no history); "Show batch" and a run push
 * one, so Back leaves them.
 */
export function useUrlFilters() {
  const params = useSearchParams();
  const fromAddress = useMemo(() => filtersFromQuery(params), [params]);
  // Shown at once: Next applies a changed address in a transition, and a
  // select bound to it would flick back to its old value until then.
  const [filters, setShown] = useState(fromAddress);
  const [seen, setSeen] = useState(fromAddress);
  if (seen !== fromAddress) {
    setSeen(fromAddress);
    setShown(fromAddress);
  }

  const setFilters = useCallback((update: Partial<PageFilters>) => {
    const { pathname, search } = here();
    const next = { ...filtersFromQuery(search), ...update };
    setShown(next);
    // Not history.state: Next.js passes an entry that already carries its own state straight through, unseen by useSearchParams.
    window.history.replaceState(null, "", withQuery(pathname, queryWithFilters(search, next)));
  }, []);

  // "Show batch" and a run's group are places one goes to: Back leaves them.
  const setBatch = useCallback((batch: string | null) => goTo({ batch: batch ?? undefined }, setShown), []);
  // A run is the wider view: it lets go of a batch shown before it.
  const setRun = useCallback((run: string | null) => goTo({ run: run ?? undefined, batch: undefined }, setShown), []);

  return { filters, batch: filters.batch ?? null, run: filters.run ?? null, setFilters, setBatch, setRun };
}

/** A new history entry with these filters changed (from the viewer of /p/<id>, the gallery's address in place of the picture's). */
function goTo(update: Partial<PageFilters>, show: (filters: PageFilters) => void) {
  const place = here();
  const next = { ...filtersFromQuery(place.search), ...update };
  show(next);
  if (isPicturePath(place.pathname)) {
    // From the viewer of /p/<id>: the batch or run takes the picture's place in history (Back: the gallery before it).
    const gallery = new URL(galleryHref(place), window.location.href);
    window.history.replaceState(null, "", withQuery(gallery.pathname, queryWithFilters(gallery.searchParams, next)));
    return;
  }
  window.history.pushState(null, "", withQuery(place.pathname, queryWithFilters(place.search, next)));
}
