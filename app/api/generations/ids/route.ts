import { generationIdsQuerySchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { listGenerationIds } from "@/lib/generations";
import { getDeps } from "@/lib/wiring";
import { json, searchParamsObject } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

// "Select all N matching": whoever may read the list (a session or
// a token), with the list's filters, seeing what the list shows them.
export const GET = apiRoute(async ({ request, viewer }) => {
  const query = generationIdsQuerySchema.safeParse(searchParamsObject(request.url));
  if (!query.success) throw validationError(query.error, "query");
  return json(await listGenerationIds(await getDeps(), { query: query.data, viewer }));
});
