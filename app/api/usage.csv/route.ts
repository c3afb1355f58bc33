import { usageQuerySchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { usageCsv } from "@/lib/usage/csv";
import { usageReport } from "@/lib/usage/report";
import { getDeps } from "@/lib/wiring";
import { searchParamsObject } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

/** The usage report as a CSV download. */
export const GET = apiRoute(async ({ request, viewer }) => {
  const query = usageQuerySchema.safeParse(searchParamsObject(request.url));
  if (!query.success) throw validationError(query.error, "query");
  const report = await usageReport(await getDeps(), { query: query.data, viewer });
  return new Response(usageCsv(report), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="usage-${report.groupBy}-${report.from}-to-${report.to}.csv"`,
      "cache-control": "no-store",
    },
  });
});
