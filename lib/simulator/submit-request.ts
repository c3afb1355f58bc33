import "server-only";
import { z } from "zod";
import {
  ASPECT_RATIOS,
  IMAGE_SIZES,
  MAX_PROMPT_LENGTH,
  MAX_REFERENCES,
  isModelId,
  type AspectRatio,
  type ImageSize,
  type ModelId,
} from "@/lib/models";
import { invalidRequest, modelNotFound } from "./errors";

// What the gateway accepts on POST /v1/videos. Extra fields pass, as they do on
// new-api; `null` counts as absent because JSON clients often send it.

const referenceUrl = z
  .string()
  .refine((v) => /^data:/i.test(v) || /^https?:\/\//i.test(v), "must be a data: URL or an http(s) URL");

const submitSchema = z.looseObject({
  model: z.string(),
  prompt: z
    .string()
    .max(MAX_PROMPT_LENGTH, `must be at most ${MAX_PROMPT_LENGTH} characters`)
    .refine((v) => v.trim().length > 0, "must not be empty"),
  metadata: z
    .looseObject({
      aspectRatio: z.enum(ASPECT_RATIOS).nullish(),
      urls: z.array(referenceUrl).max(MAX_REFERENCES, `at most ${MAX_REFERENCES} references`).nullish(),
      imageSize: z.enum(IMAGE_SIZES).nullish(),
    })
    .nullish(),
});

export type SubmitRequest = {
  model: ModelId;
  prompt: string;
  aspectRatio: AspectRatio;
  imageSize: ImageSize | undefined;
  urls: string[];
};

/** Parses a submit body, or gives the exact refusal the gateway would send. */
export async function parseSubmit(request: Request): Promise<{ ok: true; value: SubmitRequest } | { ok: false; response: Response }> {
  let raw: unknown;
  try {
    raw = JSON.parse(await request.text());
  } catch {
    return { ok: false, response: invalidRequest("Invalid request body: malformed JSON") };
  }
  // The model is checked before the rest: new-api's distributor picks a channel
  // by model before the relay looks at anything else.
  const model = (raw as { model?: unknown } | null)?.model;
  if (typeof model !== "string" || model === "") {
    return { ok: false, response: invalidRequest("model: is required") };
  }
  if (!isModelId(model)) return { ok: false, response: modelNotFound(model) };

  const parsed = submitSchema.safeParse(raw);
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`)
      .join("; ");
    return { ok: false, response: invalidRequest(message) };
  }
  const { prompt, metadata } = parsed.data;
  return {
    ok: true,
    value: {
      model,
      prompt,
      aspectRatio: metadata?.aspectRatio ?? "auto",
      imageSize: metadata?.imageSize ?? undefined,
      urls: metadata?.urls ?? [],
    },
  };
}
