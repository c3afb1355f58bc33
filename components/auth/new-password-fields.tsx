"use client";
import { useId } from "react";
import { PASSWORD_MIN_LENGTH } from "@/lib/contract-values";
import type { Dictionary } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";

export const fieldClass =
  "w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:border-zinc-700 dark:bg-zinc-900";

/**
 * What is wrong with a new password and its repetition, in the person's
 * language; null when both are fine. Checked by the contract's own rule,
 * loaded with zod when the form is sent, not with the page.
 */
export async function newPasswordProblem(t: Dictionary, password: string, repeat: string): Promise<string | null> {
  const { passwordSchema } = await import("@/lib/client/schemas");
  if (!passwordSchema.safeParse(password).success) return format(t.account.passwordTooShort, { min: PASSWORD_MIN_LENGTH });
  if (password !== repeat) return t.account.passwordsDiffer;
  return null;
}

/** A new password typed twice, with the rule next to it (the invite page and the change-password dialog). */
export function NewPasswordFields(props: { t: Dictionary; password: string; repeat: string; onPassword(v: string): void; onRepeat(v: string): void }) {
  const { t } = props;
  const ruleId = useId();
  return (
    <>
      <div className="flex flex-col gap-1">
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t.account.newPassword}
          <input
            className={fieldClass}
            type="password"
            value={props.password}
            onChange={(e) => props.onPassword(e.target.value)}
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            aria-describedby={ruleId}
          />
        </label>
        <span id={ruleId} className="text-xs text-zinc-600 dark:text-zinc-400">
          {format(t.account.passwordRule, { min: PASSWORD_MIN_LENGTH })}
        </span>
      </div>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t.account.repeatPassword}
        <input className={fieldClass} type="password" value={props.repeat} onChange={(e) => props.onRepeat(e.target.value)} autoComplete="new-password" required />
      </label>
    </>
  );
}
