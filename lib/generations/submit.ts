import "server-only";
import { NOT_SENT_CODE, UNKNOWN_OUTCOME_CODE, type GenerationStatus } from "@/lib/contract";
import type { GenerationRow, ReferenceEntry } from "@/lib/db";
import { StudioError, fromGatewayError } from "@/lib/errors";
import { GatewayError, type PreparedSubmit } from "@/lib/gateway";
import { logger } from "@/lib/log";
import type { AspectRatio, ImageSize, ModelId } from "@/lib/models";
import type { ServiceDeps } from "@/lib/core/deps";
import { referencesForGateway } from "./references";

// The one way rows reach the gateway: a new request's rows (create.ts) and
// the rows the queue sends when their turn comes (queue.ts) go through here,
// each submitted once, never retried blindly (a retry can bill twice).

export const UNKNOWN_OUTCOME_MESSAGE =
  "The gateway never confirmed this request, so it may or may not have started (and been billed). " +
  "The studio did not resend it; check the gateway's task list before trying again.";

/** What the gateway is asked for: `imageSize` as requested (a fixed-size model ignores it). */
export type SubmitSettings = { model: ModelId; prompt: string; aspectRatio: AspectRatio; imageSize?: ImageSize };

/**
 * Submits each of `rows` that is not waiting (status `submitting`), one task
 * each, with the settings and references they share. When the request cannot
 * even be prepared (a reference gone, too big…), nothing is sent: every row,
 * waiting ones too, ends failed as not sent, and the error is thrown. Answers
 * the gateway's refusals and how many rows were submitted.
 */
export async function submitRows(
  deps: ServiceDeps,
  input: {
    rows: GenerationRow[];
    settings: SubmitSettings;
    entries: ReferenceEntry[];
    /** Data URLs the request carried, by stored id (see storeReferences); none when sent from the queue. */
    inline?: ReadonlyMap<string, string>;
  },
): Promise<{ sent: number; failures: GatewayError[] }> {
  const sending = input.rows.filter((row) => row.status === "submitting");
  if (sending.length === 0) return { sent: 0, failures: [] };
  let prepared: PreparedSubmit;
  try {
    const urls = await referencesForGateway(deps, input.entries, input.inline);
    prepared = deps.gateway.prepareSubmit({ ...input.settings, references: urls });
  } catch (error) {
    await markNotSent(deps, { rows: input.rows, error });
    throw error;
  }
  const outcomes = await Promise.all(sending.map((row) => submitOne(deps, { row, prepared })));
  return { sent: sending.length, failures: outcomes.filter((o): o is GatewayError => GatewayError.is(o)) };
}

/**
 * Nothing reached the gateway: say so plainly, so nobody fears a bill and
 * Retry is safe. Applies to rows still submitting or waiting (`onlyIfStatus`).
 */
export async function markNotSent(
  deps: ServiceDeps,
  input: { rows: Pick<GenerationRow, "id">[]; error: unknown; onlyIfStatus?: readonly GenerationStatus[] },
) {
  const reason = StudioError.is(input.error) ? input.error.message : "the studio could not prepare the request";
  for (const row of input.rows) {
    await deps.db.updateGeneration({
      id: row.id,
      patch: {
        status: "failed",
        errorCode: NOT_SENT_CODE,
        errorMessage: `Nothing was sent to the gateway, so nothing was billed: ${reason}`,
        updatedAt: deps.now(),
      },
      onlyIfStatus: input.onlyIfStatus ?? ["submitting", "waiting"],
    });
  }
  logger.warn({ generations: input.rows.map((r) => r.id), err: input.error }, "request failed before anything was sent");
}

async function submitOne(
  deps: ServiceDeps,
  input: { row: GenerationRow; prepared: PreparedSubmit },
): Promise<GatewayError | undefined> {
  const { row } = input;
  // The "never answered" grace runs from here, not from the row's creation:
  // storing and encoding references may take a while before the submit starts.
  await deps.db.updateGeneration({ id: row.id, patch: { submittedAt: deps.now() }, onlyIfStatus: ["submitting"] });
  let task;
  try {
    task = await deps.gateway.submit(input.prepared);
  } catch (error) {
    if (!(GatewayError.is(error))) throw error;
    const studio = fromGatewayError(error);
    const message = error.outcomeUnknown ? UNKNOWN_OUTCOME_MESSAGE : studio.message;
    await deps.db.updateGeneration({
      id: row.id,
      patch: {
        status: "failed",
        errorCode: error.outcomeUnknown ? UNKNOWN_OUTCOME_CODE : `submit_${error.kind}`,
        errorMessage: message,
        updatedAt: deps.now(),
      },
      onlyIfStatus: ["submitting"],
    });
    logger.warn({ generation: row.id, kind: error.kind, outcomeUnknown: error.outcomeUnknown }, "submit failed");
    return error;
  }
  await recordTask(deps, { row, task });
  return undefined;
}

/** A task id the gateway gave is never dropped: it is the only handle on a billed task. */
async function recordTask(deps: ServiceDeps, input: { row: GenerationRow; task: { id: string; status: string; progress: number } }) {
  const { row, task } = input;
  const recorded = await deps.db.recordSubmission({
    id: row.id,
    upstreamId: task.id,
    // A task never finishes inside its own submit answer; the poller confirms it.
    status: task.status === "queued" ? "queued" : "processing",
    progress: task.progress,
    now: deps.now(),
  });
  const fields = { generation: row.id, task: task.id, model: row.model };
  if (!recorded) logger.error(fields, "task submitted for a generation that no longer exists; it may be billed");
  else if (recorded.revived) logger.warn(fields, "task id arrived after the generation was failed as an unknown outcome; polling it again");
  else if (!recorded.polling) logger.warn({ ...fields, status: recorded.row.status }, "task submitted for a generation no longer waiting for it; its id is kept");
  else logger.info(fields, "task submitted");
}
