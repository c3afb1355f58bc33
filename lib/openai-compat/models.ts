import "server-only";
import type { z } from "zod";
import type { openAiModelsResponseSchema } from "@/lib/contract";
import { MODELS } from "@/lib/models";

/** The catalog has no dates; OpenAI's list wants one: the day these models came to the studio. */
const MODELS_CREATED = Date.UTC(2025, 10, 20) / 1000;

/** GET /v1/models: every model of lib/models.ts, as OpenAI lists its own. */
export function modelList(): z.infer<typeof openAiModelsResponseSchema> {
  return { object: "list", data: MODELS.map((m) => ({ id: m.id, object: "model", created: MODELS_CREATED, owned_by: "nano-studio" })) };
}
