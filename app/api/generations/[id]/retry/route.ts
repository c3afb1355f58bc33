import { generationIdSchema, retryGenerationSchema } from "@/lib/contract";
import { StudioError, validationError } from "@/lib/errors";
import { retryGeneration } from "@/lib/generations";
import { getDeps } from "@/lib/wiring";
import { json, readOptionalJsonBody } from "@/lib/server/http";
import { apiRoute, type IdContext } from "@/lib/server/route";

export const POST = apiRoute<IdContext>(async ({ request, viewer, context }) => {
  const id = generationIdSchema.safeParse((await context.params).id);
  if (!id.success) throw new StudioError("not_found", "There is no generation with this id");
  const body = retryGenerationSchema.safeParse((await readOptionalJsonBody(request)) ?? {});
  if (!body.success) throw validationError(body.error);
  const generations = await retryGeneration(await getDeps(), { id: id.data, person: viewer, idempotencyKey: body.data.idempotencyKey });
  return json({ generations }, { status: 201 });
});
