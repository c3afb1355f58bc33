import { generationIdSchema, patchGenerationSchema } from "@/lib/contract";
import { StudioError, validationError } from "@/lib/errors";
import { deleteGeneration, getGeneration, setFavorite } from "@/lib/generations";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody } from "@/lib/server/http";
import { apiRoute, type IdContext } from "@/lib/server/route";

async function parseId(context: IdContext): Promise<string> {
  const id = generationIdSchema.safeParse((await context.params).id);
  if (!id.success) throw new StudioError("not_found", "There is no generation with this id");
  return id.data;
}

export const GET = apiRoute<IdContext>(async ({ viewer, context }) =>
  json(await getGeneration(await getDeps(), { id: await parseId(context), viewer })),
);

export const PATCH = apiRoute<IdContext>(async ({ request, viewer, context }) => {
  const id = await parseId(context);
  const body = patchGenerationSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw validationError(body.error);
  return json(await setFavorite(await getDeps(), { id, favorite: body.data.favorite, viewer }));
});

export const DELETE = apiRoute<IdContext>(async ({ viewer, context }) => {
  await deleteGeneration(await getDeps(), { id: await parseId(context), viewer });
  return new Response(null, { status: 204 });
});
