import { createGenerationSchema, listGenerationsQuerySchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { createGenerations, listGenerations } from "@/lib/generations";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody, searchParamsObject } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

export const GET = apiRoute(async ({ request, viewer }) => {
  const query = listGenerationsQuerySchema.safeParse(searchParamsObject(request.url));
  if (!query.success) throw validationError(query.error, "query");
  return json(await listGenerations(await getDeps(), { query: query.data, viewer }));
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
