import { getConfig } from "@/lib/config";
import { makeImages } from "@/lib/openai/images";
import { readGenerationsRequest } from "@/lib/openai/request";
import { openAiRoute } from "@/lib/openai/route";
import { getDeps } from "@/lib/wiring";

/**
 * POST /v1/images/generations (JSON: model, prompt, n, size, response_format,
 * aspect_ratio, image_size) → { created, data: [{ b64_json } | { url }] }
 * once the pictures are done (up to STUDIO_SYNC_WAIT_MS).
 */
export const POST = openAiRoute(async ({ request, viewer }) => {
  const params = await readGenerationsRequest(request);
  return makeImages({ deps: await getDeps(), request, person: viewer, params, waitMs: getConfig().syncWaitMs });
});
