"use client";
import { useId, useState } from "react";
import { errorText } from "@/lib/client/format";
import { BusyButton, useBusy } from "@/components/ui/busy-button";
import { adminApi } from "@/lib/client/api";
import type { User } from "@/lib/contract";
import { PASSWORD_MIN_LENGTH } from "@/lib/contract-values";
import type { Dictionary } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import { alert, input, ok, primary, section } from "@/components/ui/styles";

/**
 * A new person with a password set now, or none and an invite link: the
 * account is made first, then its link (shown once by the page).
 */
export function AddPersonForm(props: { t: Dictionary; onAdded(user: User): void; onInvite(user: User, invite: { url: string; expiresAt: string }): void }) {
  const { t } = props;
  const [name, setName] = useState("");
  const [role, setRole] = useState<User["role"]>("member");
  const [how, setHow] = useState<"password" | "invite">("invite");
  const [password, setPassword] = useState("");
  const { busy, run } = useBusy();
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const ruleId = useId();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setMessage({ kind: "error", text: t.admin.nameRequired });
    // The contract's own rules, loaded with zod when the form is sent, not with the page.
    const { passwordSchema, userNameSchema } = await import("@/lib/client/schemas");
    const checkedName = userNameSchema.safeParse(name);
    if (!checkedName.success) return setMessage({ kind: "error", text: checkedName.error.issues[0]?.message ?? t.common.networkError });
    if (how === "password" && !passwordSchema.safeParse(password).success) {
      return setMessage({ kind: "error", text: format(t.account.passwordTooShort, { min: PASSWORD_MIN_LENGTH }) });
    }
    await run(async () => {
      setMessage(null);
      try {
        const user = await adminApi.createUser({ name: checkedName.data, role, ...(how === "password" ? { password } : {}) });
        props.onAdded(user);
        setName("");
        setPassword("");
        if (how === "invite") props.onInvite(user, await adminApi.invite(user.id));
        else setMessage({ kind: "ok", text: format(t.admin.added, { name: user.name }) });
      } catch (e) {
        setMessage({ kind: "error", text: errorText(e, t) });
      }
    });
  }

  const label = "flex flex-col gap-1 text-sm font-medium";
  return (
    <section aria-labelledby="add-person-heading" className={section}>
      <h2 id="add-person-heading" className="text-base font-semibold">
        {t.admin.addHeading}
      </h2>
      <form onSubmit={submit} noValidate className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,1fr)_10rem_auto_minmax(0,1fr)_auto] lg:items-end">
        <label className={label}>
          {t.admin.addName}
          <input className={`${input} w-full`} value={name} onChange={(e) => setName(e.target.value)} maxLength={64} required autoComplete="off" />
        </label>
        <label className={label}>
          {t.admin.addRole}
          <select className={`${input} w-full`} value={role} onChange={(e) => setRole(e.target.value as User["role"])}>
            <option value="member">{t.admin.roleMember}</option>
            <option value="admin">{t.admin.roleAdmin}</option>
          </select>
        </label>
        <fieldset className="flex flex-col gap-1 text-sm">
          <legend className="mb-1 font-medium">{t.admin.addHow}</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1 py-1.5">
            {(["invite", "password"] as const).map((value) => (
              <label key={value} className="inline-flex items-center gap-1.5 whitespace-nowrap">
                <input type="radio" name="add-person-how" value={value} checked={how === value} onChange={() => setHow(value)} className="accent-amber-500" />
                {value === "invite" ? t.admin.addWithInvite : t.admin.addWithPassword}
              </label>
            ))}
          </div>
        </fieldset>
        <div className={`flex flex-col gap-1 ${how === "password" ? "" : "max-lg:hidden lg:invisible"}`}>
          <label className={label}>
            {t.admin.addPassword}
            <input
              className={`${input} w-full`}
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="new-password"
              disabled={how !== "password"}
              aria-describedby={ruleId}
            />
          </label>
          <span id={ruleId} className="text-xs text-zinc-600 dark:text-zinc-400">
            {format(t.account.passwordRule, { min: PASSWORD_MIN_LENGTH })}
          </span>
        </div>
        <BusyButton busy={busy} busyLabel={t.admin.addBusy} className={`${primary} lg:mb-5`}>
          {t.admin.addSubmit}
        </BusyButton>
      </form>
      <p role={message?.kind === "error" ? "alert" : "status"} className={message?.kind === "error" ? `mt-3 ${alert}` : `mt-2 ${ok}`}>
        {message?.text}
      </p>
    </section>
  );
}
