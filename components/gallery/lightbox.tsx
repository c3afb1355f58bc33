"use client";
import { useRef, useSyncExternalStore } from "react";
import { createPortal } from "react-dom";
import useSWR from "swr";
import type { Generation } from "@/lib/contract";
import { api } from "@/lib/client/api";
import { format } from "@/lib/i18n/format";
import { useStudio } from "@/components/studio/studio-context";
import { EditField } from "@/components/versions/edit-field";
import { EditProgress, generationKey, useViewerEdits, ViewerEditsProvider } from "@/components/versions/viewer-edits";
import { LightboxPanel } from "./lightbox-panel";
import { ChevronIcon, CloseIcon } from "@/components/ui/icons";
import { shortPrompt } from "@/lib/client/format";
import { trapTab, useModal } from "@/components/ui/use-modal";

const ROUND_BUTTON =
  "grid size-10 place-items-center rounded-full bg-white/10 text-white backdrop-blur-md transition hover:bg-white/20 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-400 disabled:pointer-events-none disabled:opacity-0";

type LightboxProps = {
  items: Generation[];
  /**
   * The picture shown when `items` does not hold it: a version of a tree the
   * gallery lists by its newest version (it takes its tree's place there).
   */
  shown?: Generation | null;
  /** More pages exist beyond the loaded items, so the count is "at least". */
  hasMore: boolean;
  id: string;
  /** `picture`: the one to show, for a version the gallery's items do not hold. */
  onNavigate(id: string, options?: { picture?: Generation }): void;
  onClose(options?: { restoreFocus?: boolean }): void;
  onDeleted(id: string): void;
  returnFocus(): HTMLElement | null | false;
  startEditing?: boolean; // opened by a card's Edit (or the key E): the edit field (components/versions/edit-field.tsx) starts focused
};

const noSubscription = () => () => {};

/**
 * The full picture over the page, with its details and actions beside it.
 * ←/→ move between the completed pictures of the current list, Esc closes.
 * A page opened on a picture (/p/<id>) has it in its server HTML, in place;
 * once the page runs, it moves into document.body, where it is modal.
 */
export function Lightbox(props: LightboxProps) {
  // false in the server's HTML and while hydrating it, true from then on (and for any later opening).
  const running = useSyncExternalStore(noSubscription, () => true, () => false);
  const { onNavigate } = props;
  // New versions made here are followed across moves between pictures, for as long as the viewer is open.
  return (
    <ViewerEditsProvider shownId={props.id} onShow={(id, picture) => onNavigate(id, { picture })}>
      {running ? createPortal(<LightboxDialog {...props} modal />, document.body) : <LightboxDialog {...props} modal={false} />}
    </ViewerEditsProvider>
  );
}

/** Keys typed into a field (the edit's words, its selects) are the field's, not the viewer's. */
function inField(target: EventTarget): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

function LightboxDialog(props: LightboxProps & { modal: boolean }) {
  const { t } = useStudio();
  const edits = useViewerEdits();
  const dialog = useRef<HTMLDivElement>(null);
  const none = useRef<HTMLDivElement>(null);
  // Opened by a card's Edit (or E): focus starts in the edit field instead of on the dialog.
  const firstFocus = useRef<HTMLTextAreaElement>(null);
  const swipe = useRef<{ x: number; y: number } | null>(null);
  // In place (the server's HTML) it is only shown: focus, inertness and scroll locking start in body.
  useModal({ dialog: props.modal ? dialog : none, initialFocus: firstFocus, returnFocus: props.returnFocus });

  const listed = props.items.findIndex((g) => g.id === props.id);
  const alone = listed < 0 && props.shown?.id === props.id ? props.shown : null;
  // A version off the list is read again when changed here (its star): the gallery's pages do not hold it.
  const { data: fresh } = useSWR(alone ? generationKey(alone.id) : null, () => api.get(props.id), {
    fallbackData: alone ?? undefined,
    revalidateOnMount: false,
    revalidateOnFocus: false,
  });
  const g = listed >= 0 ? props.items[listed] : fresh?.id === props.id ? fresh : alone;
  // Off the list, it stands where its tree's card is.
  const index = listed >= 0 ? listed : g ? props.items.findIndex((x) => x.rootId === g.rootId) : -1;
  if (!g?.image) return null;
  const image = g.image;
  const previous = index > 0 ? props.items[index - 1] : null;
  const next = index < props.items.length - 1 ? props.items[index + 1] : null;
  const ratio = image.width / image.height;

  function onKeyDown(e: React.KeyboardEvent) {
    if (inField(e.target) && e.key !== "Escape" && e.key !== "Tab") return;
    if (e.key === "Escape") {
      e.preventDefault();
      props.onClose();
    } else if (e.key === "ArrowLeft" && previous && !e.altKey && !e.metaKey) {
      e.preventDefault();
      props.onNavigate(previous.id);
    } else if (e.key === "ArrowRight" && next && !e.altKey && !e.metaKey) {
      e.preventDefault();
      props.onNavigate(next.id);
    }
    trapTab(e, dialog.current);
  }

  const closeOnBackdrop = (e: React.MouseEvent) => {
    if (e.target === e.currentTarget) props.onClose();
  };

  return (
    <div
      ref={dialog}
      role="dialog"
      aria-modal="true"
      aria-label={shortPrompt(g.prompt, 120)}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      className="fixed inset-0 z-50 flex flex-col overflow-y-auto overscroll-contain bg-zinc-950/95 outline-none backdrop-blur-sm lg:flex-row lg:overflow-hidden"
    >
      <div className="relative flex shrink-0 flex-col lg:min-w-0 lg:flex-1">
        <div className="absolute inset-x-0 top-0 z-10 flex items-center justify-between p-3 lg:p-4">
          <span className="rounded-full bg-white/10 px-3 py-1 text-xs font-medium text-white/80 tabular-nums backdrop-blur-md">
            {format(t.gallery.lightbox.position, { index: index + 1, total: `${props.items.length}${props.hasMore ? "+" : ""}` })}
          </span>
          <button type="button" onClick={() => props.onClose()} aria-label={t.gallery.lightbox.close} className={ROUND_BUTTON}>
            <CloseIcon className="size-5" />
          </button>
        </div>

        <div
          className="relative h-[56dvh] px-3 pt-16 pb-3 sm:px-16 lg:h-auto lg:min-h-0 lg:flex-1 lg:px-20 lg:pt-20 lg:pb-4"
          onClick={closeOnBackdrop}
          onPointerDown={(e) => {
            if (e.pointerType === "touch") swipe.current = { x: e.clientX, y: e.clientY };
          }}
          onPointerUp={(e) => {
            const start = swipe.current;
            swipe.current = null;
            if (!start) return;
            const dx = e.clientX - start.x;
            if (Math.abs(dx) < 50 || Math.abs(dx) < Math.abs(e.clientY - start.y)) return;
            const target = dx < 0 ? next : previous;
            if (target) props.onNavigate(target.id);
          }}
        >
          <div className="grid size-full place-items-center [container-type:size]" onClick={closeOnBackdrop}>
            <div
              className="relative overflow-hidden rounded-lg bg-zinc-900 shadow-2xl shadow-black/60 ring-1 ring-white/10"
              style={{ width: `min(100cqw, calc(100cqh * ${ratio}))`, aspectRatio: `${image.width} / ${image.height}` }}
            >
              {/* The cached thumbnail shows at once; the original paints over it when it arrives. */}
              <img src={image.thumbUrl} alt="" aria-hidden className="absolute inset-0 size-full object-cover" />
              <img
                key={g.id}
                src={image.url}
                alt={g.prompt}
                width={image.width}
                height={image.height}
                decoding="async"
                className="absolute inset-0 size-full object-contain"
              />
              {/* A new version of this picture on its way shows here, where it will appear. */}
              <EditProgress shownId={g.id} />
            </div>
          </div>

          <button
            type="button"
            onClick={() => previous && props.onNavigate(previous.id)}
            disabled={!previous}
            aria-label={t.gallery.lightbox.previous}
            className={`absolute top-1/2 left-2 -translate-y-1/2 lg:left-4 ${ROUND_BUTTON}`}
          >
            <ChevronIcon direction="left" className="size-5" />
          </button>
          <button
            type="button"
            onClick={() => next && props.onNavigate(next.id)}
            disabled={!next}
            aria-label={t.gallery.lightbox.next}
            className={`absolute top-1/2 right-2 -translate-y-1/2 lg:right-4 ${ROUND_BUTTON}`}
          >
            <ChevronIcon direction="right" className="size-5" />
          </button>
        </div>

        {/* "Describe a change…" under the picture: the new version appears in its place. */}
        <div className="px-3 pb-4 sm:px-16 lg:px-20 lg:pb-8">
          <EditField
            key={g.id}
            generation={g}
            fieldRef={props.startEditing ? firstFocus : undefined}
            focusOnMount={edits.focusEdit === g.id}
          />
        </div>
      </div>

      <LightboxPanel
        generation={g}
        onClose={props.onClose}
        onDeleted={props.onDeleted}
        onShow={(id, picture) => props.onNavigate(id, { picture })}
      />
    </div>
  );
}
