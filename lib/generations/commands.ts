import "server-only";
import type { Generation } from "@/lib/contract";
import { StudioError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { createFromEntries, findReplay } from "./create";
import type { ServiceDeps } from "@/lib/core/deps";
import { assertWithinLimits } from "./quota";
import { dropGeneration } from "./replaced";
import { mustGet } from "./reads";
import { mayManage, type Person } from "@/lib/core/person";
import { cancelWaiting } from "./queue";
import { viewGenerations } from "./serialize";
import { IN_FLIGHT, isActive } from "./status";

/** Stars are per person: anyone may star any picture, for themselves. */
export async function setFavorite(deps: ServiceDeps, input: { id: string; favorite: boolean; viewer: Person }): Promise<Generation> {
  const row = await mustGet(deps, input.id);
  await deps.db.setFavorite({ userId: input.viewer.id, generationId: input.id, favorite: input.favorite, now: deps.now() });
  return (await viewGenerations(deps, [row], input.viewer))[0];
}

function assertOwner(row: { createdBy: string }, person: Person, what: string) {
  if (!mayManage(person, row)) throw new StudioError("forbidden", `Only the person who made this picture, or an admin, can ${what} it`);
}

/**
 * The row and its files go, in any state; only the person who made it may
 * delete it. A download finishing after this finds no row and removes what it
 * stored (see save-result.ts). What it counted for stays (deleted_generations):
 * its cost and the day's allowance, and, deleted in flight, its slot until it
 * would have timed out (the gateway goes on with the task; see inFlightSince
 * in quota.ts).
 */
export async function deleteGeneration(deps: ServiceDeps, input: { id: string; viewer: Person }): Promise<void> {
  const row = await mustGet(deps, input.id);
  assertOwner(row, input.viewer, "delete");
  const deleted = await dropGeneration(deps, input.id);
  if (!deleted) throw new StudioError("not_found", "There is no generation with this id");
  logger.info({ generation: input.id, user: input.viewer.name, status: row.status }, "generation deleted");
}

/**
 * The gateway has no cancel and bills the task whatever we do, so a cancel
 * only records that the person no longer wants it: the row stays in flight,
 * keeps its slot (countActive) and its cost, and is polled until the gateway
 * says it ended. A picture that arrives is kept (its card says it came after
 * the cancel); a task the gateway fails ends failed, its reason saying it was
 * cancelled (refresh.ts). A picture being saved is known to exist: nothing to
 * cancel. Cancelling twice changes nothing.
 */
export async function cancelGeneration(deps: ServiceDeps, input: { id: string; viewer: Person }): Promise<Generation> {
  const row = await mustGet(deps, input.id);
  assertOwner(row, input.viewer, "cancel");
  // Cancelled already (a second click): the answer is what it became since.
  if (row.cancelledAt !== null) return (await viewGenerations(deps, [row], input.viewer))[0];
  // Never sent: it ends now, free. Sent meanwhile: cancelled as any in flight, below.
  if (row.status === "waiting") {
    const cancelled = await cancelWaiting(deps, row);
    return cancelled ? (await viewGenerations(deps, [cancelled], input.viewer))[0] : cancelGeneration(deps, input);
  }
  if (!isActive(row.status)) throw new StudioError("invalid_request", "Only a generation in progress can be cancelled");
  if (row.resultSeenAt !== null) {
    throw new StudioError("invalid_request", "This picture is already made and is being saved: there is nothing left to cancel");
  }
  const now = deps.now();
  const cancelled = await deps.db.updateGeneration({ id: input.id, patch: { cancelledAt: now, updatedAt: now }, onlyIfStatus: IN_FLIGHT });
  if (cancelled) logger.info({ generation: input.id, task: row.upstreamId, user: input.viewer.name }, "generation cancelled; still polled until the gateway ends it");
  // Finished in the meantime: the answer is what it became.
  return (await viewGenerations(deps, [cancelled ?? (await mustGet(deps, input.id))], input.viewer))[0];
}

/**
 * A new generation with the same settings and references, for a failed one,
 * by its creator or an admin, as delete and cancel: it reuses the creator's
 * uploaded references, which nobody else can see on a picture that was not
 * made. Concurrent retries of one generation with the same key (or none) make one:
 * a double click never pays twice. The retry takes the failed one's place
 *: its batch, its place in the gallery (idInPlaceOf), and the
 * failed row goes as a delete would, its cost still counted.
 */
export async function retryGeneration(
  deps: ServiceDeps,
  input: { id: string; person: Person; idempotencyKey?: string },
): Promise<Generation[]> {
  const { person } = input;
  const key = `retry:${input.id}:${input.idempotencyKey ?? "-"}`;
  const replay = await findReplay(deps, { key, createdBy: person.name });
  if (replay) return replay;
  const row = await deps.db.getGeneration(input.id);
  if (!row) {
    // The same retry, finished between the two reads, has removed the row it replaced.
    const done = await findReplay(deps, { key, createdBy: person.name });
    if (done) return done;
    throw new StudioError("not_found", "There is no generation with this id");
  }
  assertOwner(row, person, "retry");
  if (row.status !== "failed") throw new StudioError("invalid_request", "Only a failed generation can be retried");
  await assertWithinLimits(deps, { person, rows: { model: row.model, imageSize: row.imageSize, count: 1 } });
  return createFromEntries(deps, {
    settings: { model: row.model, prompt: row.prompt, aspectRatio: row.aspectRatio, imageSize: row.imageSize },
    entries: row.references,
    count: 1,
    person,
    idempotencyKey: key,
    inPlaceOf: row,
    tree: row,
    templateId: row.templateId,
    runId: row.runId,
  });
}
