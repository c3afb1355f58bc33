import { createGenerationSchema, listGenerationsQuerySchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { createGenerations, listGenerations } from "@/lib/generations";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody, searchParamsObject } from "@/lib/server/http";
import { listingTag, matchesTag, notModified } from "@/lib/server/list-etag";
import { apiRoute } from "@/lib/server/route";

// With an ETag: a gallery that asks again with If-None-Match is answered 304,
// without the list query, while nothing it could show has changed (see
// lib/server/list-etag.ts for what the tag is made of).
export const GET = apiRoute(async ({ request, viewer }) => {
  const query = listGenerationsQuerySchema.safeParse(searchParamsObject(request.url));
  if (!query.success) throw validationError(query.error, "query");
  const deps = await getDeps();
  const etag = await listingTag(deps, { url: request.url, viewer, board: query.data.board });
  if (matchesTag(request, etag)) return notModified(etag);
  return json(await listGenerations(deps, { query: query.data, viewer }), { headers: { etag } });
});

// Up to five references as data URLs: the largest body of any route, STUDIO_BODY_LIMIT_BYTES.
export const POST = apiRoute(
  async ({ request, viewer }) => {
    const body = createGenerationSchema.safeParse(await readJsonBody(request));
    if (!body.success) throw validationError(body.error);
    const generations = await createGenerations(await getDeps(), { request: body.data, person: viewer });
    return json({ generations }, { status: 201 });
  },
  { maxBodyBytes: "configured" },
);
