import { imageQuerySchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { openSharedImage } from "@/lib/shares/view";
import { getDeps } from "@/lib/wiring";
import { fileResponse } from "@/lib/server/files";
import { searchParamsObject } from "@/lib/server/http";
import { publicRoute } from "@/lib/server/route";

type Context = { params: Promise<{ token: string; id: string }> };
const querySchema = imageQuerySchema.pick({ variant: true, download: true });

/**
 * A picture of a share page, for anyone with the link (rate-limited by the
 * proxy). Unlike /api/images, never cached as immutable: a revoked or expired
 * link must stop showing the picture, so browsers and proxies keep it five
 * minutes at most and then ask again (an ETag makes that a 304).
 */
export const GET = publicRoute<Context>(async ({ request, context }) => {
  const { token, id } = await context.params;
  const query = querySchema.safeParse(searchParamsObject(request.url));
  if (!query.success) throw validationError(query.error, "query");
  const file = await openSharedImage(await getDeps(), { token, id, variant: query.data.variant });
  const response = await fileResponse(request, file, { download: query.data.download });
  response.headers.set("cache-control", "private, max-age=300");
  response.headers.set("x-robots-tag", "noindex");
  return response;
});
