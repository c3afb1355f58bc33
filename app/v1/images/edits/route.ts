import { getConfig } from "@/lib/config";
import { makeImages } from "@/lib/openai/images";
import { readEditsRequest } from "@/lib/openai/request";
import { openAiRoute } from "@/lib/openai/route";
import { getDeps } from "@/lib/wiring";

/**
 * POST /v1/images/edits (multipart: `image` or `image[]` files, prompt, model,
 * n, size, response_format, aspect_ratio, image_size) → the same answer as
 * generations, the pictures made from the files as references.
 */
export const POST = openAiRoute(async ({ request, viewer }) => {
  const { params, references } = await readEditsRequest(request);
  return makeImages({ deps: await getDeps(), request, person: viewer, params, references, waitMs: getConfig().syncWaitMs });
});
