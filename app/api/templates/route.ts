import { createTemplateSchema } from "@/lib/contract-templates";
import { validationError } from "@/lib/errors";
import { createTemplate, listTemplates } from "@/lib/templates";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

/** Every team template and the caller's private ones, by name. */
export const GET = apiRoute(async ({ viewer }) => json(await listTemplates(await getDeps(), { viewer })));

/** A new template of the caller's (a copy of another: its fields, posted). */
export const POST = apiRoute(async ({ request, viewer }) => {
  const body = createTemplateSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw validationError(body.error);
  return json(await createTemplate(await getDeps(), { viewer, template: body.data }), { status: 201 });
});
