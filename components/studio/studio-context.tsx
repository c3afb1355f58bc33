"use client";
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import type { AuthMode } from "@/lib/contract";
import type { Dictionary, Locale } from "@/lib/i18n";
import { NO_FILTERS, useFeed, type Feed, type FeedFilters, type FeedStart } from "@/lib/client/use-feed";

export type Theme = "light" | "dark" | "system";

type StudioContextValue = {
  t: Dictionary;
  locale: Locale;
  setLocale(locale: Locale): void;
  theme: Theme;
  setTheme(theme: Theme): void;
  upstream: "demo" | "gateway";
  user: string;
  auth: AuthMode;
  role: "admin" | "member";
  filters: FeedFilters;
  setFilters(update: Partial<FeedFilters>): void;
  feed: Feed;
  /** What the server read for this page: the session (GET /api/session) as the header first shows it. */
  initial: FeedStart;
};

const StudioContext = createContext<StudioContextValue | null>(null);

const YEAR = 60 * 60 * 24 * 365;
function remember(name: string, value: string) {
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=${YEAR}; samesite=lax`;
}

/** The page's shared state: language, theme, who is here, and the feed of generations. */
export function StudioProvider(props: {
  t: Dictionary;
  locale: Locale;
  theme: Theme;
  upstream: "demo" | "gateway";
  user: string;
  auth: AuthMode;
  role: "admin" | "member";
  initial: FeedStart;
  children: React.ReactNode;
}) {
  const router = useRouter();
  const [theme, setThemeState] = useState<Theme>(props.theme);
  const [filters, setFilterState] = useState<FeedFilters>(NO_FILTERS);
  const feed = useFeed({ filters, user: props.user, initial: props.initial });

  const setLocale = useCallback(
    (locale: Locale) => {
      remember("studio-locale", locale);
      // The server renders the page in the chosen language; typed text stays in client state.
      router.refresh();
    },
    [router],
  );
  const setTheme = useCallback((next: Theme) => {
    remember("studio-theme", next);
    const root = document.documentElement;
    root.classList.remove("light", "dark");
    if (next !== "system") root.classList.add(next);
    setThemeState(next);
  }, []);
  const setFilters = useCallback((update: Partial<FeedFilters>) => setFilterState((f) => ({ ...f, ...update })), []);

  const value = useMemo(
    () => ({ t: props.t, locale: props.locale, setLocale, theme, setTheme, upstream: props.upstream, user: props.user, role: props.role, auth: props.auth, filters, setFilters, feed, initial: props.initial }),
    [props.t, props.locale, setLocale, theme, setTheme, props.upstream, props.user, props.role, props.auth, filters, setFilters, feed, props.initial],
  );
  return <StudioContext.Provider value={value}>{props.children}</StudioContext.Provider>;
}

export function useStudio(): StudioContextValue {
  const value = useContext(StudioContext);
  if (!value) throw new Error("useStudio outside StudioProvider");
  return value;
}
