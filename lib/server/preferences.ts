import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALES, pickLocale, type Locale } from "@/lib/i18n";

export type Theme = "light" | "dark" | "system";

/** The person's remembered language, else what the browser asks for. */
export async function requestLocale(): Promise<Locale> {
  const chosen = (await cookies()).get("studio-locale")?.value;
  if (chosen && (LOCALES as readonly string[]).includes(chosen)) return chosen as Locale;
  return pickLocale((await headers()).get("accept-language"));
}

/** The remembered theme; "system" follows the device. */
export async function requestTheme(): Promise<Theme> {
  const chosen = (await cookies()).get("studio-theme")?.value;
  return chosen === "light" || chosen === "dark" ? chosen : "system";
}
