import { createTokenSchema, listTokensQuerySchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { issueToken, listTokens } from "@/lib/accounts/tokens";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody, searchParamsObject } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

/** The caller's API tokens, without secrets; `?all=1`: everyone's (admins only). */
export const GET = apiRoute(async ({ request, viewer }) => {
  const query = listTokensQuerySchema.safeParse(searchParamsObject(request.url));
  if (!query.success) throw validationError(query.error, "query");
  return json({ items: await listTokens(await getDeps(), { viewer, all: query.data.all ?? false }) });
});

/** A new token for the caller: the only answer that carries its secret. */
export const POST = apiRoute(async ({ request, viewer }) => {
  const body = createTokenSchema.safeParse(await readJsonBody(request, 16 * 1024));
  if (!body.success) throw validationError(body.error);
  return json(await issueToken(await getDeps(), { viewer, ...body.data }), { status: 201 });
});
