"use client";
import { useRef } from "react";
import { UpstreamBadge } from "@/components/upstream-badge";
import { useEnteredBeforeHydration } from "@/lib/client/use-entered-before-hydration";
import { Account } from "./account";
import { useStudio, type Theme } from "./studio-context";
import type { Locale } from "@/lib/i18n";

const THEMES: Theme[] = ["system", "light", "dark"];

/**
 * Title, which upstream is in use, the account, and the language and theme
 * switches (remembered in cookies). On wide screens (xl) the row never wraps: when
 * the account's chips arrive (or a budget adds one) the tagline gives way,
 * so the header keeps its height.
 */
export function StudioHeader() {
  const { t, locale, setLocale, theme, setTheme, upstream } = useStudio();
  const themeLabel: Record<Theme, string> = { system: t.common.themeSystem, light: t.common.themeLight, dark: t.common.themeDark };
  const language = useRef<HTMLSelectElement>(null);
  useEnteredBeforeHydration(language, (picked) => {
    if (picked !== locale) setLocale(picked as Locale);
  });
  return (
    <header className="flex flex-wrap items-center justify-between gap-3 xl:flex-nowrap">
      <div className="flex min-w-0 items-center gap-3">
        <span aria-hidden className="grid size-9 shrink-0 place-items-center rounded-xl bg-gradient-to-br from-amber-400 to-rose-500 text-lg font-black text-white shadow-sm">N</span>
        <div className="min-w-0">
          <h1 className="truncate text-xl font-bold tracking-tight">{t.common.appName}</h1>
          <p className="hidden truncate text-xs text-zinc-600 sm:block dark:text-zinc-400">{t.common.tagline}</p>
        </div>
        <div className="shrink-0">
          <UpstreamBadge upstream={upstream} t={t} />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2 xl:shrink-0 xl:flex-nowrap">
        <Account />
        <label className="sr-only" htmlFor="studio-language">{t.common.language}</label>
        <select
          id="studio-language"
          ref={language}
          value={locale}
          onChange={(e) => setLocale(e.target.value as Locale)}
          className="rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="en">English</option>
          <option value="zh">中文</option>
        </select>
        <div role="radiogroup" aria-label={t.common.theme} className="flex rounded-lg border border-zinc-300 bg-white p-0.5 shadow-sm dark:border-zinc-700 dark:bg-zinc-900">
          {THEMES.map((value) => (
            <button
              key={value}
              type="button"
              role="radio"
              aria-checked={theme === value}
              onClick={() => setTheme(value)}
              className="rounded-md px-2 py-1 text-xs font-medium text-zinc-600 aria-checked:bg-zinc-900 aria-checked:text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:text-zinc-300 dark:aria-checked:bg-zinc-100 dark:aria-checked:text-zinc-900"
            >
              {themeLabel[value]}
            </button>
          ))}
        </div>
      </div>
    </header>
  );
}
