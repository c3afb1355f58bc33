import { createShareSchema, listSharesQuerySchema } from "@/lib/contract";
import { getConfig } from "@/lib/config";
import { validationError } from "@/lib/errors";
import { createShare } from "@/lib/shares/commands";
import { listShares } from "@/lib/shares/list";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody, searchParamsObject } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

/**
 * Share links without their tokens, a page at a time: the caller's own;
 * `?all=1` everyone's (admins only); `?showing=mine` the live links, whoever
 * made them, that show a picture the caller made.
 */
export const GET = apiRoute(async ({ request, viewer }) => {
  const query = listSharesQuerySchema.safeParse(searchParamsObject(request.url));
  if (!query.success) throw validationError(query.error, "query");
  return json(await listShares(await getDeps(), { viewer, query: query.data }));
});

/** A new link to a picture or a board: the only answer that carries its URL. Past STUDIO_MAX_SHARE_LINKS live ones, 429. */
export const POST = apiRoute(async ({ request, viewer }) => {
  const body = createShareSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw validationError(body.error);
  return json(await createShare(await getDeps(), { viewer, ...body.data, maxLive: getConfig().shareLinksPerPerson }), { status: 201 });
});
