import type { Dictionary, Locale } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import type { ApiError } from "./api";

// When a limit starts afresh, in the person's words: a
// monthly budget "on 1 January" (not "in 598 h"), the daily limit "at
// midnight UTC (in 5 h)", and "in 10 s" only where waiting seconds is true
// (the in-flight cap, the gateway's own rate limit).

type WaitStrings = Pick<Dictionary["composer"], "waitSeconds" | "waitMinutes" | "waitHours">;

/** 8 → "8 s", 600 → "10 min", 18000 → "5 h": rounded up, so it is never sooner than said. */
export function formatWait(seconds: number, t: WaitStrings): string {
  if (seconds < 90) return format(t.waitSeconds, { n: Math.max(1, Math.ceil(seconds)) });
  if (seconds < 90 * 60) return format(t.waitMinutes, { n: Math.ceil(seconds / 60) });
  return format(t.waitHours, { n: Math.ceil(seconds / 3600) });
}

/** "1 January" (en) or "1月1日" (zh): a reset day as the calendar in UTC has it. */
export function resetDate(iso: string, locale: Locale): string {
  const options: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", timeZone: "UTC" };
  return new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", options).format(new Date(iso));
}

export type ResettingLimit = "daily" | "monthlyBudget";

/** "at midnight UTC (in 5 h)" or "on 1 January": what follows "It resets". */
export function resetWhen(input: { limit: ResettingLimit; resetsAt: string; now: number; locale: Locale; t: Dictionary }): string {
  const { t } = input;
  if (input.limit === "monthlyBudget") return format(t.allowance.resetsMonthly, { date: resetDate(input.resetsAt, input.locale) });
  const seconds = Math.max(1, (Date.parse(input.resetsAt) - input.now) / 1000);
  return format(t.allowance.resetsDaily, { wait: formatWait(seconds, t.composer) });
}

const isResetting = (limit: string | undefined): limit is ResettingLimit => limit === "daily" || limit === "monthlyBudget";

/**
 * The headline of a 429: which limit and when it resets where the server
 * said (error body `limit` and `resetsAt`), else the Retry-After wording.
 * Null for any other error.
 */
export function limitRefusalTitle(input: { error: ApiError; now: number; locale: Locale; t: Dictionary }): string | null {
  const { error, t } = input;
  const { limit, resetsAt } = error.limit;
  if (error.code === "quota_exceeded" && isResetting(limit) && resetsAt && !Number.isNaN(Date.parse(resetsAt))) {
    const when = resetWhen({ limit, resetsAt, now: input.now, locale: input.locale, t });
    return format(limit === "daily" ? t.allowance.refusedDaily : t.allowance.refusedMonthly, { when });
  }
  const wait = error.retryAfterSeconds && error.retryAfterSeconds > 0 ? formatWait(error.retryAfterSeconds, t.composer) : null;
  if (error.code === "rate_limited") return wait ? format(t.composer.errorRateLimited, { wait }) : t.composer.errorRateLimitedNoTime;
  if (error.code === "quota_exceeded") return wait ? format(t.composer.errorQuota, { wait }) : t.composer.errorQuotaNoTime;
  return null;
}
