"use client";
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import type { AuthMode, Board, Generation } from "@/lib/contract";
import type { Dictionary, Locale } from "@/lib/i18n";
import { SWRConfig } from "swr";
import { BOARDS_KEY, useBoards } from "@/lib/client/use-boards";
import { useFeed, type Feed } from "@/lib/client/use-feed";
import { NO_FILTERS, type FeedStart } from "@/lib/contract-feed";
import { useUrlFilters } from "@/lib/client/use-url-filters";
import type { PageFilters } from "@/lib/client/page-url";
import { servedFilters } from "@/lib/client/served-filters";

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
  filters: PageFilters;
  setFilters(update: Partial<PageFilters>): void;
  /** The board page's board (as the boards list last read it), or null on the studio page. */
  board: Board | null;
  /** "Show batch": one request's pictures, kept in the URL (?batch=…) so Back and a reload keep it. */
  batch: string | null;
  setBatch(batch: string | null): void;
  /** A bulk run's pictures, each row's batch framed, kept in the URL (?run=…) like a batch. */
  run: string | null;
  setRun(run: string | null): void;
  /** Whether the page has a composer for "Remix" and "Use as reference" to fill. */
  hasComposer: boolean;
  feed: Feed;
  /** What the server read for this page: the session (GET /api/session) as the header first shows it. */
  initial: FeedStart;
  /** The picture the page's address opens (/p/<id>, a board's ?p=), read with the page. */
  picture?: Generation;
  /** The address named a picture there is none of (or none the person may see). */
  pictureMissing?: boolean;
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
  picture?: Generation;
  pictureMissing?: boolean;
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
  // Search and filters live in the address (?q=…&model=…, ?batch=…, ?run=…): a reload or a link keeps them.
  const { filters, setFilters, batch, setBatch, run, setRun } = useUrlFilters();
  const board = usePageBoard(props.board);
  const boardId = board?.id;
  const feedFilters = useMemo(() => ({ ...filters, board: boardId }), [filters, boardId]);
  // The server read its first page under the address's filters; another filter starts empty.
  const served = props.initial;
  const initialFilters = useMemo(() => servedFilters(served) ?? { ...NO_FILTERS, board: boardId }, [served, boardId]);
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
      run,
      setRun,
      hasComposer,
      feed,
      initial: props.initial,
      picture: props.picture,
      pictureMissing: props.pictureMissing,
    }),
    [
      props.t, props.locale, setLocale, theme, setTheme, props.upstream, props.user, props.role, props.auth, filters, setFilters,
      board, batch, setBatch, run, setRun, hasComposer, feed, props.initial, props.picture, props.pictureMissing,
    ],
  );
  return <StudioContext.Provider value={value}>{props.children}</StudioContext.Provider>;
}

/** The page's board, kept current by the boards list (a rename shows at once). */
function usePageBoard(initialBoard: Board | undefined): Board | null {
  const { boards } = useBoards();
  return initialBoard ? (boards?.find((b) => b.id === initialBoard.id) ?? initialBoard) : null;
}

export function useStudio(): StudioContextValue {
  const value = useContext(StudioContext);
  if (!value) throw new Error("useStudio outside StudioProvider");
  return value;
}
