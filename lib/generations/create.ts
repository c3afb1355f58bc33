import "server-only";
import type { CreateGenerationInput, Generation } from "@/lib/contract";
import { FRESH_GENERATION, type GenerationRow, type ReferenceEntry } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { effectiveSize, getModel, type AspectRatio, type ImageSize, type ModelId } from "@/lib/models";
import type { ServiceDeps } from "@/lib/core/deps";
import { idInPlaceOf, newBatchId, newGenerationId } from "@/lib/core/ids";
import { IdempotencyKeyReused } from "./key-reused";
import type { Person } from "@/lib/core/person";
import { assertWithinLimits, insertLimits, limitError } from "./quota";
import { discardReferences, storeParentOriginal, storeReferences } from "./references";
import { removeReplaced, retriedAlready } from "./replaced";
import { presentGenerations } from "./serialize";
import { submitRows } from "./submit";
import { mustSeeTemplate } from "@/lib/templates/access";

/** How long an idempotency key answers what it first made (POST /api/generations, POST /api/runs, /v1). */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

type Settings = { model: ModelId; prompt: string; aspectRatio: AspectRatio; imageSize: ImageSize | null };

/** Fixed-size models ignore a requested size; rows record what the task really gets. */
export function recordedSize(model: ModelId, requested: ImageSize | null | undefined): ImageSize | null {
  return getModel(model)!.sizes.length > 1 ? effectiveSize(model, requested ?? undefined) : null;
}

/**
 * POST /api/generations: validate, store references, insert, submit each once.
 * `requestHash` (/v1): a digest of the request the idempotency key came with;
 * the key sent again with another request throws IdempotencyKeyReused.
 */
export async function createGenerations(
  deps: ServiceDeps,
  input: { request: CreateGenerationInput; person: Person; requestHash?: string },
): Promise<Generation[]> {
  const { request, person, requestHash } = input;
  const createdBy = person.name;
  // A replay is answered first: it is the same request, not a new one, so no
  // limit applies and no reference is stored again.
  const replay = await findReplay(deps, { key: request.idempotencyKey, createdBy, requestHash });
  if (replay) return replay;
  // An edit names a picture first: one that is not there is a 404 whatever the limits.
  const parent = request.parentId ? await editedPicture(deps, request.parentId) : undefined;
  // As with a parent: a template the person may not see is a 404 whatever the limits.
  const template = request.templateId ? await mustSeeTemplate(deps.db, { id: request.templateId, person }) : undefined;
  const rows = { model: request.model, imageSize: recordedSize(request.model, request.imageSize), count: request.count };
  await assertWithinLimits(deps, { person, rows });
  const { entries, created, inline } = await storeReferences(deps, { references: request.references, createdBy, shared: new Set(template?.references) });
  try {
    // The picture edited goes first, from our storage, counted among the five.
    const original = parent ? await storeParentOriginal(deps, { parent, createdBy }) : undefined;
    if (original) created.push(original);
    return await createFromEntries(deps, {
      settings: request,
      entries: original ? [original, ...entries] : entries,
      inline,
      tree: parent && { parentId: parent.id, rootId: parent.rootId ?? parent.id },
      templateId: template?.id,
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

/** One more use of the template; the pictures are made whether or not the count lands. */
export async function countUse(deps: ServiceDeps, templateId: string): Promise<void> {
  await deps.db.countTemplateUse(templateId).catch((err: unknown) => logger.warn({ err, template: templateId }, "could not count a template's use"));
}

/** The picture an edit changes: a finished one with its original stored (every member sees every picture). */
async function editedPicture(deps: ServiceDeps, id: string): Promise<GenerationRow> {
  const parent = await deps.db.getGeneration(id);
  if (!parent) throw new StudioError("not_found", "There is no picture with this parentId");
  if (parent.status !== "completed" || parent.imageKey === null) {
    throw new StudioError("invalid_request", "parentId: only a finished picture can be edited", {
      issues: [{ path: "parentId", message: "only a finished picture can be edited" }],
    });
  }
  return parent;
}

export async function findReplay(
  deps: ServiceDeps,
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
  return rows && presentGenerations(deps, rows);
}

/** Shared by create and retry: the references are already stored. */
export async function createFromEntries(
  deps: ServiceDeps,
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
    /** A retry (count 1): the failed row whose place in its batch and in the gallery it takes, and which it removes. */
    inPlaceOf?: Pick<GenerationRow, "id" | "batchId">;
    /** A version of a tree (an edit, or the retry of one): its parent and the tree's original. */
    tree?: Pick<GenerationRow, "parentId" | "rootId">;
    /** The template it is made from (counted as one use when the rows are new), or a retried row's. */
    templateId?: string | null;
    /** A retried row's run: its place in the run stays. */
    runId?: string | null;
  },
): Promise<Generation[]> {
  const { settings, entries, person, inPlaceOf } = input;
  const createdBy = person.name;
  const now = deps.now();
  const imageSize = recordedSize(settings.model, settings.imageSize);
  const batchId = inPlaceOf ? (inPlaceOf.batchId ?? inPlaceOf.id) : newBatchId(now);
  const rows: GenerationRow[] = Array.from({ length: input.count }, () => ({
    ...FRESH_GENERATION,
    id: (inPlaceOf && idInPlaceOf(inPlaceOf.id)) || newGenerationId(now),
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
    parentId: input.tree?.parentId ?? null,
    rootId: input.tree?.rootId ?? null,
    templateId: input.templateId ?? null,
    runId: input.runId ?? null,
  }));

  const limits = await insertLimits(deps, { person, rows: { model: settings.model, imageSize, count: input.count } });
  const inserted = await deps.db
    .insertGenerations({
      rows,
      idempotency: input.idempotencyKey
        ? { key: input.idempotencyKey, createdBy, now, ttlMs: IDEMPOTENCY_TTL_MS, requestHash: input.requestHash }
        : undefined,
      limits,
    })
    .catch(async (error: unknown) => {
      // Two retries of one failure with different keys: the second finds its place taken.
      if (inPlaceOf && (await deps.db.getGeneration(rows[0].id))) throw retriedAlready();
      throw error;
    });
  // Another request took the key between findReplay and here, with other settings.
  if (inserted.mismatch) throw new IdempotencyKeyReused();
  if (inserted.refused) throw limitError(deps, inserted.refused, limits);
  if (!inserted.created) return presentGenerations(deps, inserted.rows);
  if (inPlaceOf) await removeReplaced(deps, inPlaceOf.id);
  // A use is a request made from the template (a retry is the same use again).
  else if (input.templateId) await countUse(deps, input.templateId);

  // Past the in-flight cap the last rows wait: the queue sends them when slots free.
  const { sent, failures } = await submitRows(deps, {
    rows: inserted.rows,
    settings: { ...settings, imageSize: settings.imageSize ?? imageSize ?? undefined },
    entries,
    inline: input.inline,
  });
  // Every task refused and none waiting: answer with the gateway's reason (the rows stay, failed, for the record).
  if (sent === rows.length && failures.length === sent) throw failures[0];
  return presentGenerations(deps, await deps.db.getGenerations(rows.map((r) => r.id)));
}
