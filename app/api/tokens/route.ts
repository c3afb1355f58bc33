import { getConfig } from "@/lib/config";
import { createTokenSchema, listTokensQuerySchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { issueToken, listTokens } from "@/lib/accounts/tokens";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody, searchParamsObject } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

// Tokens are made and listed only from a signed-in browser: a
// token gets 403 here, so a stolen one cannot mint its own successors.

/** The caller's API tokens, without secrets, newest first in pages; `?all=1`: everyone's (admins only). */
export const GET = apiRoute(
  async ({ request, viewer }) => {
    const query = listTokensQuerySchema.safeParse(searchParamsObject(request.url));
    if (!query.success) throw validationError(query.error, "query");
    const { all, cursor, limit } = query.data;
    return json(await listTokens(await getDeps(), { viewer, all: all ?? false, cursor, limit }));
  },
  { auth: "browser" },
);

/** A new token for the caller: the only answer that carries its secret. At most STUDIO_MAX_TOKENS per person. */
export const POST = apiRoute(
  async ({ request, viewer }) => {
    const body = createTokenSchema.safeParse(await readJsonBody(request));
    if (!body.success) throw validationError(body.error);
    return json(await issueToken(await getDeps(), { viewer, ...body.data, maxPerUser: getConfig().maxTokensPerPerson }), { status: 201 });
  },
  { auth: "browser" },
);
