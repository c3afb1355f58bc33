// What a studio page and its gallery agree on besides the HTTP API: the
// gallery's filters, and what the server reads with the page so the browser
// starts from it (lib/server/feed-start.ts writes it, lib/client/use-feed.ts
// reads it). Browser-safe and without zod, like contract-values.ts: the
// page's first-load code needs it.
import type { ApiTokenPage, ListBoardsResponse, ListGenerationsResponse, SessionInfo, UsageResponse } from "./contract";

export type StatusFilter = "all" | "completed" | "failed" | "active";

export type FeedFilters = {
  q: string;
  model: string;
  favorite: boolean;
  mine: boolean;
  status: StatusFilter;
  /** The board page's board (fixed for the page, not one of the toolbar's filters). */
  board?: string;
  /** One request's pictures ("Show batch"; kept in the page's URL). */
  batch?: string;
  /** One bulk run's pictures, every row's batch (?run=, kept in the page's URL). */
  run?: string;
  /**
   * `all`: every version of every tree ("Every version"); unset, one card per
   * tree, its newest version. A view, not a narrowing: it hides nothing, so
   * "Clear filters" leaves it as it is (NO_FILTERS does not name it).
   */
  versions?: "all";
};

export const NO_FILTERS: FeedFilters = { q: "", model: "", favorite: false, mine: false, status: "all" };

/** Read by the server with the page: SWR starts from these instead of asking. */
export type FeedStart = {
  session: SessionInfo;
  firstPage: ListGenerationsResponse;
  active: ListGenerationsResponse;
  /** The filters the server read firstPage for (the page's query: a reload of /?q=…&model=…, a board). */
  filters?: FeedFilters;
  /** The first page of the boards the person sees, read with the page (the board bar's first paint). */
  boards?: ListBoardsResponse;
};

/** /usage's three reports for its first range, as GET /api/usage answers them (lib/server/usage-start.ts). */
export type UsageStart = { day: UsageResponse; user: UsageResponse; template: UsageResponse };

/** /tokens' first page of one's own tokens, and of everyone's for an admin, as GET /api/tokens answers them (lib/server/tokens-start.ts). */
export type TokensStart = { mine: ApiTokenPage; everyone: ApiTokenPage | null };
