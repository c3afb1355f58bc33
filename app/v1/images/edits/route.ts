import { getConfig } from "@/lib/config";
import { withEditSlot } from "@/lib/openai-compat/edit-slots";
import { answerImages, startEdits } from "@/lib/openai-compat/images";
import { openAiRoute } from "@/lib/openai-compat/route";
import { getDeps } from "@/lib/wiring";

/**
 * POST /v1/images/edits (multipart: `image` or `image[]` files, prompt, model,
 * n, size, response_format, aspect_ratio, image_size; header Idempotency-Key)
 * → the same answer as generations, the pictures made from the files as
 * references. Any person (token or session), at most STUDIO_MAX_CONCURRENT_EDITS
 * of theirs being uploaded or sent at once (429 past it).
 */
export const POST = openAiRoute(async ({ request, viewer }) => {
  const deps = await getDeps();
  const config = getConfig();
  // The slot covers reading and submitting, while the pictures are in memory; not the wait.
  const started = await withEditSlot({ person: viewer.name, max: config.maxConcurrentEdits, request }, () => startEdits({ deps, request, person: viewer }));
  return answerImages({ deps, request, started, waitMs: config.syncWaitMs });
});
