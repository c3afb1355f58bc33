"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import type { Generation } from "@/lib/contract";
import { galleryHref, pictureHref, pictureIdOf } from "@/lib/client/page-url";

// Marks a history entry this page pushed for the viewer: closing it goes back
// to the gallery's entry. An entry without it (a link opened cold, a reload)
// has no gallery entry of ours before it, so closing replaces the address.
const OPENED_HERE = "studioViewer";

const here = () => ({ pathname: window.location.pathname, search: new URLSearchParams(window.location.search) });
const openedHere = () => Boolean((window.history.state as Record<string, unknown> | null)?.[OPENED_HERE]);

/**
 * The picture the viewer shows, kept in the page's address: /p/<id> over the
 * studio, ?p=<id> on a board page. Opening pushes that address (the gallery's
 * query goes along), moving between pictures replaces it, closing goes back;
 * the browser's Back closes the viewer and Forward reopens it. The address is
 * changed with history.pushState/replaceState (Next.js folds them into
 * usePathname/useSearchParams, without a navigation); what is shown changes
 * at once, not when Next.js has applied the new address.
 *
 * `completed` is what the viewer can move through; `served` the picture the
 * server read with the page (a link opened cold), shown alone when the
 * gallery's pages do not hold it. A version of a tree the gallery shows by
 * its newest version only is opened with the picture itself (`open(id, g)`,
 * from the versions tree or a new version just made): it is shown where its
 * tree's card is. One shown that leaves `completed` while `listed` (all the
 * gallery shows, any status) still has its tree stays: a newer version took
 * its card (an edit just made), it was not deleted. A picture the address
 * names that none of them holds (deleted, or the page's 404) closes the viewer.
 */
export function usePictureUrl(input: { completed: Generation[]; listed?: Generation[]; served?: Generation; missing?: boolean; stale: boolean }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const fromAddress = pictureIdOf({ pathname, search: params });
  const [openId, setOpenId] = useState(fromAddress);
  // A picture opened while a Back from the last one is landing: shown, its address written once landed.
  const [opening, setOpening] = useState<string | null>(null);
  const [seen, setSeen] = useState(fromAddress);
  if (seen !== fromAddress) {
    setSeen(fromAddress);
    setOpenId(fromAddress ?? opening);
    if (fromAddress && fromAddress === opening) setOpening(null);
  }
  const [served, setServed] = useState(input.served ?? null);
  const [held, setHeld] = useState<ReadonlyMap<string, Generation>>(() => new Map());
  // The open picture as the list last had it, for when a newer version of its tree takes its card.
  const [kept, setKept] = useState<Generation | null>(null);

  // history.back() lands a moment later (popstate): an opening meanwhile waits for it, or it would
  // replace the entry being left and be closed by the landing.
  const goingBack = useRef<Promise<void> | null>(null);
  const wanted = useRef<string | null>(null);

  const open = useCallback((id: string, picture?: Generation) => {
    if (picture) setHeld((map) => new Map(map).set(picture.id, picture));
    setOpenId(id);
    wanted.current = id;
    const write = () => {
      if (wanted.current !== id) return; // closed, or another opened, while waiting
      const place = here();
      const href = pictureHref(place, id);
      if (pictureIdOf(place)) window.history.replaceState({ [OPENED_HERE]: openedHere() }, "", href);
      else window.history.pushState({ [OPENED_HERE]: true }, "", href);
    };
    if (!goingBack.current) return write();
    setOpening(id);
    void goingBack.current.then(write);
  }, []);

  const close = useCallback(() => {
    setOpenId(null);
    setOpening(null);
    wanted.current = null;
    const place = here();
    if (!pictureIdOf(place) || goingBack.current) return;
    if (!openedHere()) return window.history.replaceState(null, "", galleryHref(place));
    goingBack.current = new Promise((landed) =>
      window.addEventListener("popstate", () => {
        goingBack.current = null;
        landed();
      }, { once: true }),
    );
    window.history.back();
  }, []);

  /** Deleted from the viewer: the server's copy is not shown again (Forward, say). */
  const forget = useCallback((id: string) => {
    setServed((s) => (s?.id === id ? null : s));
    setKept((k) => (k?.id === id ? null : k));
    setHeld((map) => {
      if (!map.has(id)) return map;
      const next = new Map(map);
      next.delete(id);
      return next;
    });
  }, []);

  const { completed, stale } = input;
  const listed = openId ? completed.find((g) => g.id === openId) : undefined;
  if (listed && kept !== listed) setKept(listed);
  const folded = kept?.id === openId && (input.listed ?? completed).some((g) => g.rootId === kept.rootId) ? kept : undefined;
  const alone = openId && !listed ? (held.get(openId) ?? folded ?? (served?.id === openId ? served : undefined)) : undefined;
  const shown = listed ?? alone ?? null;
  // A version the list does not hold is shown in its tree's place there, so ←/→ go on from it.
  const items = !shown ? null : listed || completed.some((g) => g.rootId === shown.rootId) ? completed : [shown];
  const vanished = Boolean(openId && !items && !stale);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- closing also rewrites the address (history), a side effect
    if (vanished) close();
  }, [vanished, close]);

  // The page answered "no such picture" (the gallery with a notice): the address becomes the gallery's.
  const { missing } = input;
  useEffect(() => {
    if (missing) window.history.replaceState(null, "", galleryHref(here()));
  }, [missing]);

  return { openId: items ? openId : null, items: items ?? [], shown, open, close, forget };
}
