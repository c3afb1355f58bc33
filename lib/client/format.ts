import type { Generation } from "@/lib/contract";
import { ApiError } from "./api";
import type { Dictionary, Locale } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";

// Small pure helpers for what the pages show: short prompts, times, sizes,
// error messages for people, and the gallery's ids and box ratios.

/** The DOM id of a picture's open button, so focus can come back to it from the lightbox. */
export const openButtonId = (id: string) => `gallery-open-${id}`;

/** Prompts can be 10 000 characters; button names and titles need a short form. */
export function shortPrompt(prompt: string, max = 150): string {
  const flat = prompt.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Width ÷ height of the box a card draws: the picture's own, else the requested ratio (auto → square). */
export function boxRatio(g: Generation): number {
  if (g.image && g.image.width > 0 && g.image.height > 0) return g.image.width / g.image.height;
  if (g.aspectRatio === "16:9") return 16 / 9;
  if (g.aspectRatio === "9:16") return 9 / 16;
  return 1;
}

/** mm:ss (h:mm:ss past an hour); a clock slightly ahead of ours never shows negative time. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

export function formatBytes(bytes: number, t: Dictionary, locale: Locale): string {
  const number = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 });
  if (bytes < 1024 * 1024) return format(t.gallery.units.kb, { value: number.format(Math.max(1, Math.round(bytes / 1024))) });
  return format(t.gallery.units.mb, { value: number.format(bytes / (1024 * 1024)) });
}

export function formatDate(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** A moment on a card ("since …"): the time alone when it is today, else with its date. */
export function formatSince(iso: string, locale: Locale, now = Date.now()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const today = new Date(now).toDateString() === date.toDateString();
  const style: Intl.DateTimeFormatOptions = today ? { timeStyle: "short" } : { dateStyle: "short", timeStyle: "short" };
  return new Intl.DateTimeFormat(intlLocale(locale), style).format(date);
}

export function intlLocale(locale: Locale): string {
  return locale === "zh" ? "zh-CN" : "en";
}

/** Image URLs already carry a query (`?variant=thumb`) or not: add a parameter either way. */
export function withParam(url: string, param: string): string {
  return `${url}${url.includes("?") ? "&" : "?"}${param}`;
}

/** A person-readable message for any error thrown by the API client. */
export function errorText(error: unknown, t: Dictionary): string {
  if (error instanceof ApiError) return error.code === "network_error" ? t.common.networkError : error.message;
  if (error instanceof Error && error.message) return error.message;
  return t.common.networkError;
}
