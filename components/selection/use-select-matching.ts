"use client";
import { useEffect, useState } from "react";
import type { GenerationIdsResponse } from "@/lib/contract";
import { api } from "@/lib/client/api";
import { useSelection } from "./selection-context";

type Matched = GenerationIdsResponse & { scope: string };

/** The same request, only the caller's own pictures (`mine=1`). */
const mineOf = (scope: string) => `${scope}${scope.includes("?") ? "&" : "?"}mine=1`;

/**
 * "Select all N matching". Once every loaded picture is selected
 * and the gallery has more to load, the server is asked which pictures the
 * filters match (GET /api/generations/ids, the newest 1,000 at most) so the
 * offer can name N; taking it selects them all. For someone who may delete
 * only their own pictures, the same question with `mine=1` says which of
 * those are theirs (the gallery knows only the loaded ones' creators).
 */
export function useSelectMatching(input: { hasMore: boolean; ownOnly: boolean }) {
  const selection = useSelection();
  const offered = selection.offersMatching(input.hasMore);
  const { scope } = selection;
  const [matched, setMatched] = useState<Matched | null>(null);
  const [own, setOwn] = useState<{ scope: string; ids: ReadonlySet<string> } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!offered) return;
    let stale = false;
    api.matchingIds(scope).then(
      (answer) => !stale && setMatched({ ...answer, scope }),
      // No offer then: the loaded pictures stay selected, as before.
      () => {},
    );
    return () => {
      stale = true;
    };
  }, [offered, scope]);

  const offer = offered && matched?.scope === scope && matched.total > selection.order.length ? matched : null;

  async function take(): Promise<number> {
    if (!offer) return 0;
    setBusy(true);
    try {
      const mine = input.ownOnly ? new Set((await api.matchingIds(mineOf(offer.scope))).ids) : null;
      setOwn(mine && { scope: offer.scope, ids: mine });
      selection.selectMatching(offer);
      return offer.ids.length;
    } finally {
      setBusy(false);
    }
  }

  return {
    /** What the offer would select: `ids.length` of `total`, or null when there is none. */
    offer: offer && { count: offer.ids.length, total: offer.total },
    take,
    busy,
    /** Of a selection of all matching, the caller's own pictures (null: unknown, or not needed). */
    ownIds: selection.matching && own?.scope === scope ? own.ids : null,
  };
}
