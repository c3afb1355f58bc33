import { generationIdSchema, patchGenerationSchema } from "@/lib/contract";
import { StudioError, validationError } from "@/lib/errors";
import { deleteGeneration, getDeps, getGeneration, setFavorite } from "@/lib/generations";
import { errorResponse, json, readJsonBody } from "@/lib/server/http";
import { currentUser } from "@/lib/server/user";

type Context = { params: Promise<{ id: string }> };

async function parseId(context: Context): Promise<string> {
  const id = generationIdSchema.safeParse((await context.params).id);
  if (!id.success) throw new StudioError("not_found", "There is no generation with this id");
  return id.data;
}

export async function GET(request: Request, context: Context) {
  try {
    await currentUser(request);
    return json(await getGeneration(getDeps(), await parseId(context)));
  } catch (error) {
    return errorResponse(error);
  }
}

export async function PATCH(request: Request, context: Context) {
  try {
    await currentUser(request);
    const id = await parseId(context);
    const body = patchGenerationSchema.safeParse(await readJsonBody(request));
    if (!body.success) throw validationError(body.error);
    return json(await setFavorite(getDeps(), { id, favorite: body.data.favorite }));
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(request: Request, context: Context) {
  try {
    const user = await currentUser(request);
    await deleteGeneration(getDeps(), { id: await parseId(context), user });
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
