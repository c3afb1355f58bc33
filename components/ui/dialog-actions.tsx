"use client";
import type { ReactNode, RefObject } from "react";
import { Spinner } from "./icons";

/** A dialog's buttons: in a row on the right, stacked with the main one on top on a phone. */
export function DialogActions(props: { className?: string; children: ReactNode }) {
  return <div className={`flex flex-col-reverse gap-2 sm:flex-row sm:justify-end ${props.className ?? ""}`.trim()}>{props.children}</div>;
}

/**
 * Cancel and a rose button for what cannot be undone. A confirmation gives
 * Cancel focus first (pass `cancelRef` as the dialog's initialFocus). While
 * `busy` the rose button spins and does nothing but can keep focus
 * (aria-disabled, not disabled), and a screen reader hears `busyLabel`.
 * Without `onConfirm` it submits the form it is in.
 */
export function ConfirmActions(props: {
  cancelRef: RefObject<HTMLButtonElement | null>;
  cancelLabel: string;
  confirmLabel: string;
  busy: boolean;
  busyLabel: string;
  onCancel(): void;
  onConfirm?(): void;
  className?: string;
}) {
  // Read once: the compiler takes any read of an object holding a ref
  // (cancelRef) for a ref read during render.
  const { busy, onConfirm, cancelRef, cancelLabel, confirmLabel, busyLabel, onCancel, className } = props;
  return (
    <>
      <DialogActions className={className}>
        <button
          ref={cancelRef}
          type="button"
          onClick={onCancel}
          disabled={busy}
          className="rounded-lg px-4 py-2 text-sm font-medium text-zinc-700 ring-1 ring-zinc-300 hover:bg-zinc-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 disabled:opacity-50 dark:text-zinc-200 dark:ring-zinc-700 dark:hover:bg-zinc-800"
        >
          {cancelLabel}
        </button>
        <button
          type={onConfirm ? "button" : "submit"}
          onClick={
            onConfirm &&
            (() => {
              if (!busy) onConfirm();
            })
          }
          aria-disabled={busy}
          className="inline-flex items-center justify-center gap-2 rounded-lg bg-rose-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-rose-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-rose-400 focus-visible:ring-offset-2 aria-disabled:opacity-70 dark:focus-visible:ring-offset-zinc-900"
        >
          {busy && <Spinner className="size-4" />}
          {confirmLabel}
        </button>
      </DialogActions>
      {busy && (
        <p role="status" className="sr-only">
          {busyLabel}
        </p>
      )}
    </>
  );
}
