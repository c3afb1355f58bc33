"use client";
import { useId, useState } from "react";
import { alert, input, primary, section } from "@/components/ui/styles";
import { errorText } from "@/lib/client/format";
import { BusyButton, useBusy } from "@/components/ui/busy-button";
import { tokensApi } from "@/lib/client/api";
import { defaultExpiry, expiryChoices } from "@/lib/client/token-expiry";
import type { Dictionary, Locale } from "@/lib/i18n";
import { plural } from "@/lib/i18n/format";

/** A new token: a name to recognise it by and how long it works (at most `maxDays`, the admins' maximum). */
export function CreateTokenForm(props: { t: Dictionary; locale: Locale; maxDays: number; onCreated(created: { name: string; token: string }): void }) {
  const T = props.t.tokens;
  const choices = expiryChoices(props.maxDays);
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState(() => String(defaultExpiry(props.maxDays)));
  const { busy, run } = useBusy();
  const [error, setError] = useState<string | null>(null);
  const hintId = useId();
  const presetLabel: Record<number, string> = { 30: T.expiry30, 90: T.expiry90, 365: T.expiry365 };
  const label = (days: number) => presetLabel[days] ?? plural(props.locale, days, T.expiryLongest);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError(T.nameRequired);
    await run(async () => {
      setError(null);
      try {
        const created = await tokensApi.create({ name: name.trim(), expiresInDays: Number(expiry) });
        setName("");
        props.onCreated({ name: created.name, token: created.token });
      } catch (e) {
        setError(errorText(e, props.t));
      }
    });
  }

  const field = "flex flex-col gap-1 text-sm font-medium";
  return (
    <section aria-labelledby="create-token-heading" className={section}>
      <h2 id="create-token-heading" className="text-base font-semibold">
        {T.createHeading}
      </h2>
      <form onSubmit={submit} noValidate className="mt-3 grid gap-3 sm:grid-cols-[minmax(0,1fr)_12rem_auto] sm:items-start">
        <div className={field}>
          <label htmlFor="token-name">{T.nameLabel}</label>
          <input
            id="token-name"
            className={`${input} w-full`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={T.namePlaceholder}
            maxLength={100}
            required
            autoComplete="off"
            aria-describedby={hintId}
            aria-invalid={error === T.nameRequired || undefined}
          />
          <span id={hintId} className="text-xs font-normal text-zinc-600 dark:text-zinc-400">
            {T.nameHint}
          </span>
        </div>
        <label className={field}>
          {T.expiryLabel}
          <select className={`${input} w-full`} value={expiry} onChange={(e) => setExpiry(e.target.value)}>
            {choices.map((days) => (
              <option key={days} value={String(days)}>
                {label(days)}
              </option>
            ))}
          </select>
        </label>
        <BusyButton busy={busy} busyLabel={T.creating} className={`${primary} sm:mt-6`}>
          {T.createSubmit}
        </BusyButton>
      </form>
      {error && (
        <p role="alert" className={`mt-3 ${alert}`}>
          {error}
        </p>
      )}
    </section>
  );
}
