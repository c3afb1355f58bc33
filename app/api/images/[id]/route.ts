import { generationIdSchema, imageQuerySchema } from "@/lib/contract";
import { StudioError, validationError } from "@/lib/errors";
import { openImage } from "@/lib/generations";
import { getDeps } from "@/lib/wiring";
import { fileResponse } from "@/lib/server/files";
import { searchParamsObject } from "@/lib/server/http";
import { apiRoute, type IdContext } from "@/lib/server/route";

export const GET = apiRoute<IdContext>(async ({ request, context }) => {
  const id = generationIdSchema.safeParse((await context.params).id);
  if (!id.success) throw new StudioError("not_found", "There is no picture with this id");
  const query = imageQuerySchema.safeParse(searchParamsObject(request.url));
  if (!query.success) throw validationError(query.error, "query");
  const file = await openImage(await getDeps(), { id: id.data, variant: query.data.variant });
  return fileResponse(request, file, { download: query.data.download });
});
