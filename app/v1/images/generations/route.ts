import { getConfig } from "@/lib/config";
import { answerImages, startGenerations } from "@/lib/openai-compat/images";
import { openAiRoute } from "@/lib/openai-compat/route";
import { getDeps } from "@/lib/wiring";

/**
 * POST /v1/images/generations (JSON: model, prompt, n, size, response_format,
 * aspect_ratio, image_size; header Idempotency-Key) → { created, data: [{ b64_json } | { url }] }
 * once the pictures are done (up to STUDIO_SYNC_WAIT_MS). Any person (token or session).
 */
export const POST = openAiRoute(async ({ request, viewer }) => {
  const deps = await getDeps();
  const started = await startGenerations({ deps, request, person: viewer });
  return answerImages({ deps, request, started, waitMs: getConfig().syncWaitMs });
});
