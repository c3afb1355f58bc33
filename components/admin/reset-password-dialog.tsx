"use client";
import { useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { NewPasswordFields, newPasswordProblem } from "@/components/auth/new-password-fields";
import { errorText } from "@/components/gallery/format";
import { trapTab, useModal } from "@/components/gallery/use-modal";
import type { Dictionary } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import { alert, button, primary } from "./styles";

/** An admin gives a person a new password (typed twice). */
export function ResetPasswordDialog(props: { t: Dictionary; name: string; onClose(): void; onSave(password: string): Promise<void> }) {
  const { t } = props;
  const dialog = useRef<HTMLFormElement>(null);
  const titleId = useId();
  const hintId = useId();
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useModal({ dialog });

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const problem = newPasswordProblem(t, password, repeat);
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

  return createPortal(
    <div
      className="fixed inset-0 z-[60] flex items-end justify-center bg-zinc-950/60 p-4 backdrop-blur-[2px] sm:items-center"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget && !busy) props.onClose();
      }}
    >
      <form
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={hintId}
        tabIndex={-1}
        noValidate
        onSubmit={submit}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === "Escape" && !busy) {
            e.preventDefault();
            props.onClose();
          }
          trapTab(e, dialog.current);
        }}
        className="flex w-full max-w-sm flex-col gap-4 rounded-2xl bg-white p-5 text-zinc-900 shadow-2xl ring-1 ring-zinc-900/5 outline-none dark:bg-zinc-900 dark:text-zinc-100 dark:ring-white/10"
      >
        <h2 id={titleId} className="text-base font-semibold">
          {format(t.admin.resetPasswordTitle, { name: props.name })}
        </h2>
        <p id={hintId} className="text-sm text-zinc-600 dark:text-zinc-400">
          {format(t.admin.resetPasswordHint, { name: props.name })}
        </p>
        <NewPasswordFields t={t} password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} />
        {error && (
          <p role="alert" className={alert}>
            {error}
          </p>
        )}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <button type="button" className={button} onClick={props.onClose} disabled={busy}>
            {t.account.cancel}
          </button>
          <button type="submit" className={primary} disabled={busy}>
            {busy ? t.account.saving : t.admin.resetPassword}
          </button>
        </div>
      </form>
    </div>,
    document.body,
  );
}
