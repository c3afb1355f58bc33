"use client";
import { useState } from "react";
import { ApiError, accountApi } from "@/lib/client/api";
import type { Dictionary } from "@/lib/i18n";
import { NewPasswordFields, newPasswordProblem } from "./new-password-fields";

/**
 * An invited person sets their password (twice) and is signed in. Their name
 * rides along in a field hidden from sight (autocomplete="username"), so a
 * password manager saves the new password under it (Chromium's guidance for
 * forms whose username is implicit).
 */
export function InviteForm({ t, token, name }: { t: Dictionary; token: string; name: string }) {
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
      await accountApi.acceptInvite(token, password);
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full page load on purpose: the session changed, so every client cache and the server-read first paint start over
      window.location.assign("/");
      return;
    } catch (e) {
      // Used or expired: the server says which; a bare status gets our own words.
      if (e instanceof ApiError && e.code === "network_error") setError(t.common.networkError);
      else if (e instanceof ApiError && e.message && !e.message.startsWith("HTTP ")) setError(e.message);
      else setError(t.account.inviteGone);
    }
    setBusy(false);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <input type="text" name="username" autoComplete="username" value={name} readOnly aria-label={t.account.inviteYourName} className="hidden" />
      <NewPasswordFields t={t} password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} />
      {error && (
        <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950/50 dark:text-rose-200">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="rounded-lg bg-zinc-900 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-zinc-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 focus-visible:ring-offset-2 disabled:opacity-60 dark:bg-amber-400 dark:text-zinc-950 dark:hover:bg-amber-300 dark:focus-visible:ring-offset-zinc-900"
      >
        {busy ? t.account.inviteBusy : t.account.inviteSubmit}
      </button>
    </form>
  );
}
