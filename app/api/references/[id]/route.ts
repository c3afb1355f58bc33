import { referenceIdSchema } from "@/lib/contract";
import { StudioError } from "@/lib/errors";
import { openReference } from "@/lib/generations";
import { getDeps } from "@/lib/wiring";
import { fileResponse } from "@/lib/server/files";
import { apiRoute, type IdContext } from "@/lib/server/route";

export const GET = apiRoute<IdContext>(async ({ request, viewer, context }) => {
  const id = referenceIdSchema.safeParse((await context.params).id);
  if (!id.success) throw new StudioError("not_found", "There is no reference image with this id");
  const download = new URL(request.url).searchParams.get("download") === "1";
  return fileResponse(request, await openReference(await getDeps(), { id: id.data, viewer }), { download });
});
