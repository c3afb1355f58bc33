"use client";
import dynamic from "next/dynamic";
import { useId, useState } from "react";
import { errorText } from "@/lib/client/format";
import { adminApi } from "@/lib/client/api";
import type { StudioSettings } from "@/lib/contract";
import type { Dictionary } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import { alert, button, input, ok, primary, section } from "@/components/ui/styles";

const EndSessionsDialog = dynamic(() => import("@/components/account/end-sessions-dialog").then((m) => m.EndSessionsDialog), { ssr: false });

const LONGEST = 3650;

/**
 * Sessions and API tokens: how long a token may live at most, and
 * signing everyone out (their tokens too, unless unticked) when a password
 * or a device may be in the wrong hands. `signsIn`: the studio has sessions
 * of its own (password, accounts, oidc).
 */
export function SessionsSettings(props: { t: Dictionary; settings: StudioSettings; signsIn: boolean; onSaved(settings: StudioSettings): void }) {
  const { t } = props;
  const [days, setDays] = useState(String(props.settings.tokenMaxDays));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const hintId = useId();
  const fieldId = useId();

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const value = Number(days);
    if (!/^\d+$/.test(days.trim()) || value < 1 || value > LONGEST) return setMessage({ kind: "error", text: t.admin.invalidDays });
    setBusy(true);
    setMessage(null);
    try {
      props.onSaved(await adminApi.putSettings({ tokenMaxDays: value }));
      setMessage({ kind: "ok", text: t.admin.settingsSaved });
    } catch (e) {
      setMessage({ kind: "error", text: errorText(e, t) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="sessions-heading" className={section}>
      <h2 id="sessions-heading" className="text-base font-semibold">
        {t.admin.sessionsHeading}
      </h2>
      <form onSubmit={save} noValidate className="mt-3 flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1 text-sm font-medium">
          <label htmlFor={fieldId}>{t.admin.tokenMaxDays}</label>
          <input
            id={fieldId}
            type="number"
            inputMode="numeric"
            min={1}
            max={LONGEST}
            step={1}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            aria-describedby={hintId}
            aria-invalid={message?.text === t.admin.invalidDays || undefined}
            className={`${input} w-28 tabular-nums`}
          />
        </div>
        <button type="submit" className={button} disabled={busy}>
          {t.admin.saveSettings}
        </button>
      </form>
      <p id={hintId} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        {t.admin.tokenMaxDaysHint}
      </p>
      <p role={message?.kind === "error" ? "alert" : "status"} className={message ? `mt-2 ${message.kind === "error" ? alert : ok}` : ""}>
        {message?.text}
      </p>
      {props.signsIn && (
        <div className="mt-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{t.admin.sessionsHint}</p>
          <button type="button" className={`${primary} mt-2`} onClick={() => setConfirming(true)}>
            {t.admin.signOutEveryone}
          </button>
        </div>
      )}
      {confirming && (
        <EndSessionsDialog
          t={t}
          title={t.admin.signOutEveryoneTitle}
          body={t.admin.signOutEveryoneBody}
          tokensLabel={t.admin.endEveryonesTokens}
          confirmLabel={t.admin.signOutEveryone}
          onConfirm={async (endTokens) => {
            const ended = await adminApi.signOutEveryone(endTokens);
            setConfirming(false);
            setMessage({ kind: "ok", text: format(t.admin.signedOutEveryone, { sessions: String(ended.sessions), tokens: String(ended.tokens) }) });
          }}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
