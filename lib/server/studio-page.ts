import "server-only";
import { getConfig } from "@/lib/config";
import { generationIdSchema, type Generation } from "@/lib/contract";
import type { FeedFilters } from "@/lib/contract-feed";
import type { UserRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { getGeneration } from "@/lib/generations";
import { dictionaries } from "@/lib/i18n";
import { getDeps } from "@/lib/wiring";
import { feedStartFor } from "./feed-start";
import { requestLocale, requestTheme } from "./preferences";

type PageQuery = Record<string, string | string[] | undefined>;

/**
 * What the studio's pages (/, /p/<id>, a board) render the studio with: the
 * person's language and theme, and what the client would ask for first under
 * the page's filters (feedStartFor), read with the page.
 */
export async function studioProps(user: UserRow, filters: Partial<FeedFilters>) {
  const [locale, theme, initial] = await Promise.all([requestLocale(), requestTheme(), feedStartFor(user, filters)]);
  const config = getConfig();
  return { t: dictionaries[locale], locale, theme, upstream: config.upstream, user: user.name, role: user.role, auth: config.auth.mode, initial };
}

/**
 * The picture a page opens in its viewer, or null: an id that is not one,
 * no such picture, a deleted one, one the person may not see and one that
 * has no picture yet (in progress or failed) are all the same null, so an
 * answer never tells that a picture exists.
 */
export async function openablePicture(viewer: UserRow, id: string | undefined): Promise<Generation | null> {
  if (!generationIdSchema.safeParse(id).success) return null;
  const picture = await getGeneration(await getDeps(), { id: id!, viewer }).catch((error: unknown) => {
    if (StudioError.is(error) && (error.code === "not_found" || error.code === "forbidden")) return null;
    throw error;
  });
  return picture?.status === "completed" && picture.image ? picture : null;
}

/** The page's own address (path and query), where sign-in brings a person back to. */
export function addressOf(pathname: string, query: PageQuery): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) search.append(name, one);
  }
  const text = search.toString();
  return text ? `${pathname}?${text}` : pathname;
}
