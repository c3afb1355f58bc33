"use client";
import { useRef } from "react";
import { UpstreamBadge } from "@/components/upstream-badge";
import { useEnteredBeforeHydration } from "@/lib/client/use-entered-before-hydration";
import { Account } from "./account";
import { useStudio } from "./studio-context";
import { ThemeSwitch } from "./theme-switch";
import type { Locale } from "@/lib/i18n";

/**
 * Title, which upstream is in use, the account, and the language and theme
 * switches (remembered in cookies). On wide screens (xl) the row never wraps: when
 * the account's chips arrive (or a budget adds one) the tagline gives way,
 * so the header keeps its height. On a phone (below sm) it keeps to two
 * rows: the title, the upstream and the account menu; then what is left,
 * the language and the theme (who is signed in, and Sign out, move into the
 * account menu there).
 */
export function StudioHeader() {
  const { t, locale, setLocale, theme, setTheme, upstream } = useStudio();
  const language = useRef<HTMLSelectElement>(null);
  useEnteredBeforeHydration(language, (picked) => {
    if (picked !== locale) setLocale(picked as Locale);
  });
  return (
    <header className="flex flex-wrap items-center gap-x-2 gap-y-1 sm:justify-between sm:gap-3 xl:flex-nowrap">
      <div className="flex min-w-0 items-center gap-3 max-sm:order-1 max-sm:flex-1 max-sm:gap-2">
        <span aria-hidden className="grid size-9 shrink-0 place-items-center rounded-xl bg-gradient-to-br from-amber-400 to-rose-500 text-lg font-black text-white shadow-sm max-sm:size-8">N</span>
        <div className="min-w-0">
          <h1 className="truncate text-xl font-bold tracking-tight max-sm:text-lg">{t.common.appName}</h1>
          <p className="hidden truncate text-xs text-zinc-600 sm:block dark:text-zinc-400">{t.common.tagline}</p>
        </div>
        <div className="shrink-0">
          <UpstreamBadge upstream={upstream} t={t} />
        </div>
      </div>
      {/* A phone's second row starts here (the pieces below are ordered around it). */}
      <span aria-hidden className="basis-full max-sm:order-3 sm:hidden" />
      {/* On a phone its pieces are the header's own, placed in its two rows by order. */}
      <div className="contents sm:flex sm:flex-wrap sm:items-center sm:gap-2 xl:shrink-0 xl:flex-nowrap">
        <Account />
        <label className="sr-only" htmlFor="studio-language">{t.common.language}</label>
        <select
          id="studio-language"
          ref={language}
          value={locale}
          onChange={(e) => setLocale(e.target.value as Locale)}
          className="rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 max-sm:order-5 max-sm:text-xs dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="en">English</option>
          <option value="zh">中文</option>
        </select>
        <ThemeSwitch t={t} theme={theme} setTheme={setTheme} className="max-sm:order-6" />
      </div>
    </header>
  );
}
