import "server-only";
import type { z } from "zod";
import { listGenerationsQuerySchema } from "@/lib/contract";
import type { PageFilters } from "@/lib/client/page-url";

type PageQuery = Record<string, string | string[] | undefined>;

const shape = listGenerationsQuerySchema.shape;

/**
 * The gallery's filters as a studio page's query names them (?q, ?model,
 * ?status, ?favorites, ?mine, ?batch, ?run, ?versions), each checked with the API's own
 * schema: a value that does not pass is no filter (a hand-edited or stale
 * link still opens the studio), never an error. The browser reads the same
 * names without zod (lib/client/page-url.ts); both must agree.
 */
export function pageFiltersOf(query: PageQuery): PageFilters {
  const batch = valid(shape.batch, first(query.batch));
  const run = valid(shape.run, first(query.run));
  const versions = valid(shape.versions, first(query.versions));
  return {
    q: valid(shape.q, first(query.q)) ?? "",
    model: valid(shape.model, first(query.model)) ?? "",
    status: valid(shape.status, first(query.status)) ?? "all",
    favorite: valid(shape.favorite, first(query.favorites)) ?? false,
    mine: valid(shape.mine, first(query.mine)) ?? false,
    ...(batch ? { batch } : {}),
    ...(run ? { run } : {}),
    ...(versions ? { versions } : {}),
  };
}

/** A repeated parameter counts once, as URLSearchParams.get reads it in the browser. */
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function valid<T extends z.ZodType>(schema: T, value: string | undefined): z.output<T> | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
