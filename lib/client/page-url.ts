// What a studio page's address says: which picture the viewer shows, and the
// gallery's search and filters (names settled in studio-api.md, "Pages").
// Pure, and free of zod: it runs in every studio page's first script, and its
// checks agree with listGenerationsQuerySchema (lib/server/page-filters.ts
// reads the same names through that schema; page-url.test.ts compares them).
import type { FeedFilters, StatusFilter } from "@/lib/contract-feed";
import { GENERATION_ID, RUN_ID } from "@/lib/contract-values";
import { MODEL_IDS } from "@/lib/models";
import { isBatchId } from "./batches";

/** The gallery's filters as query parameters of / (and of a board page), in the order they are written. */
export const FILTER_PARAMS = ["q", "model", "status", "favorites", "mine", "batch", "run", "versions"] as const;
/** The open picture on a board page: /boards/<id>?p=<picture id>. */
export const PICTURE_PARAM = "p";

// A retry's id carries a "0" per retry in place: GENERATION_ID says which.
const PICTURE_ID = GENERATION_ID;
const PICTURE_PATH = new RegExp(`^/p/(${GENERATION_ID.source.slice(1, -1)})$`);
// Any /p/<something>: a picture's page, even when <something> names none (it answers 404 with the gallery).
const PICTURE_ROUTE = /^\/p\/[^/]+$/;
const BOARD_PATH = /^\/boards\/brd_[0-9A-HJKMNP-TV-Z]{26}$/;
// As the API's `q` (trimmed, at most 200 characters).
const MAX_QUERY = 200;
const STATUSES: readonly string[] = ["active", "completed", "failed"] satisfies StatusFilter[];
const FLAGS = ["1", "true"];

/**
 * The gallery's filters as a studio page's address names them: the feed's,
 * and one bulk run's pictures (?run=, issue 24). The run rides beside
 * FeedFilters (lib/contract-feed.ts, not ours to change) until it names it.
 */
export type PageFilters = FeedFilters & { run?: string };

/** A `?run=` value worth asking the server for (a run's id, as listGenerationsQuerySchema checks it). */
export const isRunId = (value: string | null | undefined): value is string => typeof value === "string" && RUN_ID.test(value);

/** Anything with URLSearchParams' get (useSearchParams() answers one too). */
type Query = { get(name: string): string | null };
export type Place = { pathname: string; search: URLSearchParams };

/** The filters a query names; a value that is not one of a filter's is ignored (no filter), never an error. */
export function filtersFromQuery(query: Query): PageFilters {
  const q = query.get("q") ?? "";
  const model = query.get("model") ?? "";
  const status = query.get("status") ?? "";
  const batch = query.get("batch");
  const run = query.get("run");
  return {
    q: q.trim().length <= MAX_QUERY ? q : "",
    model: (MODEL_IDS as readonly string[]).includes(model) ? model : "",
    status: STATUSES.includes(status) ? (status as StatusFilter) : "all",
    favorite: FLAGS.includes(query.get("favorites") ?? ""),
    mine: FLAGS.includes(query.get("mine") ?? ""),
    ...(isBatchId(batch) ? { batch } : {}),
    ...(isRunId(run) ? { run } : {}),
    ...(query.get("versions") === "all" ? { versions: "all" as const } : {}),
  };
}

/** `search` with its filter parameters replaced by `filters` (set ones only, first); other parameters stay as they were. */
export function queryWithFilters(search: URLSearchParams, filters: PageFilters): URLSearchParams {
  const next = new URLSearchParams();
  if (filters.q.trim()) next.set("q", filters.q);
  if (filters.model) next.set("model", filters.model);
  if (filters.status !== "all") next.set("status", filters.status);
  if (filters.favorite) next.set("favorites", "1");
  if (filters.mine) next.set("mine", "1");
  if (filters.batch) next.set("batch", filters.batch);
  if (filters.run) next.set("run", filters.run);
  if (filters.versions === "all") next.set("versions", "all");
  for (const [name, value] of search) {
    if (!(FILTER_PARAMS as readonly string[]).includes(name)) next.append(name, value);
  }
  return next;
}

/** The picture the address opens: /p/<id>, or ?p=<id> on a board page. */
export function pictureIdOf(place: { pathname: string; search: Query }): string | null {
  const match = PICTURE_PATH.exec(place.pathname);
  if (match) return match[1];
  const id = BOARD_PATH.test(place.pathname) ? place.search.get(PICTURE_PARAM) : null;
  return id && PICTURE_ID.test(id) ? id : null;
}

/** The address of picture `id` opened over the gallery at `place`: the gallery's query goes along. */
export function pictureHref(place: Place, id: string): string {
  if (BOARD_PATH.test(place.pathname)) {
    const search = new URLSearchParams(place.search);
    search.set(PICTURE_PARAM, id);
    return `${place.pathname}?${search}`;
  }
  return `/p/${id}${queryString(withoutPicture(place.search))}`;
}

/** The address of the gallery under the viewer at `place` (the studio's for /p/<id>). */
export function galleryHref(place: Place): string {
  const pathname = PICTURE_ROUTE.test(place.pathname) ? "/" : place.pathname;
  return `${pathname}${queryString(withoutPicture(place.search))}`;
}

/** Whether `pathname` is a picture's own page (/p/<id>), not a gallery's. */
export const isPicturePath = (pathname: string) => PICTURE_ROUTE.test(pathname);

function withoutPicture(search: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(search);
  next.delete(PICTURE_PARAM);
  return next;
}

const queryString = (search: URLSearchParams) => {
  const text = search.toString();
  return text ? `?${text}` : "";
};
