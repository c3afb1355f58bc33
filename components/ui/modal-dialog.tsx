"use client";
import { useRef, type FormEvent, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import { createPortal } from "react-dom";
import { trapTab, useModal } from "./use-modal";

const PANEL = "flex w-full flex-col gap-4 rounded-2xl bg-white p-5 text-zinc-900 shadow-2xl ring-1 ring-zinc-900/5 outline-none dark:bg-zinc-900 dark:text-zinc-100 dark:ring-white/10";
const OVERLAY = "fixed inset-0 z-[60] flex items-end justify-center bg-zinc-950/60 backdrop-blur-[2px] sm:items-center";

// narrow: a question or a short form. wide: a dialog holding a list, which
// scrolls inside itself and comes closer to a phone's edges.
const SIZES = {
  narrow: { overlay: `${OVERLAY} p-4`, panel: `${PANEL} max-w-sm` },
  wide: { overlay: `${OVERLAY} p-3 sm:p-4`, panel: `${PANEL} max-h-[90dvh] max-w-lg overflow-y-auto` },
};

/**
 * The one modal dialog shell: over the dimmed page, in a portal on <body>;
 * focus moves in (to `initialFocus`, else the dialog) and back out when it
 * closes (see useModal), Tab stays inside, Esc or a press on the backdrop
 * closes it unless `busy`. Keys stay in it: a dialog over the lightbox or
 * over another dialog must not move or close what is behind. With `onSubmit`
 * it is a form, so Enter in a field submits it. Mount it only while it is open.
 */
export function ModalDialog(props: {
  role?: "dialog" | "alertdialog";
  labelledBy: string;
  describedBy?: string;
  busy?: boolean;
  onClose(): void;
  onSubmit?(event: FormEvent<HTMLFormElement>): void;
  initialFocus?: RefObject<HTMLElement | null>;
  returnFocus?: () => HTMLElement | null | false;
  size?: keyof typeof SIZES;
  /** The panel's classes, for a dialog laid out otherwise than a column of pieces. */
  className?: string;
  children: ReactNode;
}) {
  const { busy = false, onClose } = props;
  const size = SIZES[props.size ?? "narrow"];
  const dialog = useRef<HTMLElement>(null);
  useModal({ dialog, initialFocus: props.initialFocus, returnFocus: props.returnFocus });

  const attributes = {
    role: props.role ?? "dialog",
    "aria-modal": "true" as const,
    "aria-labelledby": props.labelledBy,
    "aria-describedby": props.describedBy,
    tabIndex: -1,
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      e.stopPropagation();
      if (e.key === "Escape" && !busy) {
        e.preventDefault();
        onClose();
      }
      trapTab(e, dialog.current);
    },
    className: props.className ?? size.panel,
  };
  return createPortal(
    <div
      className={size.overlay}
      onMouseDown={(e) => {
        if (e.target === e.currentTarget && !busy) onClose();
      }}
    >
      {props.onSubmit ? (
        <form ref={dialog as RefObject<HTMLFormElement | null>} noValidate onSubmit={props.onSubmit} {...attributes}>
          {props.children}
        </form>
      ) : (
        <div ref={dialog as RefObject<HTMLDivElement | null>} {...attributes}>
          {props.children}
        </div>
      )}
    </div>,
    document.body,
  );
}

/** A dialog's title and the sentence under it, ids for the dialog's aria-labelledby and aria-describedby. */
export function DialogHeading(props: { titleId: string; title: string; bodyId: string; body: string; className?: string }) {
  return (
    <div className={props.className}>
      <h2 id={props.titleId} className="text-base font-semibold">
        {props.title}
      </h2>
      <p id={props.bodyId} className="mt-1 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">
        {props.body}
      </p>
    </div>
  );
}
