"use client";
import { useId, useRef, useState } from "react";
import { NewPasswordFields, fieldClass, newPasswordProblem } from "@/components/auth/new-password-fields";
import { DialogActions } from "@/components/ui/dialog-actions";
import { FormError } from "@/components/ui/form-error";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { ApiError, accountApi } from "@/lib/client/api";
import type { Dictionary } from "@/lib/i18n";

/**
 * A person changes their own password (accounts mode): the current one, the
 * new one twice, and whether their API tokens are revoked too (checked: a
 * thief may have made one).
 */
export function ChangePasswordDialog({ t, onClose }: { t: Dictionary; onClose(): void }) {
  const first = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const tokensHintId = useId();
  const [current, setCurrent] = useState("");
  const [endTokens, setEndTokens] = useState(true);
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const problem = await newPasswordProblem(t, password, repeat);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      await accountApi.changePassword({ currentPassword: current, newPassword: password, endTokens });
      setDone(true);
    } catch (e) {
      if (e instanceof ApiError && e.code === "network_error") setError(t.common.networkError);
      // The server answers a wrong current password with 403 (this session is fine, the proof is not).
      else if (e instanceof ApiError && (e.status === 401 || e.status === 403)) setError(t.account.wrongCurrentPassword);
      // The current password goes through the sign-in throttle: too many wrong ones from here, wait.
      else if (e instanceof ApiError && e.status === 429) setError(t.auth.tooMany);
      else setError(e instanceof Error ? e.message : t.common.networkError);
    } finally {
      setBusy(false);
    }
  }

  const secondary =
    "rounded-lg px-4 py-2 text-sm font-medium text-zinc-700 ring-1 ring-zinc-300 hover:bg-zinc-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:text-zinc-200 dark:ring-zinc-700 dark:hover:bg-zinc-800";
  return (
    <ModalDialog labelledBy={titleId} busy={busy} onClose={onClose} onSubmit={submit} initialFocus={first}>
      <h2 id={titleId} className="text-base font-semibold">
        {t.account.changePasswordTitle}
      </h2>
      {done ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-200">
          {endTokens ? t.account.passwordChangedTokens : t.account.passwordChanged}
        </p>
      ) : (
        <>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t.account.currentPassword}
            <input ref={first} className={fieldClass} type="password" value={current} onChange={(e) => setCurrent(e.target.value)} autoComplete="current-password" required />
          </label>
          <NewPasswordFields t={t} password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} />
          <label className="flex items-start gap-2 text-sm font-medium">
            <input
              type="checkbox"
              checked={endTokens}
              onChange={(e) => setEndTokens(e.target.checked)}
              aria-describedby={tokensHintId}
              className="mt-0.5 size-4 shrink-0 accent-zinc-900 dark:accent-amber-400"
            />
            <span>
              {t.account.endMyTokens}
              <span id={tokensHintId} className="mt-0.5 block text-xs font-normal text-zinc-600 dark:text-zinc-400">
                {t.account.endMyTokensHint}
              </span>
            </span>
          </label>
          <FormError message={error} />
        </>
      )}
      <DialogActions>
        <button type="button" onClick={onClose} disabled={busy} className={secondary}>
          {done ? t.account.close : t.account.cancel}
        </button>
        {!done && (
          <button
            type="submit"
            disabled={busy}
            className="rounded-lg bg-zinc-900 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-zinc-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 focus-visible:ring-offset-2 disabled:opacity-60 dark:bg-amber-400 dark:text-zinc-950 dark:hover:bg-amber-300 dark:focus-visible:ring-offset-zinc-900"
          >
            {busy ? t.account.saving : t.account.save}
          </button>
        )}
      </DialogActions>
    </ModalDialog>
  );
}
