import "server-only";
import type { CreateGenerationInput, Generation } from "@/lib/contract";
import type { GenerationRow, ReferenceEntry } from "@/lib/db";
import { fromGatewayError } from "@/lib/errors";
import { GatewayError } from "@/lib/gateway";
import { logger } from "@/lib/log";
import { effectiveSize, getModel, type AspectRatio, type ImageSize, type ModelId } from "@/lib/models";
import type { GenerationDeps } from "./deps";
import { newGenerationId } from "./ids";
import { assertWithinLimits } from "./quota";
import { discardReferences, referencesForGateway, storeReferences } from "./references";
import { toGeneration } from "./serialize";

const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export const UNKNOWN_OUTCOME_MESSAGE =
  "The gateway never confirmed this request, so it may or may not have started (and been billed). " +
  "The studio did not resend it; check the gateway's task list before trying again.";

type Settings = { model: ModelId; prompt: string; aspectRatio: AspectRatio; imageSize: ImageSize | null };

/** POST /api/generations: validate, store references, insert, submit each once. */
export async function createGenerations(
  deps: GenerationDeps,
  input: { request: CreateGenerationInput; createdBy: string },
): Promise<Generation[]> {
  const { request, createdBy } = input;
  await assertWithinLimits(deps, { user: createdBy, count: request.count });
  const entries = await storeReferences(deps, { references: request.references, createdBy });
  try {
    return await createFromEntries(deps, {
      settings: request,
      entries,
      count: request.count,
      createdBy,
      idempotencyKey: request.idempotencyKey,
      discardUnused: true,
    });
  } catch (error) {
    // A gateway refusal comes after the insert: those failed rows keep their
    // references for the record. Anything earlier left them unused.
    if (!(GatewayError.is(error))) await discardReferences(deps, entries).catch(() => {});
    throw error;
  }
}

/** Shared by create and retry: the references are already stored. */
export async function createFromEntries(
  deps: GenerationDeps,
  input: {
    settings: Omit<Settings, "imageSize"> & { imageSize?: ImageSize | null };
    entries: ReferenceEntry[];
    count: number;
    createdBy: string;
    idempotencyKey?: string;
    discardUnused?: boolean;
  },
): Promise<Generation[]> {
  const { settings, entries, createdBy } = input;
  const now = deps.now();
  // Fixed-size models ignore a requested size; record what the task really gets.
  const info = getModel(settings.model)!;
  const imageSize = info.sizes.length > 1 ? effectiveSize(settings.model, settings.imageSize ?? undefined) : null;
  const rows: GenerationRow[] = Array.from({ length: input.count }, () => ({
    id: newGenerationId(now),
    upstreamId: null,
    model: settings.model,
    prompt: settings.prompt,
    aspectRatio: settings.aspectRatio,
    imageSize,
    references: entries,
    status: "submitting",
    progress: 0,
    errorCode: null,
    errorMessage: null,
    createdAt: now,
    updatedAt: now,
    submittedAt: null,
    completedAt: null,
    lastPolledAt: null,
    imageKey: null,
    thumbKey: null,
    imageWidth: null,
    imageHeight: null,
    imageBytes: null,
    imageContentType: null,
    thumbBytes: null,
    favorite: false,
    createdBy,
    idempotencyKey: input.idempotencyKey ?? null,
    notFoundCount: 0,
    downloadAttempts: 0,
  }));

  const inserted = await deps.db.insertGenerations({
    rows,
    idempotency: input.idempotencyKey
      ? { key: input.idempotencyKey, createdBy, now, ttlMs: IDEMPOTENCY_TTL_MS }
      : undefined,
  });
  if (!inserted.created) {
    if (input.discardUnused) await discardReferences(deps, entries);
    return inserted.rows.map(toGeneration);
  }

  const urls = await referencesForGateway(deps, entries);
  const outcomes = await Promise.all(
    rows.map((row) => submitOne(deps, { row, urls, imageSize: settings.imageSize ?? imageSize ?? undefined })),
  );
  const failures = outcomes.filter((o): o is GatewayError => GatewayError.is(o));
  // Every task refused: answer with the gateway's reason (the rows stay, failed, for the record).
  if (failures.length === rows.length) throw failures[0];
  return (await deps.db.getGenerations(rows.map((r) => r.id))).map(toGeneration);
}

async function submitOne(
  deps: GenerationDeps,
  input: { row: GenerationRow; urls: string[]; imageSize: ImageSize | undefined },
): Promise<GatewayError | undefined> {
  const { row } = input;
  try {
    const task = await deps.gateway.submit({
      model: row.model,
      prompt: row.prompt,
      aspectRatio: row.aspectRatio,
      imageSize: input.imageSize,
      references: input.urls,
    });
    const now = deps.now();
    await deps.db.updateGeneration({
      id: row.id,
      patch: {
        upstreamId: task.id,
        status: task.status === "completed" || task.status === "failed" ? "processing" : task.status,
        progress: task.progress,
        submittedAt: now,
        updatedAt: now,
      },
      onlyIfStatus: ["submitting"],
    });
    logger.info({ generation: row.id, task: task.id, model: row.model }, "task submitted");
    return undefined;
  } catch (error) {
    if (!(GatewayError.is(error))) throw error;
    const studio = fromGatewayError(error);
    const message = error.outcomeUnknown ? UNKNOWN_OUTCOME_MESSAGE : studio.message;
    await deps.db.updateGeneration({
      id: row.id,
      patch: {
        status: "failed",
        errorCode: error.outcomeUnknown ? "unknown_outcome" : `submit_${error.kind}`,
        errorMessage: message,
        updatedAt: deps.now(),
      },
      onlyIfStatus: ["submitting"],
    });
    logger.warn({ generation: row.id, kind: error.kind, outcomeUnknown: error.outcomeUnknown }, "submit failed");
    return error;
  }
}
