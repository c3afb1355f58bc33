import { z } from "zod";
import { referenceInputSchema } from "@/lib/contract";

// Help with the words (studio-api.md, "Added 2026-12-07"): Improve rewrites a
// prompt, Describe turns a reference picture into one. Both answer a
// suggestion only; nothing the person wrote is changed on the server.

/** The longest prompt Improve takes (the composer's own prompts are shorter). */
export const MAX_IMPROVE_PROMPT = 4000;

/** POST /api/prompt/improve. */
export const improvePromptSchema = z.object({
  prompt: z.string().trim().min(1, { message: "is required" }).max(MAX_IMPROVE_PROMPT, { message: `at most ${MAX_IMPROVE_PROMPT} characters` }),
});

/** POST /api/prompt/describe: the picture, and the language of the studio's UI for the answer (default en). */
export const describeReferenceSchema = z.object({
  reference: referenceInputSchema,
  locale: z.enum(["en", "zh"]).default("en"),
});

/** Both answers: the suggested prompt. */
export const promptSuggestionSchema = z.object({ prompt: z.string() });
export type PromptSuggestion = z.infer<typeof promptSuggestionSchema>;
