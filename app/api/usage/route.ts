import { usageQuerySchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { usageReport } from "@/lib/usage/report";
import { getDeps } from "@/lib/wiring";
import { json, searchParamsObject } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

/** Pictures, failures and spend by day, person or model; members see their own. */
export const GET = apiRoute(async ({ request, viewer }) => {
  const query = usageQuerySchema.safeParse(searchParamsObject(request.url));
  if (!query.success) throw validationError(query.error, "query");
  return json(await usageReport(await getDeps(), { query: query.data, viewer }));
});
