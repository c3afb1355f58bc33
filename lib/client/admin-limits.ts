import type { User } from "@/lib/contract";

// A person's limits as the admin types them: empty = the studio's default (null).

export type LimitKey = "dailyLimit" | "maxActive" | "monthlyBudget";
export const LIMIT_KEYS: readonly LimitKey[] = ["dailyLimit", "maxActive", "monthlyBudget"];
export type LimitDraft = Record<LimitKey, string>;

export const draftOf = (user: User): LimitDraft => ({
  dailyLimit: user.dailyLimit === null ? "" : String(user.dailyLimit),
  maxActive: user.maxActive === null ? "" : String(user.maxActive),
  monthlyBudget: user.monthlyBudget === null ? "" : String(user.monthlyBudget),
});

/** The typed value, or "invalid"; whole numbers for counts, amounts for the budget. */
export function parseLimit(key: LimitKey, text: string): number | null | "invalid" {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < 0) return "invalid";
  if (key !== "monthlyBudget" && !Number.isInteger(value)) return "invalid";
  return value;
}

/** Only what changed, or the keys that do not parse. */
export function limitsPatch(user: User, draft: LimitDraft): { patch: Partial<Record<LimitKey, number | null>> } | { invalid: LimitKey[] } {
  const patch: Partial<Record<LimitKey, number | null>> = {};
  const invalid: LimitKey[] = [];
  for (const key of LIMIT_KEYS) {
    const value = parseLimit(key, draft[key]);
    if (value === "invalid") invalid.push(key);
    else if (value !== user[key]) patch[key] = value;
  }
  return invalid.length > 0 ? { invalid } : { patch };
}
