"use client";
import { useMemo, useRef } from "react";
import type { Generation } from "@/lib/contract";
import type { GallerySegment } from "@/lib/client/batches";
import { cardToFocus, isGridKey } from "@/lib/client/grid-keys";
import { heldRowsCss, type RowItem } from "@/lib/client/justified-rows";
import { useStudio } from "@/components/studio/studio-context";
import { BatchGroup } from "./batch-group";
import { GenerationCard } from "./generation-card";
import { JUSTIFIED_CONTAINER, JUSTIFIED_LIST, SHOWN_ONCE_PARSED, tileKey } from "./justified";
import { RovingProvider } from "./roving";

/** The skip link's target (components/gallery/skip-link.tsx). */
export const PICTURES_ID = "pictures";

/**
 * The gallery's justified list: its cards and batches, the rules that keep a
 * row that is not full at the row height, and one Tab stop
 * with arrow keys between the cards (item 12).
 */
export function GalleryList(props: {
  items: Generation[];
  segments: GallerySegment<Generation>[];
  ratios: readonly number[];
  stale: boolean;
  eagerBelow: number;
  onOpen(id: string): void;
  onToggleFavorite(g: Generation): void;
}) {
  const { t } = useStudio();
  const { segments, ratios } = props;
  const list = useRef<HTMLUListElement>(null);

  // The rules depend on the rows' shapes only, not on each poll's new objects.
  const shape = segments
    .map((s) => (s.kind === "single" ? ratios[s.index].toFixed(4) : `[${s.items.map((_, i) => ratios[s.start + i].toFixed(4)).join(",")}]`))
    .join(" ");
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the shapes (above), not on each poll's new arrays
  const held = useMemo(() => heldRowsCss(rowItems(segments, ratios), (key) => `[data-tile="${key}"]`), [shape]);
  const ids = useMemo(() => props.items.map((g) => g.id), [props.items]);

  function onKeyDown(e: React.KeyboardEvent) {
    if (!isGridKey(e.key) || e.altKey || e.metaKey) return;
    const here = e.target as HTMLElement;
    // Only from a card itself: inside a card, its buttons keep their own keys.
    if (!here.hasAttribute("data-card") || !list.current) return;
    const cards = [...list.current.querySelectorAll<HTMLElement>("[data-card]")];
    const to = cardToFocus({ key: e.key, from: cards.indexOf(here), boxes: cards.map((c) => c.getBoundingClientRect()) });
    if (to === undefined) return;
    e.preventDefault();
    cards[to].focus();
    cards[to].scrollIntoView({ block: "nearest" });
  }

  return (
    <div className={JUSTIFIED_CONTAINER}>
      {held && <style>{held}</style>}
      <RovingProvider ids={ids}>
        <ul
          ref={list}
          id={PICTURES_ID}
          tabIndex={-1}
          aria-label={t.gallery.listLabel}
          aria-describedby="gallery-keys"
          aria-busy={props.stale || undefined}
          onKeyDown={onKeyDown}
          className={`${JUSTIFIED_LIST} ${SHOWN_ONCE_PARSED} transition-opacity duration-200 focus:outline-none ${props.stale ? "opacity-60" : ""}`}
        >
          {segments.map((segment) =>
            segment.kind === "single" ? (
              <GenerationCard
                key={segment.item.id}
                tile={tileKey(segment.index)}
                generation={segment.item}
                ratio={ratios[segment.index]}
                eager={segment.index < props.eagerBelow}
                onOpen={props.onOpen}
                onToggleFavorite={props.onToggleFavorite}
              />
            ) : (
              <BatchGroup
                key={`${segment.batchId}-${segment.items[0].id}`}
                items={segment.items}
                ratios={ratios.slice(segment.start, segment.start + segment.items.length)}
                start={segment.start}
                eagerBelow={props.eagerBelow}
                onOpen={props.onOpen}
                onToggleFavorite={props.onToggleFavorite}
              />
            ),
          )}
        </ul>
      </RovingProvider>
      <span hidden data-list-end="" />
      <p id="gallery-keys" hidden>
        {t.gallery.keyboard.hint}
      </p>
    </div>
  );
}

/** The list as justified-rows.ts reads it: a picture's ratio, or a batch's pictures', keyed as their `<li>`s. */
function rowItems(segments: GallerySegment<Generation>[], ratios: readonly number[]): RowItem[] {
  return segments.map((s) =>
    s.kind === "single"
      ? { key: tileKey(s.index), ratio: ratios[s.index] }
      : { key: tileKey(s.start, "batch"), batch: s.items.map((_, i) => ({ key: tileKey(s.start + i), ratio: ratios[s.start + i] })) },
  );
}
