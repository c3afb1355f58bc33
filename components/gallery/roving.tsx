"use client";
import { createContext, useCallback, useContext, useState, useSyncExternalStore } from "react";

// One Tab stop for the whole gallery, WAI-ARIA's roving
// tabindex: the card last focused (at first, the first card) is the one in
// the Tab order; the arrow keys move between cards (grid-keys.ts, wired in
// gallery-list.tsx). A card's own buttons (its checkbox, star, Retry,
// Delete…) join the Tab order while focus is inside that card, so Tab from
// the card reaches them and Tab past them leaves the gallery. E on a finished
// picture's card edits it (isEditKey).

type Store = {
  active: string | null;
  listeners: Set<() => void>;
};

type Roving = { store: Store; first: string | null };

const RovingContext = createContext<Roving | null>(null);
/** Whether focus is inside this card (its buttons then take Tab stops). */
const InsideContext = createContext(false);

function setActive(store: Store, id: string | null) {
  if (store.active === id) return;
  store.active = id;
  for (const listener of store.listeners) listener();
}

/** Around the gallery's list: `ids` in order, so a card that went (deleted, replaced) hands its stop to the first. */
export function RovingProvider({ ids, children }: { ids: readonly string[]; children: React.ReactNode }) {
  const [store] = useState<Store>(() => ({ active: null, listeners: new Set() }));
  // eslint-disable-next-line react-hooks/immutability -- a mutable external store (read through useSyncExternalStore): a card that left the list gives up its stop in this render
  if (store.active !== null && !ids.includes(store.active)) store.active = null;
  return <RovingContext.Provider value={{ store, first: ids[0] ?? null }}>{children}</RovingContext.Provider>;
}

/** Props of a card's own focusable element (the picture's button, or the card itself): in the Tab order or not. */
export function useCardStop(id: string): { tabIndex: 0 | -1; "data-card": string; onFocus(): void } {
  const roving = useContext(RovingContext);
  const subscribe = useCallback(
    (listener: () => void) => {
      roving?.store.listeners.add(listener);
      return () => void roving?.store.listeners.delete(listener);
    },
    [roving],
  );
  const mine = () => (roving ? (roving.store.active ?? roving.first) === id : true);
  const current = useSyncExternalStore(subscribe, mine, () => (roving ? roving.first === id : true));
  return {
    tabIndex: current ? 0 : -1,
    "data-card": id,
    onFocus: () => roving && setActive(roving.store, id),
  };
}

/** On a card's `<li>`: follows focus in and out of it, for CardInside below. */
export function useFocusInside() {
  const [inside, setInside] = useState(false);
  return {
    inside,
    handlers: {
      onFocus: () => setInside(true),
      onBlur: (e: React.FocusEvent) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setInside(false);
      },
    },
  };
}

export function CardInside({ inside, children }: { inside: boolean; children: React.ReactNode }) {
  return <InsideContext.Provider value={inside}>{children}</InsideContext.Provider>;
}

/** A card's own buttons: reachable by Tab while focus is in their card, by pointer always. */
export function useInnerTabIndex(): 0 | -1 {
  return useContext(InsideContext) ? 0 : -1;
}

/**
 * The key E on a card's own Tab stop (not on its buttons, not with a
 * modifier, not held down): edit the picture (card-actions.tsx's Edit).
 */
export function isEditKey(e: React.KeyboardEvent): boolean {
  return (e.key === "e" || e.key === "E") && e.target === e.currentTarget && !e.ctrlKey && !e.metaKey && !e.altKey && !e.repeat;
}

/** Focus a card once it is on the page (a retry's new card replaces the failed one a render later). */
export function focusCardSoon(id: string, tries = 20) {
  const card = document.querySelector<HTMLElement>(`[data-card="${CSS.escape(id)}"]`);
  if (card) {
    card.focus();
    return;
  }
  if (tries > 0) requestAnimationFrame(() => focusCardSoon(id, tries - 1));
}
