"use client";
import { useId, useRef } from "react";
import { ConfirmActions } from "./dialog-actions";
import { DialogHeading, ModalDialog } from "./modal-dialog";
import { AlertIcon } from "./icons";

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
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  return (
    <ModalDialog
      role="alertdialog"
      labelledBy={titleId}
      describedBy={bodyId}
      busy={props.busy}
      onClose={props.onCancel}
      initialFocus={cancel}
      returnFocus={props.returnFocus}
      className="w-full max-w-sm rounded-2xl bg-white p-5 text-zinc-900 shadow-2xl ring-1 ring-zinc-900/5 outline-none dark:bg-zinc-900 dark:text-zinc-50 dark:ring-white/10"
    >
      <div className="flex gap-3">
        <span className="grid size-10 shrink-0 place-items-center rounded-full bg-rose-100 text-rose-600 dark:bg-rose-500/15 dark:text-rose-400">
          <AlertIcon className="size-5" />
        </span>
        <DialogHeading className="min-w-0" titleId={titleId} title={props.title} bodyId={bodyId} body={props.body} />
      </div>
      {props.error && (
        <p role="alert" className="mt-4 rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700 dark:bg-rose-500/10 dark:text-rose-300">
          {props.error}
        </p>
      )}
      <ConfirmActions
        className="mt-5"
        cancelRef={cancel}
        cancelLabel={props.cancelLabel}
        confirmLabel={props.confirmLabel}
        busy={props.busy}
        busyLabel={props.busyLabel}
        onCancel={props.onCancel}
        onConfirm={props.onConfirm}
      />
    </ModalDialog>
  );
}
