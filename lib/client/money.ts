import type { Locale } from "@/lib/i18n";

// Money and counts the way the person's language writes them.

const intl = (locale: Locale) => (locale === "zh" ? "zh-CN" : "en");

/** 3.2 USD → "$3.20" (en) or "US$3.20" (zh); an unknown currency code falls back to "3.20 XYZ". */
export function formatMoney(amount: number, currency: string, locale: Locale): string {
  try {
    return new Intl.NumberFormat(intl(locale), { style: "currency", currency, maximumFractionDigits: amount !== 0 && Math.abs(amount) < 0.01 ? 4 : 2 }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(intl(locale)).format(n);
}

/** 0.125 → "12.5%". */
export function formatPercent(ratio: number, locale: Locale): string {
  return new Intl.NumberFormat(intl(locale), { style: "percent", maximumFractionDigits: 1 }).format(ratio);
}

/** A date and time, or just the day for "YYYY-MM-DD". */
export function formatWhen(iso: string, locale: Locale, dateOnly = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intl(locale), dateOnly ? { dateStyle: "medium", timeZone: "UTC" } : { dateStyle: "medium", timeStyle: "short" }).format(date);
}
