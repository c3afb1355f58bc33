import { generationIdSchema } from "@/lib/contract";
import { StudioError } from "@/lib/errors";
import { listVersions } from "@/lib/generations";
import { getDeps } from "@/lib/wiring";
import { json } from "@/lib/server/http";
import { apiRoute, type IdContext } from "@/lib/server/route";

// Who may call it: any signed-in member or token (every member sees every
// picture); no session → 401. An unknown or deleted version → 404.
export const GET = apiRoute<IdContext>(async ({ viewer, context }) => {
  const id = generationIdSchema.safeParse((await context.params).id);
  if (!id.success) throw new StudioError("not_found", "There is no generation with this id");
  return json(await listVersions(await getDeps(), { id: id.data, viewer }));
});
