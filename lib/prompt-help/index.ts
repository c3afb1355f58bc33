import "server-only";
import type { StudioConfig } from "@/lib/config";
import type { PromptSuggestion } from "@/lib/contract-prompt";
import type { ServiceDeps } from "@/lib/core/deps";
import type { UserRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { GatewayError, type ChatClient, type ChatMessage } from "@/lib/gateway";
import { startOfNextUtcDay } from "@/lib/generations/quota";
import { referenceAsDataUrl } from "@/lib/generations/references";

// Help with the words: Improve rewrites a prompt and Describe turns a reference
// picture into one, through a chat model on the same gateway (STUDIO_PROMPT_MODEL;
// the simulator's demo-writer in demo mode). Only a suggestion is answered: the
// person's prompt is theirs to accept, edit or discard. Calls are counted per
// person and UTC day in the shared rate counters.

export type PromptHelpDeps = Pick<ServiceDeps, "db" | "store" | "referenceFetch" | "now"> & {
  chat: ChatClient;
  settings: StudioConfig["promptHelp"];
};

const IMPROVE_SYSTEM = [
  "You rewrite prompts for an image generation model.",
  "Make the user's prompt clearer and more vivid: subject, setting, composition, lighting, style, keeping everything the user asked for.",
  "Answer in the same language the user wrote in.",
  "Answer with the rewritten prompt only: no quotes, no explanations, no preamble.",
].join(" ");

const describeSystem = (locale: "en" | "zh") =>
  [
    "You write prompts for an image generation model.",
    "Look at the picture and write one prompt that would make a picture like it: subject, setting, composition, colours, lighting, style.",
    locale === "zh" ? "Answer in Simplified Chinese (简体中文)." : "Answer in English.",
    "Answer with the prompt only: no quotes, no explanations, no preamble.",
  ].join(" ");

/** The model, or 404 when the studio has none configured. */
function modelOf(deps: PromptHelpDeps): string {
  const { model } = deps.settings;
  if (!model) throw new StudioError("not_found", "Prompt help is off: the studio has no STUDIO_PROMPT_MODEL configured");
  return model;
}

/**
 * One more call of the person's today, or 429 naming the allowance. The row's
 * window is the day's end, so the per-minute limiters' pruning of windows
 * that started minutes ago never takes today's count.
 */
async function countCall(deps: PromptHelpDeps, viewer: UserRow): Promise<void> {
  const now = deps.now();
  const dayEnd = startOfNextUtcDay(now);
  const used = await deps.db.incrementRateCounter({ key: `prompt-help:${viewer.id}`, windowStart: dayEnd });
  const { perDay } = deps.settings;
  if (used <= perDay) return;
  throw new StudioError("quota_exceeded", `Prompt help limit reached: ${perDay} calls a day per person. It resets at midnight UTC.`, {
    retryAfterSeconds: Math.max(1, Math.ceil((dayEnd - now) / 1000)),
    limit: "promptHelpPerDay",
    resetsAt: new Date(dayEnd).toISOString(),
  });
}

/** The model's answer, or 502 naming the gateway's trouble (the key is never in it: the chat client scrubs it). */
async function ask(deps: PromptHelpDeps, model: string, messages: ChatMessage[]): Promise<PromptSuggestion> {
  try {
    return { prompt: stripQuotes(await deps.chat.complete({ model, messages })) };
  } catch (error) {
    if (GatewayError.is(error)) throw new StudioError("upstream_error", `Prompt help failed: ${error.message}. Your prompt is unchanged.`);
    throw error;
  }
}

/** A model that wraps its answer in quotes despite being asked not to. */
function stripQuotes(text: string): string {
  const m = /^["“「'](.*)["”」']$/su.exec(text);
  return (m ? m[1] : text).trim() || text;
}

export async function improvePrompt(deps: PromptHelpDeps, input: { viewer: UserRow; prompt: string }): Promise<PromptSuggestion> {
  const model = modelOf(deps);
  await countCall(deps, input.viewer);
  return ask(deps, model, [
    { role: "system", content: IMPROVE_SYSTEM },
    { role: "user", content: input.prompt },
  ]);
}

export async function describeReference(
  deps: PromptHelpDeps,
  input: { viewer: UserRow; reference: string; locale: "en" | "zh" },
): Promise<PromptSuggestion> {
  const model = modelOf(deps);
  // The picture is checked before it counts: a bad reference is the caller's 400, not a call.
  const url = await referenceAsDataUrl(deps, { value: input.reference, createdBy: input.viewer.name });
  await countCall(deps, input.viewer);
  return ask(deps, model, [
    { role: "system", content: describeSystem(input.locale) },
    {
      role: "user",
      content: [
        { type: "text", text: input.locale === "zh" ? "请为这张图写一个提示词。" : "Write a prompt for this picture." },
        { type: "image_url", image_url: { url } },
      ],
    },
  ]);
}
