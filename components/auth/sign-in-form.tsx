"use client";
import { useState } from "react";
import type { Dictionary } from "@/lib/i18n";

/** Name + shared password → session cookie → the studio. */
export function SignInForm({ t }: { t: Dictionary }) {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
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
        window.location.assign("/");
        return;
      }
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(res.status === 401 ? t.auth.wrongPassword : res.status === 429 ? t.auth.tooMany : (body?.error?.message ?? t.common.networkError));
    } catch {
      setError(t.common.networkError);
    } finally {
      setBusy(false);
    }
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
        {t.auth.password}
        <input className={field} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
      </label>
      {error && (
        <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950/50 dark:text-rose-200">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="rounded-lg bg-zinc-900 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-zinc-700 disabled:opacity-60 dark:bg-amber-400 dark:text-zinc-950 dark:hover:bg-amber-300"
      >
        {busy ? t.auth.signingIn : t.auth.signIn}
      </button>
    </form>
  );
}
