import { json } from "@/lib/server/http";
import { modelList } from "@/lib/openai-compat/models";
import { openAiRoute } from "@/lib/openai-compat/route";

/** GET /v1/models → { object: "list", data: [{ id, object: "model", created, owned_by }] }. */
export const GET = openAiRoute(async () => json(modelList()));
