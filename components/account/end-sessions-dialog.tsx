"use client";
import { useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { errorText } from "@/components/gallery/format";
import { Spinner } from "@/components/gallery/icons";
import { trapTab, useModal } from "@/components/gallery/use-modal";
import type { Dictionary } from "@/lib/i18n";

/**
 * Asks before ending sessions (one's own everywhere, a person's, everyone's),
 * with a checkbox to revoke API tokens too, checked: a thief who held a
 * session may have made a token, and a token outlives every session (issue
 * 21). Cancel has focus first; Esc cancels; an error stays in the dialog.
 */
export function EndSessionsDialog(props: {
  t: Dictionary;
  title: string;
  body: string;
  tokensLabel: string;
  tokensHint?: string;
  confirmLabel: string;
  onConfirm(endTokens: boolean): Promise<void>;
  onCancel(): void;
}) {
  const { t } = props;
  const dialog = useRef<HTMLFormElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const hintId = useId();
  const [endTokens, setEndTokens] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useModal({ dialog, initialFocus: cancel });

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm(endTokens);
    } catch (e) {
      setError(errorText(e, t));
      setBusy(false);
    }
  }

  return createPortal(
    <div
      className="fixed inset-0 z-[60] flex items-end justify-center bg-zinc-950/60 p-4 backdrop-blur-[2px] sm:items-center"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget && !busy) props.onCancel();
      }}
    >
      <form
        ref={dialog}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        tabIndex={-1}
        noValidate
        onSubmit={submit}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === "Escape" && !busy) {
            e.preventDefault();
            props.onCancel();
          }
          trapTab(e, dialog.current);
        }}
        className="flex w-full max-w-sm flex-col gap-4 rounded-2xl bg-white p-5 text-zinc-900 shadow-2xl ring-1 ring-zinc-900/5 outline-none dark:bg-zinc-900 dark:text-zinc-100 dark:ring-white/10"
      >
        <div>
          <h2 id={titleId} className="text-base font-semibold">
            {props.title}
          </h2>
          <p id={bodyId} className="mt-1 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">
            {props.body}
          </p>
        </div>
        <label className="flex items-start gap-2 text-sm font-medium">
          <input
            type="checkbox"
            checked={endTokens}
            disabled={busy}
            onChange={(e) => setEndTokens(e.target.checked)}
            aria-describedby={props.tokensHint ? hintId : undefined}
            className="mt-0.5 size-4 shrink-0 accent-zinc-900 dark:accent-amber-400"
          />
          <span>
            {props.tokensLabel}
            {props.tokensHint && (
              <span id={hintId} className="mt-0.5 block text-xs font-normal text-zinc-600 dark:text-zinc-400">
                {props.tokensHint}
              </span>
            )}
          </span>
        </label>
        {error && (
          <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950/50 dark:text-rose-200">
            {error}
          </p>
        )}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <button
            ref={cancel}
            type="button"
            onClick={props.onCancel}
            disabled={busy}
            className="rounded-lg px-4 py-2 text-sm font-medium text-zinc-700 ring-1 ring-zinc-300 hover:bg-zinc-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 disabled:opacity-50 dark:text-zinc-200 dark:ring-zinc-700 dark:hover:bg-zinc-800"
          >
            {t.account.cancel}
          </button>
          <button
            type="submit"
            aria-disabled={busy}
            className="inline-flex items-center justify-center gap-2 rounded-lg bg-rose-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-rose-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-rose-400 focus-visible:ring-offset-2 aria-disabled:opacity-70 dark:focus-visible:ring-offset-zinc-900"
          >
            {busy && <Spinner className="size-4" />}
            {props.confirmLabel}
          </button>
        </div>
        {busy && (
          <p role="status" className="sr-only">
            {t.account.signingOut}
          </p>
        )}
      </form>
    </div>,
    document.body,
  );
}
