"use client";
import { createContext, useContext, useEffect, useMemo, useState } from "react";
import {
  EMPTY_SELECTION,
  clearSelection,
  offersMatching,
  prune,
  selectAll,
  selectMatching,
  selectRange,
  selectedInOrder,
  toggle,
  without,
  type Selection,
} from "@/lib/client/selection";
import { useStudio } from "@/components/studio/studio-context";
import { matchingScope } from "./matching-scope";

type Modifiers = { shiftKey: boolean; metaKey: boolean; ctrlKey: boolean };

export type SelectionApi = {
  count: number;
  has(id: string): boolean;
  /** The selected ids, in gallery order. */
  ids(): string[];
  /** Every selectable picture loaded, in gallery order. */
  order: readonly string[];
  toggle(id: string): void;
  /** A checkbox's click: shift extends from the last clicked. */
  check(id: string, modifiers: Pick<Modifiers, "shiftKey">): void;
  /**
   * A click on a picture: with a selection (or shift, ctrl, ⌘) it changes the
   * selection and answers true; otherwise false, and the picture opens.
   */
  pick(id: string, modifiers: Modifiers): boolean;
  selectAll(): void;
  clear(): void;
  /**
   * "Select all N matching": GET /api/generations/ids for the
   * gallery's filters (`scope`). Offered once every loaded picture is
   * selected and more are left to load.
   */
  scope: string;
  offersMatching(hasMore: boolean): boolean;
  /** Selects what the server matched under `scope` (ignored if the filters changed meanwhile). */
  selectMatching(matched: { ids: readonly string[]; total: number; scope: string }): void;
  /** Set while the selection is all matching: how many matched in all. */
  matching: { total: number } | null;
  /** Lets go of these (deleted: a selection of all matching holds some the gallery never loaded). */
  forget(ids: readonly string[]): void;
};

const SelectionContext = createContext<SelectionApi | null>(null);

/**
 * The gallery's selection (rules in lib/client/selection.ts). `order` is the
 * loaded pictures that can be selected; ids that leave it (deleted, filtered
 * away, taken off the board) leave the selection too. Esc clears, unless
 * something on top (a dialog, a menu) took the key.
 */
export function SelectionProvider({ order, children }: { order: readonly string[]; children: React.ReactNode }) {
  const { filters, board, batch } = useStudio();
  const scope = matchingScope(filters, { board: board?.id, batch });
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const pruned = prune(selection, order, scope);
  if (pruned !== selection) setSelection(pruned);

  const count = pruned.ids.size;
  useEffect(() => {
    if (count === 0) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('[role="dialog"], [role="alertdialog"], [role="menu"]')) return;
      setSelection(clearSelection());
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [count]);

  const api = useMemo<SelectionApi>(() => {
    const has = (id: string) => pruned.ids.has(id);
    return {
      count,
      has,
      ids: () => selectedInOrder(pruned, order),
      order,
      toggle: (id) => setSelection((s) => toggle(s, id)),
      check: (id, m) => setSelection((s) => (m.shiftKey ? selectRange(s, order, id) : toggle(s, id))),
      pick(id, m) {
        if (m.shiftKey) setSelection((s) => selectRange(s, order, id));
        else if (m.metaKey || m.ctrlKey || count > 0) setSelection((s) => toggle(s, id));
        else return false;
        return true;
      },
      selectAll: () => setSelection((s) => selectAll(s, order)),
      clear: () => setSelection(clearSelection()),
      scope,
      offersMatching: (hasMore) => offersMatching(pruned, { loaded: order, hasMore }),
      selectMatching: (matched) => {
        if (matched.scope === scope) setSelection((s) => selectMatching(s, matched));
      },
      matching: pruned.matching ? { total: pruned.matching.total } : null,
      forget: (ids) => setSelection((s) => without(s, ids)),
    };
  }, [pruned, order, count, scope, setSelection]);

  return <SelectionContext.Provider value={api}>{children}</SelectionContext.Provider>;
}

export function useSelection(): SelectionApi {
  const value = useContext(SelectionContext);
  if (!value) throw new Error("useSelection outside SelectionProvider");
  return value;
}

