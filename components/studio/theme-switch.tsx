"use client";
import type { Dictionary } from "@/lib/i18n";
import type { Theme } from "./studio-context";

const THEMES: Theme[] = ["system", "light", "dark"];

/**
 * System, light or dark. From sm up the radios carry their words; on a phone
 * they show icons (the words stay their names, and their titles), so the
 * header keeps to two rows.
 */
export function ThemeSwitch(props: { t: Dictionary; theme: Theme; setTheme(theme: Theme): void; className?: string }) {
  const { t } = props;
  const label: Record<Theme, string> = { system: t.common.themeSystem, light: t.common.themeLight, dark: t.common.themeDark };
  return (
    <div role="radiogroup" aria-label={t.common.theme} className={`flex rounded-lg border border-zinc-300 bg-white p-0.5 shadow-sm dark:border-zinc-700 dark:bg-zinc-900 ${props.className ?? ""}`}>
      {THEMES.map((value) => (
        <button
          key={value}
          type="button"
          role="radio"
          aria-checked={props.theme === value}
          title={label[value]}
          onClick={() => props.setTheme(value)}
          className="rounded-md px-2 py-1 text-xs font-medium text-zinc-600 aria-checked:bg-zinc-900 aria-checked:text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 max-sm:px-1 dark:text-zinc-300 dark:aria-checked:bg-zinc-100 dark:aria-checked:text-zinc-900"
        >
          <ThemeIcon theme={value} />
          <span className="max-sm:sr-only">{label[value]}</span>
        </button>
      ))}
    </div>
  );
}

function ThemeIcon({ theme }: { theme: Theme }) {
  return (
    <svg aria-hidden viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" className="block size-4 sm:hidden">
      {theme === "system" && <path d="M4 5h16v11H4zM9 20h6M12 16v4" />}
      {theme === "light" && <path d="M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />}
      {theme === "dark" && <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z" />}
    </svg>
  );
}
