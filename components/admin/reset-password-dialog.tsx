"use client";
import { useId, useState } from "react";
import { NewPasswordFields, newPasswordProblem } from "@/components/auth/new-password-fields";
import { errorText } from "@/lib/client/format";
import { DialogActions } from "@/components/ui/dialog-actions";
import { FormError } from "@/components/ui/form-error";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { Dictionary } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import { button, primary } from "@/components/ui/styles";

/** An admin gives a person a new password (typed twice). */
export function ResetPasswordDialog(props: { t: Dictionary; name: string; onClose(): void; onSave(password: string): Promise<void> }) {
  const { t } = props;
  const titleId = useId();
  const hintId = useId();
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const problem = await newPasswordProblem(t, password, repeat);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      await props.onSave(password);
    } catch (e) {
      setError(errorText(e, t));
      setBusy(false);
    }
  }

  return (
    <ModalDialog labelledBy={titleId} describedBy={hintId} busy={busy} onClose={props.onClose} onSubmit={submit}>
      <h2 id={titleId} className="text-base font-semibold">
        {format(t.admin.resetPasswordTitle, { name: props.name })}
      </h2>
      <p id={hintId} className="text-sm text-zinc-600 dark:text-zinc-400">
        {format(t.admin.resetPasswordHint, { name: props.name })}
      </p>
      <NewPasswordFields t={t} password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} />
      <FormError message={error} />
      <DialogActions>
        <button type="button" className={button} onClick={props.onClose} disabled={busy}>
          {t.account.cancel}
        </button>
        <button type="submit" className={primary} disabled={busy}>
          {busy ? t.account.saving : t.admin.resetPassword}
        </button>
      </DialogActions>
    </ModalDialog>
  );
}
