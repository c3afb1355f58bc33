"use client";
import { useId, useRef } from "react";
import { createPortal } from "react-dom";
import { AlertIcon, Spinner } from "./icons";
import { trapTab, useModal } from "./use-modal";

/** An in-app confirmation (role="alertdialog"): Cancel has focus first, Esc cancels. */
export function ConfirmDialog(props: {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  busyLabel: string;
  busy: boolean;
  error: string | null;
  onConfirm(): void;
  onCancel(): void;
  /** Where focus goes when it closes, when the button that opened it may be gone (see useModal). */
  returnFocus?: () => HTMLElement | null | false;
}) {
  const dialog = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useModal({ dialog, initialFocus: cancel, returnFocus: props.returnFocus });

  return createPortal(
    <div
      className="fixed inset-0 z-[60] flex items-end justify-center bg-zinc-950/60 p-4 backdrop-blur-[2px] sm:items-center"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget && !props.busy) props.onCancel();
      }}
    >
      <div
        ref={dialog}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        tabIndex={-1}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === "Escape" && !props.busy) {
            e.preventDefault();
            props.onCancel();
          }
          trapTab(e, dialog.current);
        }}
        className="w-full max-w-sm rounded-2xl bg-white p-5 shadow-2xl ring-1 ring-zinc-900/5 outline-none dark:bg-zinc-900 dark:ring-white/10"
      >
        <div className="flex gap-3">
          <span className="grid size-10 shrink-0 place-items-center rounded-full bg-rose-100 text-rose-600 dark:bg-rose-500/15 dark:text-rose-400">
            <AlertIcon className="size-5" />
          </span>
          <div className="min-w-0">
            <h2 id={titleId} className="text-base font-semibold text-zinc-900 dark:text-zinc-50">
              {props.title}
            </h2>
            <p id={bodyId} className="mt-1 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">
              {props.body}
            </p>
          </div>
        </div>
        {props.error && (
          <p role="alert" className="mt-4 rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700 dark:bg-rose-500/10 dark:text-rose-300">
            {props.error}
          </p>
        )}
        <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <button
            ref={cancel}
            type="button"
            onClick={props.onCancel}
            disabled={props.busy}
            className="rounded-lg px-4 py-2 text-sm font-medium text-zinc-700 ring-1 ring-zinc-300 hover:bg-zinc-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 disabled:opacity-50 dark:text-zinc-200 dark:ring-zinc-700 dark:hover:bg-zinc-800"
          >
            {props.cancelLabel}
          </button>
          <button
            type="button"
            onClick={() => {
              if (!props.busy) props.onConfirm();
            }}
            aria-disabled={props.busy}
            className="inline-flex items-center justify-center gap-2 rounded-lg bg-rose-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-rose-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-rose-400 focus-visible:ring-offset-2 aria-disabled:opacity-70 dark:focus-visible:ring-offset-zinc-900"
          >
            {props.busy && <Spinner className="size-4" />}
            {props.confirmLabel}
          </button>
        </div>
        {props.busy && (
          <p role="status" className="sr-only">
            {props.busyLabel}
          </p>
        )}
      </div>
    </div>,
    document.body,
  );
}
