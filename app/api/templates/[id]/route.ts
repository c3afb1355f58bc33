import { patchTemplateSchema } from "@/lib/contract-templates";
import { validationError } from "@/lib/errors";
import { deleteTemplate, getTemplate, updateTemplate } from "@/lib/templates";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody } from "@/lib/server/http";
import { apiRoute, type IdContext } from "@/lib/server/route";

export const GET = apiRoute<IdContext>(async ({ viewer, context }) =>
  json(await getTemplate(await getDeps(), { id: (await context.params).id, viewer })),
);

/** Changes the template (its owner, or an admin for a team one). */
export const PATCH = apiRoute<IdContext>(async ({ request, viewer, context }) => {
  const body = patchTemplateSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw validationError(body.error);
  return json(await updateTemplate(await getDeps(), { id: (await context.params).id, viewer, patch: body.data }));
});

/** Deletes the template; the pictures it made stay. */
export const DELETE = apiRoute<IdContext>(async ({ viewer, context }) => {
  await deleteTemplate(await getDeps(), { id: (await context.params).id, viewer });
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});
