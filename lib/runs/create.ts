import "server-only";
import { createHash } from "node:crypto";
import type { CreateRunInput, CreateRunResponse } from "@/lib/contract-runs";
import { FRESH_GENERATION, type GenerationRow, type ReferenceEntry, type RunRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { logger } from "@/lib/log";
import type { ServiceDeps } from "@/lib/core/deps";
import { newBatchId, newGenerationId, newRunId } from "@/lib/core/ids";
import type { Person } from "@/lib/core/person";
import { countUse, IDEMPOTENCY_TTL_MS, recordedSize } from "@/lib/generations/create";
import { insertLimits, limitError } from "@/lib/generations/quota";
import { submitRows } from "@/lib/generations/submit";
import { planRun, type RunPlan } from "./plan";
import { previewRun } from "./preview";

/**
 * POST /api/runs: with dryRun the preview, else every row's batch made in
 * one insert whose transaction checks the person's limits for the whole run
 * (all or nothing: a run that does not fit stores and sends nothing), then
 * sent like any request (past the in-flight cap the rest wait their turn).
 */
export async function createRun(deps: ServiceDeps, input: { request: CreateRunInput; person: Person }): Promise<{ preview: Awaited<ReturnType<typeof previewRun>> } | { run: CreateRunResponse }> {
  const { request, person } = input;
  const plan = await planRun(deps, input);
  if (request.dryRun) return { preview: await previewRun(deps, { plan, person }) };
  const requestHash = hashOf(request, plan);
  // A replay is the same run, answered whatever the limits: asked first, so it reads no limits at all.
  const replay = request.idempotencyKey ? await replayOf(deps, { key: request.idempotencyKey, person, requestHash }) : undefined;
  if (replay) return { run: replay };
  // The preview's check, for its words ("… 12 too many"); the insert's is the one that holds.
  const preview = await previewRun(deps, { plan, person });
  if (preview.refusal) throw runRefused(preview.refusal, preview.left);
  return { run: await insertAndSend(deps, { plan, person, idempotencyKey: request.idempotencyKey, requestHash }) };
}

async function insertAndSend(deps: ServiceDeps, input: { plan: RunPlan; person: Person; idempotencyKey?: string; requestHash: string }): Promise<CreateRunResponse> {
  const { plan, person } = input;
  const { template } = plan;
  const now = deps.now();
  const createdBy = person.name;
  const imageSize = recordedSize(template.model, template.imageSize);
  // The template's stored references (kept from the pruner while it carries them), whoever uploaded them.
  const entries: ReferenceEntry[] = template.references.map((id) => ({ kind: "stored", id }));
  const run: RunRow = { id: newRunId(now), templateId: template.id, createdBy, rows: plan.rows, batchIds: plan.rows.map(() => newBatchId(now)), createdAt: now };
  const rows: GenerationRow[] = plan.prompts.flatMap((prompt, i) =>
    Array.from({ length: template.count }, () => ({
      ...FRESH_GENERATION,
      id: newGenerationId(now),
      model: template.model,
      prompt,
      aspectRatio: template.aspectRatio,
      imageSize,
      references: entries,
      status: "submitting" as const,
      createdAt: now,
      updatedAt: now,
      createdBy,
      idempotencyKey: input.idempotencyKey ?? null,
      batchId: run.batchIds[i],
      templateId: template.id,
      runId: run.id,
    })),
  );
  const limits = await insertLimits(deps, { person, rows: { model: template.model, imageSize, count: rows.length } });
  const inserted = await deps.db.insertGenerations({
    rows,
    run,
    limits,
    idempotency: input.idempotencyKey
      ? { key: input.idempotencyKey, createdBy, now, ttlMs: IDEMPOTENCY_TTL_MS, requestHash: input.requestHash }
      : undefined,
  });
  if (inserted.mismatch) throw keyReused();
  if (inserted.refused) {
    const error = limitError(deps, inserted.refused, limits);
    throw new StudioError(error.code, `${error.message} This run makes ${rows.length} pictures; nothing was sent.`, error.extra);
  }
  if (!inserted.created) return (await runOfRows(deps, inserted.rows)) ?? { id: run.id, batchIds: [] };
  await countUse(deps, template.id);
  logger.info({ user: createdBy, run: run.id, template: template.id, rows: plan.rows.length, pictures: rows.length }, "run started");

  // Each row's batch is sent with its own prompt; rows past the in-flight cap wait for the queue.
  await Promise.all(
    run.batchIds.map(async (batchId, i) => {
      const batch = inserted.rows.filter((row) => row.batchId === batchId);
      const settings = { model: template.model, prompt: plan.prompts[i], aspectRatio: template.aspectRatio, imageSize: template.imageSize ?? imageSize ?? undefined };
      // A batch the gateway refuses ends failed, for the record and Retry; the run goes on.
      await submitRows(deps, { rows: batch, settings, entries }).catch((err: unknown) => logger.warn({ err, run: run.id, batch: batchId }, "a run's row could not be sent"));
    }),
  );
  return { id: run.id, batchIds: run.batchIds };
}

/** The same key answered again: the run its first request made. */
async function replayOf(deps: ServiceDeps, input: { key: string; person: Person; requestHash: string }): Promise<CreateRunResponse | undefined> {
  const rows = await deps.db.findIdempotent({ key: input.key, createdBy: input.person.name, now: deps.now(), ttlMs: IDEMPOTENCY_TTL_MS, requestHash: input.requestHash });
  if (rows === "mismatch") throw keyReused();
  return rows ? runOfRows(deps, rows) : undefined;
}

async function runOfRows(deps: ServiceDeps, rows: GenerationRow[]): Promise<CreateRunResponse | undefined> {
  const runId = rows.find((row) => row.runId)?.runId;
  const run = runId ? await deps.db.getRun(runId) : undefined;
  return run && { id: run.id, batchIds: run.batchIds };
}

/** The key's request: the template and the rows it read (a table and its rows as objects are the same request). */
function hashOf(request: CreateRunInput, plan: RunPlan): string {
  return createHash("sha256").update(JSON.stringify({ run: request.templateId, rows: plan.rows })).digest("base64url");
}

const keyReused = () =>
  new StudioError("idempotency_key_reused", "This idempotencyKey was used with another run in the last 24 hours: send a new key for a new run.");

/** 429 naming the limit and by how much, before anything is stored. */
function runRefused(message: string, left: { today: number; inFlight: number; month: number | null }): StudioError {
  // In the composer's order (lib/client/request-fit.ts): the day, the queue, the budget.
  if (left.today < 0) return new StudioError("quota_exceeded", message, { limit: "daily" });
  if (left.inFlight < 0) return new StudioError("rate_limited", message, { limit: "maxActive" });
  if (left.month !== null && left.month < 0) return new StudioError("quota_exceeded", message, { limit: "monthlyBudget" });
  // The budget refuses an unpriced model.
  return new StudioError("quota_exceeded", message, { limit: "monthlyBudget" });
}
