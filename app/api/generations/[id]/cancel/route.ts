import { generationIdSchema } from "@/lib/contract";
import { StudioError } from "@/lib/errors";
import { cancelGeneration } from "@/lib/generations";
import { getDeps } from "@/lib/wiring";
import { json } from "@/lib/server/http";
import { apiRoute, type IdContext } from "@/lib/server/route";

export const POST = apiRoute<IdContext>(async ({ viewer, context }) => {
  const id = generationIdSchema.safeParse((await context.params).id);
  if (!id.success) throw new StudioError("not_found", "There is no generation with this id");
  return json(await cancelGeneration(await getDeps(), { id: id.data, viewer }));
});
