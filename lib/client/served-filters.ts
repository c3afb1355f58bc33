import type { FeedStart } from "@/lib/contract-feed";
import type { PageFilters } from "./page-url";

/**
 * The filters the server's first page really answers. The page reads ?run=
 * with its filters (lib/server/page-filters.ts), but lib/server/feed-start.ts
 * lists by the feed's own filters only, which name no run yet. A served
 * page holding a picture of no run or of another is the gallery without the
 * run: the run's list is then asked for in the browser, and leaving the run
 * shows the served page at once. A page of the run's pictures only is the
 * run's (or, the gallery's first page being all this run's, as good as).
 */
export function servedFilters(start: Pick<FeedStart, "filters" | "firstPage"> | undefined): PageFilters | undefined {
  const served: PageFilters | undefined = start?.filters;
  if (!served?.run || start!.firstPage.items.every((g) => g.runId === served.run)) return served;
  const { run: _unlisted, ...listed } = served;
  return listed;
}
