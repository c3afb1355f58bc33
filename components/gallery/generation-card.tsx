"use client";
import { useId } from "react";
import type { Generation } from "@/lib/contract";
import { getModel } from "@/lib/models";
import { format } from "@/lib/i18n/format";
import { useStudio } from "@/components/studio/studio-context";
import { startPicturesDrag } from "@/components/boards/drag";
import { useSelection } from "@/components/selection/selection-context";
import { useLongPress } from "@/components/selection/use-long-press";
import { tileSizes, tileSrcSet } from "@/lib/client/renditions";
import { tileStyle } from "./justified";
import { CardInside, isEditKey, useCardStop, useFocusInside, useInnerTabIndex } from "./roving";
import { EditCardButton } from "./card-actions";
import { FailedCard } from "./failed-card";
import { ProgressCard } from "./progress-card";
import { StackIcon, StarIcon } from "@/components/ui/icons";
import { openButtonId, shortPrompt } from "@/lib/client/format";

/**
 * One `<li>` of the gallery: the picture, its progress, or why it failed — in
 * a box that keeps its ratio. Its picture's button (or, unfinished, the box)
 * is the card's one Tab stop, named by the prompt; its other buttons are
 * reached by Tab from there (roving.tsx).
 */
export function GenerationCard(props: {
  generation: Generation;
  ratio: number;
  /** Its `data-tile`, named by the gallery's row rules (justified.ts). */
  tile: string;
  /** Thumbnails of the first screen load at once; the rest when scrolled near. */
  eager?: boolean;
  /** `edit`: the viewer opens with its edit field focused (the card's Edit, or E). */
  onOpen(id: string, options?: { edit?: boolean }): void;
  onToggleFavorite(g: Generation): void;
}) {
  const { generation: g, ratio } = props;
  const done = g.status === "completed" && g.image !== null;
  const focus = useFocusInside();
  const box =
    "group relative overflow-hidden rounded-xl bg-zinc-200 shadow-sm ring-1 ring-zinc-900/5 transition-shadow hover:shadow-lg has-focus-visible:ring-2 has-focus-visible:ring-amber-500 dark:bg-zinc-800 dark:ring-white/10";

  return (
    <li className="min-w-0" style={tileStyle(ratio)} data-tile={props.tile} {...focus.handlers}>
      <CardInside inside={focus.inside}>
        {done ? (
          <PictureTile generation={g} ratio={ratio} box={box} eager={props.eager} onOpen={props.onOpen} onToggleFavorite={props.onToggleFavorite} />
        ) : (
          <UnfinishedTile generation={g} ratio={ratio} box={box} />
        )}
      </CardInside>
    </li>
  );
}

/** In progress or failed: the box itself is the card's Tab stop, named by the prompt; Enter goes to its first button. */
function UnfinishedTile({ generation: g, ratio, box }: { generation: Generation; ratio: number; box: string }) {
  const stop = useCardStop(g.id);
  return (
    <div
      {...stop}
      role="group"
      aria-label={shortPrompt(g.prompt)}
      onKeyDown={(e) => {
        if (e.key !== "Enter" || e.target !== e.currentTarget) return;
        e.preventDefault();
        e.currentTarget.querySelector<HTMLElement>("button, a[href]")?.focus();
      }}
      className={`${box} focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500`}
      style={{ aspectRatio: ratio }}
    >
      {g.saving === null && (g.status === "failed" || g.status === "completed") ? <FailedCard generation={g} /> : <ProgressCard generation={g} />}
    </div>
  );
}

/**
 * A finished picture: opens in the lightbox, or, while pictures are selected
 * (or with shift, ctrl, ⌘), is selected instead; a checkbox on hover or
 * focus; press and hold on a phone starts a selection; drag it (or the
 * selection it belongs to) onto a board.
 */
function PictureTile(props: {
  generation: Generation;
  ratio: number;
  box: string;
  eager?: boolean;
  onOpen(id: string, options?: { edit?: boolean }): void;
  onToggleFavorite(g: Generation): void;
}) {
  const { t, locale, hasComposer } = useStudio();
  const versionsId = useId();
  const selection = useSelection();
  const stop = useCardStop(props.generation.id);
  const inner = useInnerTabIndex();
  const g = props.generation;
  const image = g.image!;
  const name = shortPrompt(g.prompt);
  const selected = selection.has(g.id);
  const selecting = selection.count > 0;
  const { lastPressWasTouch, ...press } = useLongPress(() => selection.toggle(g.id));
  const versions = g.versions > 1 ? format(t.gallery.card.versions, { count: g.versions }) : null;
  const edit = () => props.onOpen(g.id, { edit: true });

  function onDragStart(e: React.DragEvent) {
    // A finger's hold selects; dragging to a board is for a mouse.
    if (lastPressWasTouch()) return e.preventDefault();
    const ids = selected ? selection.ids() : [g.id];
    startPicturesDrag(e, ids, ids.length === 1 ? t.boards.bar.picturesOne : format(t.boards.bar.pictures, { count: ids.length }));
  }

  return (
    <div
      className={`${props.box} select-none [-webkit-touch-callout:none] ${selected ? "!ring-3 !ring-amber-500" : ""}`}
      style={{ aspectRatio: props.ratio }}
      draggable
      onDragStart={onDragStart}
      data-selected={selected || undefined}
      {...press}
    >
      {/* The card's Tab stop: its name is the prompt, its description how many versions it has (Enter opens the viewer, a dialog; E, to edit). */}
      <button
        {...stop}
        id={openButtonId(g.id)}
        type="button"
        aria-label={name}
        aria-describedby={versions ? versionsId : undefined}
        aria-haspopup="dialog"
        aria-keyshortcuts="E"
        onClick={(e) => {
          if (!selection.pick(g.id, e)) props.onOpen(g.id);
        }}
        onKeyDown={(e) => {
          if (!isEditKey(e)) return;
          e.preventDefault();
          edit();
        }}
        className={`absolute inset-0 block size-full focus:outline-none ${selecting ? "cursor-pointer" : "cursor-zoom-in"}`}
      >
        {/* Never smaller than the tile: the thumbnail, the preview or the original, by the tile's width on this screen. */}
        <img
          src={image.thumbUrl}
          srcSet={tileSrcSet(image)}
          sizes={tileSizes({ ratio: props.ratio, lazy: !props.eager, withComposer: hasComposer })}
          alt={g.prompt}
          width={image.width}
          height={image.height}
          loading={props.eager ? "eager" : "lazy"}
          decoding="async"
          draggable={false}
          className={`size-full object-cover transition-transform duration-500 ease-out ${selected ? "scale-[0.97]" : "group-hover:scale-[1.03]"}`}
        />
        {selected && <span aria-hidden className="absolute inset-0 bg-amber-500/15" />}
      </button>
      <label
        className={`absolute top-2 left-2 grid size-8 cursor-pointer place-items-center rounded-full bg-black/35 shadow-sm backdrop-blur-md transition has-focus-visible:opacity-100 has-focus-visible:ring-2 has-focus-visible:ring-amber-400 ${
          // Shown while selecting, and while focus is in the card (its buttons are then in the Tab order).
          selecting || inner === 0 ? "opacity-100" : "opacity-0 group-hover:opacity-100"
        }`}
      >
        <input
          type="checkbox"
          tabIndex={inner}
          aria-label={format(t.gallery.keyboard.select, { prompt: shortPrompt(g.prompt, 80) })}
          checked={selected}
          onChange={() => undefined}
          onClick={(e) => selection.check(g.id, { shiftKey: e.shiftKey })}
          className="size-4.5 cursor-pointer accent-amber-500 focus:outline-none"
        />
      </label>
      {/* Prompt and model on hover / keyboard focus; purely visual, the button already names the picture. */}
      <div
        aria-hidden
        className="pointer-events-none absolute inset-x-0 bottom-0 bg-gradient-to-t from-black/75 via-black/35 to-transparent px-3 pt-10 pb-2.5 opacity-0 transition-opacity duration-200 group-hover:opacity-100 group-has-focus-visible:opacity-100"
      >
        <p className="line-clamp-2 text-xs leading-snug font-medium text-white">{g.prompt}</p>
        <p className="mt-1 truncate text-xs text-white/80">
          {getModel(g.model)?.label[locale] ?? g.model}
          {versions && ` · ${versions}`}
        </p>
      </div>
      <EditCardButton generation={g} onEdit={edit} />
      <button
        type="button"
        tabIndex={inner}
        aria-label={format(t.gallery.card.favorite, { prompt: name })}
        aria-pressed={g.favorite}
        onClick={() => props.onToggleFavorite(g)}
        className={`absolute top-2 right-2 grid size-8 place-items-center rounded-full shadow-sm backdrop-blur-md transition focus:outline-none focus-visible:opacity-100 focus-visible:ring-2 focus-visible:ring-amber-400 ${
          g.favorite
            ? "bg-black/45 text-amber-400 opacity-100 hover:bg-black/60"
            : `bg-black/35 text-white hover:bg-black/55 ${inner === 0 ? "opacity-100" : "opacity-0 group-hover:opacity-100 pointer-coarse:opacity-100"}`
        }`}
      >
        <StarIcon filled={g.favorite} className="size-4" />
      </button>
      {/* Marks along the bottom; the hover text takes their place (and says the versions too). */}
      {(g.cancelledAt || versions) && (
        <div className="pointer-events-none absolute inset-x-2 bottom-2 flex items-end gap-1.5 transition-opacity group-hover:opacity-0 group-has-focus-visible:opacity-0">
          {/* Paid for all the same: kept, and said so. */}
          {g.cancelledAt && (
            <p className="min-w-0 truncate rounded-full bg-black/55 px-2 py-0.5 text-xs font-medium text-white backdrop-blur-md">{t.gallery.card.arrivedAfterCancel}</p>
          )}
          {/* An edited picture: read with the card (its button's description), in the light and the dark theme alike. */}
          {versions && (
            <p
              id={versionsId}
              className="ml-auto inline-flex shrink-0 items-center gap-1 rounded-full bg-white/90 px-2 py-0.5 text-xs font-medium text-zinc-800 shadow-sm ring-1 ring-zinc-900/10 backdrop-blur-md dark:bg-zinc-950/75 dark:text-zinc-100 dark:ring-white/15"
            >
              <StackIcon className="size-3.5" />
              {versions}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
