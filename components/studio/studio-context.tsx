"use client";
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { AuthMode, Board } from "@/lib/contract";
import type { Dictionary, Locale } from "@/lib/i18n";
import { isBatchId } from "@/lib/client/batches";
import { SWRConfig } from "swr";
import { BOARDS_KEY, useBoards } from "@/lib/client/use-boards";
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
  /** The board page's board (as the boards list last read it), or null on the studio page. */
  board: Board | null;
  /** "Show batch": one request's pictures, kept in the URL (?batch=…) so Back and a reload keep it. */
  batch: string | null;
  setBatch(batch: string | null): void;
  /** Whether the page has a composer for "Remix" and "Use as reference" to fill. */
  hasComposer: boolean;
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
export type StudioProviderProps = {
  t: Dictionary;
  locale: Locale;
  theme: Theme;
  upstream: "demo" | "gateway";
  user: string;
  auth: AuthMode;
  role: "admin" | "member";
  initial: FeedStart;
  /** On a board page: the board as the server read it with the page. */
  board?: Board;
  hasComposer?: boolean;
  children: React.ReactNode;
};

/**
 * The page's shared state. The boards the server read with the page seed the
 * one SWR entry every board list reads, so the board bar is in the HTML and
 * hydration asks for nothing.
 */
export function StudioProvider(props: StudioProviderProps) {
  const boards = props.initial.boards;
  // The boards' first page, as SWR's infinite list holds its pages.
  const swr = useMemo(() => ({ fallback: boards ? { [BOARDS_KEY]: [boards] } : {} }), [boards]);
  return (
    <SWRConfig value={swr}>
      <StudioState {...props} />
    </SWRConfig>
  );
}

function StudioState(props: StudioProviderProps) {
  const router = useRouter();
  const [theme, setThemeState] = useState<Theme>(props.theme);
  const [filters, setFilterState] = useState<FeedFilters>(NO_FILTERS);
  const { board, batch, setBatch } = usePageScope(props.board);
  const boardId = board?.id;
  const feedFilters = useMemo(() => ({ ...filters, board: boardId, batch: batch ?? undefined }), [filters, boardId, batch]);
  const initialBatch = props.initial?.batch;
  const initialFilters = useMemo(() => ({ ...NO_FILTERS, board: boardId, batch: initialBatch }), [boardId, initialBatch]);
  const feed = useFeed({ filters: feedFilters, initialFilters, user: props.user, initial: props.initial });
  const hasComposer = props.hasComposer ?? true;

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
    () => ({
      t: props.t,
      locale: props.locale,
      setLocale,
      theme,
      setTheme,
      upstream: props.upstream,
      user: props.user,
      role: props.role,
      auth: props.auth,
      filters,
      setFilters,
      board,
      batch,
      setBatch,
      hasComposer,
      feed,
      initial: props.initial,
    }),
    [props.t, props.locale, setLocale, theme, setTheme, props.upstream, props.user, props.role, props.auth, filters, setFilters, board, batch, setBatch, hasComposer, feed, props.initial],
  );
  return <StudioContext.Provider value={value}>{props.children}</StudioContext.Provider>;
}

/**
 * The page's board (kept current by the boards list, so a rename shows at
 * once) and the batch filter from the URL. The batch goes into the address
 * with history.pushState, which Next.js folds into useSearchParams: Back
 * leaves the batch, and nothing is fetched from the server for the page.
 */
function usePageScope(initialBoard: Board | undefined) {
  const params = useSearchParams();
  const pathname = usePathname();
  const { boards } = useBoards();
  const board = initialBoard ? (boards?.find((b) => b.id === initialBoard.id) ?? initialBoard) : null;
  const raw = params.get("batch");
  const batch = isBatchId(raw) ? raw : null;
  const setBatch = useCallback(
    (next: string | null) => {
      const search = new URLSearchParams(window.location.search);
      if (next) search.set("batch", next);
      else search.delete("batch");
      const query = search.toString();
      window.history.pushState(null, "", `${pathname}${query ? `?${query}` : ""}`);
    },
    [pathname],
  );
  return { board, batch, setBatch };
}

export function useStudio(): StudioContextValue {
  const value = useContext(StudioContext);
  if (!value) throw new Error("useStudio outside StudioProvider");
  return value;
}
