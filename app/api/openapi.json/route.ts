import { openApiJson } from "@/lib/openapi/document";
import { publicRoute } from "@/lib/server/route";

/** The OpenAPI 3.1 document of the studio's API: public, built once per process. */
export const GET = publicRoute(async () =>
  new Response(openApiJson(), {
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" },
  }),
);
