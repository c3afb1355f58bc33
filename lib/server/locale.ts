import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALES, pickLocale, type Locale } from "@/lib/i18n";

export const LOCALE_COOKIE = "studio-locale";

/** The person's remembered choice, else what the browser asks for. */
export async function requestLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (chosen && (LOCALES as readonly string[]).includes(chosen)) return chosen as Locale;
  return pickLocale((await headers()).get("accept-language"));
}
