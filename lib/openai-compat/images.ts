import "server-only";
import { createGenerations } from "@/lib/generations";
import type { ServiceDeps } from "@/lib/core/deps";
import type { Person } from "@/lib/core/person";
import type { OpenAiImageRequest } from "@/lib/contract";
import { logger } from "@/lib/log";
import { OpenAiError, openAiErrorResponse } from "./errors";
import { idempotencyKeyOf, requestHashOf } from "./idempotency";
import { readEditsRequest, readGenerationsRequest, toCreateInput } from "./request";
import { b64Response, urlResponse } from "./respond";
import { waitForGenerations, type Ended } from "./wait";

// /v1/images/generations and /v1/images/edits in two steps. Starting reads
// the request and makes the generations as the person (their limits, their
// name in the gallery), or finds the ones an Idempotency-Key already made.
// Answering waits for them and sends the pictures. The request's pictures
// live only in the first step: nothing the wait holds keeps them.

/** What the answer needs of a started request. */
export type Started = { ids: string[]; responseFormat: OpenAiImageRequest["response_format"] };

type StartInput = { deps: ServiceDeps; request: Request; person: Person };

/** POST /v1/images/generations: a JSON body. */
export async function startGenerations(input: StartInput): Promise<Started> {
  // The key first: an unusable one is refused before the body is read.
  const key = idempotencyKeyOf(input.request);
  const params = await readGenerationsRequest(input.request);
  const requestHash = key ? requestHashOf({ endpoint: "images.generations", params }) : undefined;
  return start(input, { params, key, requestHash });
}

/** POST /v1/images/edits: multipart with the pictures. */
export async function startEdits(input: StartInput): Promise<Started> {
  const key = idempotencyKeyOf(input.request);
  const { params, references, imageDigests } = await readEditsRequest(input.request);
  const requestHash = key ? requestHashOf({ endpoint: "images.edits", params, images: imageDigests }) : undefined;
  return start(input, { params, references, key, requestHash });
}

async function start(
  input: StartInput,
  request: { params: OpenAiImageRequest; references?: string[]; key?: string; requestHash?: string },
): Promise<Started> {
  const generations = await createGenerations(input.deps, {
    request: toCreateInput(request.params, request.references, request.key),
    person: input.person,
    requestHash: request.requestHash,
  });
  return { ids: generations.map((g) => g.id), responseFormat: request.params.response_format };
}

/**
 * Waits for the started generations and answers with their pictures. A replay
 * (same Idempotency-Key) comes here too: it waits for the first request's
 * pictures if they are still being made, and answers them.
 */
export async function answerImages(input: { deps: ServiceDeps; request: Request; started: Started; waitMs: number }): Promise<Response> {
  const { deps, started } = input;
  const ids = started.ids;
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
      `The pictures were not done after ${seconds} s. They are still being made and will appear in the studio's gallery: ${ids.join(", ")} (still in progress: ${outcome.pending.join(", ")}). ` +
        "Sending the same request again with the same Idempotency-Key waits for these pictures instead of making new ones.",
      { type: "timeout_error", code: "timeout" },
    );
  }
  const completed = outcome.generations.filter((g) => g.status === "completed").map((g) => g.id);
  if (completed.length === 0) throw allFailed(outcome.generations);
  const created = Math.floor(Date.now() / 1000);
  return started.responseFormat === "url"
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
