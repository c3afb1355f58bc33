"use client";
import { useState } from "react";
import { adminApi, type PatchUser } from "@/lib/client/api";
import { LIMIT_KEYS, draftOf, limitsPatch, type LimitDraft, type LimitKey } from "@/lib/client/admin-limits";
import { numberFieldWidth } from "@/lib/client/field-width";
import { formatCount, formatMoney, formatWhen } from "@/lib/client/money";
import type { User } from "@/lib/contract";
import type { Dictionary, Locale } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import dynamic from "next/dynamic";
import { errorText } from "@/lib/client/format";
import { ResetPasswordDialog } from "./reset-password-dialog";

const EndSessionsDialog = dynamic(() => import("@/components/account/end-sessions-dialog").then((m) => m.EndSessionsDialog), { ssr: false });
import { button, input } from "@/components/ui/styles";

type Props = {
  t: Dictionary;
  locale: Locale;
  user: User;
  currency: string;
  /** The studio-wide limits an empty field means. */
  defaults: { daily: number; maxActive: number; monthlyBudget: number | null };
  isSelf: boolean;
  accountsMode: boolean;
  /** The studio has sessions of its own (password, accounts, oidc): an admin can end a person's. */
  signsIn: boolean;
  onChanged(user: User): void;
  onInvite(user: User, invite: { url: string; expiresAt: string }): void;
};

/** One person: role, enabled or not, limits (empty = default), password reset or a new invite, signing them out everywhere. */
export function PersonRow({ t, locale, user, currency, defaults, isSelf, accountsMode, signsIn, onChanged, onInvite }: Props) {
  const [draft, setDraft] = useState<LimitDraft>(() => draftOf(user));
  const [baseline, setBaseline] = useState(user);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [resetting, setResetting] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const formId = `limits-${user.id}`;

  // Someone saved this person elsewhere (or the list reloaded): start from the new values.
  if (baseline !== user) {
    setBaseline(user);
    setDraft(draftOf(user));
  }

  const limitName: Record<LimitKey, string> = {
    dailyLimit: t.admin.dailyLimit,
    maxActive: t.admin.maxActive,
    monthlyBudget: format(t.admin.monthlyBudget, { currency }),
  };
  const checked = limitsPatch(user, draft);
  const dirty = "patch" in checked ? Object.keys(checked.patch).length > 0 : true;
  const invitePending = accountsMode && !user.hasPassword;

  async function patch(body: PatchUser, done?: string) {
    setBusy(true);
    setMessage(null);
    try {
      const updated = await adminApi.patchUser(user.id, body);
      onChanged(updated);
      setMessage({ kind: "ok", text: done ?? t.admin.saved });
    } catch (e) {
      setMessage({ kind: "error", text: errorText(e, t) });
    } finally {
      setBusy(false);
    }
  }

  async function saveLimits(event: React.FormEvent) {
    event.preventDefault();
    if ("invalid" in checked) {
      setMessage({ kind: "error", text: checked.invalid.includes("monthlyBudget") ? t.admin.invalidMoney : t.admin.invalidNumber });
      return;
    }
    if (dirty) await patch(checked.patch);
  }

  async function newInvite() {
    setBusy(true);
    setMessage(null);
    try {
      onInvite(user, await adminApi.invite(user.id));
    } catch (e) {
      setMessage({ kind: "error", text: errorText(e, t) });
    } finally {
      setBusy(false);
    }
  }

  const state = user.disabled ? t.admin.stateDisabled : invitePending ? t.admin.stateInvited : t.admin.stateActive;
  const stateClass = user.disabled
    ? "bg-rose-100 text-rose-800 dark:bg-rose-500/15 dark:text-rose-200"
    : invitePending
      ? "bg-amber-100 text-amber-900 dark:bg-amber-500/15 dark:text-amber-200"
      : "bg-emerald-100 text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-200";
  const cell = "px-3 py-2.5 align-middle";
  return (
    <tr className="border-t border-zinc-200 dark:border-zinc-800">
      <th scope="row" className={`${cell} pl-4 text-left font-medium sm:pl-5`}>
        <span className="block max-w-48 truncate" title={user.name}>
          {user.name}
        </span>
        {isSelf && <span className="text-xs font-normal text-zinc-600 dark:text-zinc-400">({t.admin.you})</span>}
        {user.email && <span className="block max-w-48 truncate text-xs font-normal text-zinc-600 dark:text-zinc-400">{user.email}</span>}
      </th>
      <td className={cell}>
        <select
          aria-label={format(t.admin.roleOf, { name: user.name })}
          value={user.role}
          disabled={busy || isSelf}
          onChange={(e) => void patch({ role: e.target.value as User["role"] })}
          className={input}
        >
          <option value="member">{t.admin.roleMember}</option>
          <option value="admin">{t.admin.roleAdmin}</option>
        </select>
      </td>
      <td className={cell}>
        <div className="flex flex-col items-start gap-1.5">
          <span className={`rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${stateClass}`}>{state}</span>
          {!isSelf && (
            <button
              type="button"
              className={button}
              disabled={busy}
              aria-label={format(user.disabled ? t.admin.enableName : t.admin.disableName, { name: user.name })}
              onClick={() => void patch({ disabled: !user.disabled })}
            >
              {user.disabled ? t.admin.enable : t.admin.disable}
            </button>
          )}
        </div>
      </td>
      {LIMIT_KEYS.map((key) => {
        const placeholder = defaultOf(t, { dailyLimit: defaults.daily, maxActive: defaults.maxActive, monthlyBudget: defaults.monthlyBudget }[key]);
        return (
          <td key={key} className={cell}>
            <input
              form={formId}
              type="number"
              inputMode={key === "monthlyBudget" ? "decimal" : "numeric"}
              min={0}
              step={key === "monthlyBudget" ? "0.01" : "1"}
              value={draft[key]}
              placeholder={placeholder}
              aria-label={format(t.admin.limitOf, { limit: limitName[key], name: user.name })}
              onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
              // Wide enough for the placeholder in either language, beside the spin buttons.
              style={{ width: numberFieldWidth(placeholder) }}
              className={`${input} tabular-nums`}
            />
          </td>
        );
      })}
      <td className={`${cell} whitespace-nowrap text-zinc-700 dark:text-zinc-300`}>{user.lastSeenAt ? formatWhen(user.lastSeenAt, locale) : t.admin.never}</td>
      <td className={`${cell} whitespace-nowrap tabular-nums text-zinc-700 dark:text-zinc-300`}>
        {user.month
          ? format(user.month.pictures === 1 ? t.admin.monthUsageOne : t.admin.monthUsage, {
              pictures: formatCount(user.month.pictures, locale),
              cost: formatMoney(user.month.cost, currency, locale),
            })
          : "—"}
      </td>
      <td className={`${cell} pr-4 sm:pr-5`}>
        <form id={formId} onSubmit={saveLimits} className="flex flex-col items-start gap-1.5">
          <button type="submit" className={button} disabled={busy || !dirty} aria-label={format(t.admin.saveLimitsOf, { name: user.name })}>
            {t.admin.saveLimits}
          </button>
          {accountsMode && (invitePending ? (
            <button type="button" className={button} disabled={busy} aria-label={format(t.admin.newInviteOf, { name: user.name })} onClick={() => void newInvite()}>
              {t.admin.newInvite}
            </button>
          ) : (
            <button type="button" className={button} disabled={busy} aria-label={format(t.admin.resetPasswordOf, { name: user.name })} onClick={() => setResetting(true)}>
              {t.admin.resetPassword}
            </button>
          ))}
          {signsIn && !isSelf && (
            <button type="button" className={button} disabled={busy} aria-label={format(t.admin.signOutOf, { name: user.name })} onClick={() => setSigningOut(true)}>
              {t.admin.signOut}
            </button>
          )}
        </form>
        <p role={message?.kind === "error" ? "alert" : "status"} className={`mt-1 max-w-64 text-xs ${message?.kind === "error" ? "text-rose-700 dark:text-rose-300" : "text-emerald-700 dark:text-emerald-300"}`}>
          {message?.text}
        </p>
        {signingOut && (
          <EndSessionsDialog
            t={t}
            title={format(t.admin.signOutTitle, { name: user.name })}
            body={format(t.admin.signOutBody, { name: user.name })}
            tokensLabel={t.admin.endTheirTokens}
            confirmLabel={t.admin.signOut}
            onConfirm={async (endTokens) => {
              const ended = await adminApi.signOutPerson(user.id, endTokens);
              setSigningOut(false);
              setMessage({ kind: "ok", text: format(t.admin.signedOut, { name: user.name, sessions: ended.sessions, tokens: ended.tokens }) });
            }}
            onCancel={() => setSigningOut(false)}
          />
        )}
        {resetting && (
          <ResetPasswordDialog
            t={t}
            name={user.name}
            onClose={() => setResetting(false)}
            onSave={async (password) => {
              const updated = await adminApi.patchUser(user.id, { password });
              onChanged(updated);
              setResetting(false);
              setMessage({ kind: "ok", text: format(t.admin.passwordReset, { name: user.name }) });
            }}
          />
        )}
      </td>
    </tr>
  );
}

/** What an empty limit field means: the studio's number, or just "default" where there is none (no budget). */
function defaultOf(t: Dictionary, value: number | null): string {
  return value === null ? t.admin.defaultLimit : format(t.admin.defaultLimitOf, { value: String(value) });
}
