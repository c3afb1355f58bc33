import "server-only";
import { NOT_SENT_CODE, UNKNOWN_OUTCOME_CODE, type CreateGenerationInput, type Generation } from "@/lib/contract";
import { FRESH_GENERATION, type GenerationRow, type ReferenceEntry } from "@/lib/db";
import { StudioError, fromGatewayError } from "@/lib/errors";
import { GatewayError, type PreparedSubmit } from "@/lib/gateway";
import { logger } from "@/lib/log";
import { effectiveSize, getModel, type AspectRatio, type ImageSize, type ModelId } from "@/lib/models";
import type { GenerationDeps } from "./deps";
import { newBatchId, newGenerationId } from "./ids";
import { IdempotencyKeyReused } from "./key-reused";
import type { Person } from "./person";
import { assertWithinLimits, insertLimits, limitError } from "./quota";
import { discardReferences, referencesForGateway, storeReferences } from "./references";
import { toGeneration } from "./serialize";

const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export const UNKNOWN_OUTCOME_MESSAGE =
  "The gateway never confirmed this request, so it may or may not have started (and been billed). " +
  "The studio did not resend it; check the gateway's task list before trying again.";

type Settings = { model: ModelId; prompt: string; aspectRatio: AspectRatio; imageSize: ImageSize | null };

/** Fixed-size models ignore a requested size; rows record what the task really gets. */
function recordedSize(model: ModelId, requested: ImageSize | null | undefined): ImageSize | null {
  return getModel(model)!.sizes.length > 1 ? effectiveSize(model, requested ?? undefined) : null;
}

/**
 * POST /api/generations: validate, store references, insert, submit each once.
 * `requestHash` (/v1): a digest of the request the idempotency key came with;
 * the key sent again with another request throws IdempotencyKeyReused.
 */
export async function createGenerations(
  deps: GenerationDeps,
  input: { request: CreateGenerationInput; person: Person; requestHash?: string },
): Promise<Generation[]> {
  const { request, person, requestHash } = input;
  const createdBy = person.name;
  // A replay is answered first: it is the same request, not a new one, so no
  // limit applies and no reference is stored again.
  const replay = await findReplay(deps, { key: request.idempotencyKey, createdBy, requestHash });
  if (replay) return replay;
  const rows = { model: request.model, imageSize: recordedSize(request.model, request.imageSize), count: request.count };
  await assertWithinLimits(deps, { person, rows });
  const { entries, created, inline } = await storeReferences(deps, { references: request.references, createdBy });
  try {
    return await createFromEntries(deps, {
      settings: request,
      entries,
      inline,
      count: request.count,
      person,
      idempotencyKey: request.idempotencyKey,
      requestHash,
    });
  } finally {
    // Only references this request stored, and no row links to, go (rows keep
    // theirs for the record and for Retry; an upload given by id is the
    // person's to use again, whatever became of this request).
    await discardReferences(deps, created).catch((err: unknown) => logger.warn({ err }, "could not discard unused references"));
  }
}

export async function findReplay(
  deps: GenerationDeps,
  input: { key?: string; createdBy: string; requestHash?: string },
): Promise<Generation[] | undefined> {
  if (!input.key) return undefined;
  const rows = await deps.db.findIdempotent({
    key: input.key,
    createdBy: input.createdBy,
    now: deps.now(),
    ttlMs: IDEMPOTENCY_TTL_MS,
    requestHash: input.requestHash,
  });
  if (rows === "mismatch") throw new IdempotencyKeyReused();
  return rows?.map((row) => toGeneration(row));
}

/** Shared by create and retry: the references are already stored. */
export async function createFromEntries(
  deps: GenerationDeps,
  input: {
    settings: Omit<Settings, "imageSize"> & { imageSize?: ImageSize | null };
    entries: ReferenceEntry[];
    /** Data URLs the request carried, by stored id (see storeReferences). */
    inline?: ReadonlyMap<string, string>;
    count: number;
    person: Person;
    idempotencyKey?: string;
    /** With the key: a digest of the request, compared in the insert's transaction (see createGenerations). */
    requestHash?: string;
  },
): Promise<Generation[]> {
  const { settings, entries, person } = input;
  const createdBy = person.name;
  const now = deps.now();
  const imageSize = recordedSize(settings.model, settings.imageSize);
  const batchId = newBatchId(now);
  const rows: GenerationRow[] = Array.from({ length: input.count }, () => ({
    ...FRESH_GENERATION,
    id: newGenerationId(now),
    model: settings.model,
    prompt: settings.prompt,
    aspectRatio: settings.aspectRatio,
    imageSize,
    references: entries,
    status: "submitting",
    createdAt: now,
    updatedAt: now,
    createdBy,
    idempotencyKey: input.idempotencyKey ?? null,
    batchId,
  }));

  const limits = await insertLimits(deps, { person, rows: { model: settings.model, imageSize, count: input.count } });
  const inserted = await deps.db.insertGenerations({
    rows,
    idempotency: input.idempotencyKey
      ? { key: input.idempotencyKey, createdBy, now, ttlMs: IDEMPOTENCY_TTL_MS, requestHash: input.requestHash }
      : undefined,
    limits,
  });
  // Another request took the key between findReplay and here, with other settings.
  if (inserted.mismatch) throw new IdempotencyKeyReused();
  if (inserted.refused) throw limitError(deps, inserted.refused, limits);
  if (!inserted.created) return inserted.rows.map((row) => toGeneration(row));

  let prepared: PreparedSubmit;
  try {
    const urls = await referencesForGateway(deps, entries, input.inline);
    prepared = deps.gateway.prepareSubmit({
      model: settings.model,
      prompt: settings.prompt,
      aspectRatio: settings.aspectRatio,
      imageSize: settings.imageSize ?? imageSize ?? undefined,
      references: urls,
    });
  } catch (error) {
    await markNotSent(deps, { rows, error });
    throw error;
  }
  const outcomes = await Promise.all(rows.map((row) => submitOne(deps, { row, prepared })));
  const failures = outcomes.filter((o): o is GatewayError => GatewayError.is(o));
  // Every task refused: answer with the gateway's reason (the rows stay, failed, for the record).
  if (failures.length === rows.length) throw failures[0];
  return (await deps.db.getGenerations(rows.map((r) => r.id))).map((row) => toGeneration(row));
}

/** Nothing reached the gateway: say so plainly, so nobody fears a bill and Retry is safe. */
async function markNotSent(deps: GenerationDeps, input: { rows: GenerationRow[]; error: unknown }) {
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
      onlyIfStatus: ["submitting"],
    });
  }
  logger.warn({ generations: input.rows.map((r) => r.id), err: input.error }, "request failed before anything was sent");
}

async function submitOne(
  deps: GenerationDeps,
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
async function recordTask(deps: GenerationDeps, input: { row: GenerationRow; task: { id: string; status: string; progress: number } }) {
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
