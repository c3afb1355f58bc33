import { improvePromptSchema } from "@/lib/contract-prompt";
import { validationError } from "@/lib/errors";
import { improvePrompt } from "@/lib/prompt-help";
import { getPromptHelpDeps } from "@/lib/wiring";
import { json, readJsonBody } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

/** The prompt rewritten by STUDIO_PROMPT_MODEL, in its own language: a suggestion only. 404 when off, 429 past the day's allowance, 502 naming the gateway's trouble. */
export const POST = apiRoute(async ({ request, viewer }) => {
  const body = improvePromptSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw validationError(body.error);
  return json(await improvePrompt(await getPromptHelpDeps(), { viewer, prompt: body.data.prompt }));
});
