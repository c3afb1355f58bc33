import "server-only";
import type { OpenAiImageRequest } from "@/lib/contract";
import { createGenerations, type GenerationDeps, type Person } from "@/lib/generations";
import { logger } from "@/lib/log";
import { OpenAiError, openAiErrorResponse } from "./errors";
import { toCreateInput } from "./request";
import { b64Response, urlResponse } from "./respond";
import { waitForGenerations, type Ended } from "./wait";

/**
 * /v1/images/generations and /v1/images/edits after their request is read:
 * the generations are made as the person (their limits, their name in the
 * gallery), then the request waits for them and answers with the pictures.
 */
export async function makeImages(input: {
  deps: GenerationDeps;
  request: Request;
  person: Person;
  params: OpenAiImageRequest;
  references?: string[];
  waitMs: number;
}): Promise<Response> {
  const { deps, params } = input;
  const generations = await createGenerations(deps, { request: toCreateInput(params, input.references), person: input.person });
  const ids = generations.map((g) => g.id);
  const outcome = await waitForGenerations({ db: deps.db, ids, timeoutMs: input.waitMs, signal: input.request.signal });

  if (outcome.kind === "aborted") {
    // Nobody is listening any more; the pictures still finish into the gallery.
    logger.info({ generations: ids }, "image request closed by the client before its pictures were done");
    return openAiErrorResponse(
      new OpenAiError(499, "The request was closed before the pictures were done; they will still appear in the studio's gallery", { type: "client_closed", code: "client_closed" }),
    );
  }
  if (outcome.kind === "timeout") {
    const seconds = Math.round(input.waitMs / 1000);
    throw new OpenAiError(
      504,
      `The pictures were not done after ${seconds} s. They are still being made and will appear in the studio's gallery: ${ids.join(", ")} (still in progress: ${outcome.pending.join(", ")}).`,
      { type: "timeout_error", code: "timeout" },
    );
  }
  const completed = outcome.generations.filter((g) => g.status === "completed").map((g) => g.id);
  if (completed.length === 0) throw allFailed(outcome.generations);
  const created = Math.floor(Date.now() / 1000);
  return params.response_format === "url"
    ? urlResponse({ deps, request: input.request, ids: completed, created })
    : b64Response({ deps, ids: completed, created });
}

function allFailed(generations: Ended[]): OpenAiError {
  const first = generations[0];
  const more = generations.length > 1 ? ` (all ${generations.length} pictures failed: ${generations.map((g) => g.id).join(", ")})` : ` (${first.id})`;
  return new OpenAiError(502, `The picture could not be made: ${first.errorMessage ?? "the gateway gave no reason"}${more}`, {
    type: "upstream_error",
    code: first.errorCode ?? "generation_failed",
  });
}
