"use client";
import { useId, useRef, useState } from "react";
import { errorText } from "@/lib/client/format";
import { ConfirmActions } from "@/components/ui/dialog-actions";
import { FormError } from "@/components/ui/form-error";
import { DialogHeading, ModalDialog } from "@/components/ui/modal-dialog";
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
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const hintId = useId();
  const [endTokens, setEndTokens] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

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

  return (
    <ModalDialog role="alertdialog" labelledBy={titleId} describedBy={bodyId} busy={busy} onClose={props.onCancel} onSubmit={submit} initialFocus={cancel}>
      <DialogHeading titleId={titleId} title={props.title} bodyId={bodyId} body={props.body} />
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
      <FormError message={error} />
      <ConfirmActions
        cancelRef={cancel}
        cancelLabel={t.account.cancel}
        confirmLabel={props.confirmLabel}
        busy={busy}
        busyLabel={t.account.signingOut}
        onCancel={props.onCancel}
      />
    </ModalDialog>
  );
}
