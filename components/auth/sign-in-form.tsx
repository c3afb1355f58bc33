"use client";
import { useState } from "react";
import type { Dictionary } from "@/lib/i18n";

export type SignInMode = "password" | "accounts" | "oidc";

export const OIDC_START_URL = "/api/auth/oidc/start";

/**
 * password: a name and the team's shared password; accounts: a name and the
 * person's own password; oidc: a link to the team's identity provider.
 * Any of them ends in a session cookie and the studio.
 */
export function SignInForm({ t, mode, returnTo = "/", initialError }: { t: Dictionary; mode: SignInMode; returnTo?: string; initialError: string | null }) {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(initialError);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/session", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name, password }),
      });
      if (res.ok) {
        // A path of this studio (the sign-in page checked it): the page that sent the person here.
        window.location.assign(returnTo);
        return;
      }
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      const wrong = mode === "accounts" ? t.auth.wrongNameOrPassword : t.auth.wrongPassword;
      // 403: the account is disabled (the server's sentence, in the page's language).
      setError(
        res.status === 401 ? wrong : res.status === 403 ? t.auth.errorDisabled : res.status === 429 ? t.auth.tooMany : (body?.error?.message ?? t.common.networkError),
      );
    } catch {
      setError(t.common.networkError);
    } finally {
      setBusy(false);
    }
  }

  const alert = error && (
    <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950/50 dark:text-rose-200">
      {error}
    </p>
  );
  const primary =
    "rounded-lg bg-zinc-900 px-4 py-2.5 text-center text-sm font-semibold text-white shadow-sm hover:bg-zinc-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 focus-visible:ring-offset-2 disabled:opacity-60 dark:bg-amber-400 dark:text-zinc-950 dark:hover:bg-amber-300 dark:focus-visible:ring-offset-zinc-900";

  if (mode === "oidc") {
    return (
      <div className="flex flex-col gap-4">
        {alert}
        <a href={returnTo === "/" ? OIDC_START_URL : `${OIDC_START_URL}?returnTo=${encodeURIComponent(returnTo)}`} className={primary}>
          {t.auth.oidcButton}
        </a>
      </div>
    );
  }

  const field =
    "w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:border-zinc-700 dark:bg-zinc-900";
  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t.auth.name}
        <input className={field} value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" required maxLength={64} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {mode === "accounts" ? t.auth.accountPassword : t.auth.password}
        <input className={field} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
      </label>
      {alert}
      <button type="submit" disabled={busy} className={primary}>
        {busy ? t.auth.signingIn : t.auth.signIn}
      </button>
    </form>
  );
}
