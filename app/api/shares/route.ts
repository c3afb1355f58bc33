import { createShareSchema, listSharesQuerySchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { createShare, listShares } from "@/lib/shares/commands";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody, searchParamsObject } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

/** The caller's share links, without their tokens; `?all=1`: everyone's (admins only). */
export const GET = apiRoute(async ({ request, viewer }) => {
  const query = listSharesQuerySchema.safeParse(searchParamsObject(request.url));
  if (!query.success) throw validationError(query.error, "query");
  return json({ items: await listShares(await getDeps(), { viewer, all: query.data.all ?? false }) });
});

/** A new link to a picture or a board: the only answer that carries its URL. */
export const POST = apiRoute(async ({ request, viewer }) => {
  const body = createShareSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw validationError(body.error);
  return json(await createShare(await getDeps(), { viewer, ...body.data }), { status: 201 });
});
