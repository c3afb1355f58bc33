import "server-only";
import { buffer } from "node:stream/consumers";
import type { GenerationRow } from "@/lib/db";
import { GatewayError, type NormalizedTask } from "@/lib/gateway";
import { ImageError, extensionFor, inspectImage, makeThumbnail } from "@/lib/images";
import { logger } from "@/lib/log";
import { failedReason } from "./cancelled";
import type { ServiceDeps } from "@/lib/core/deps";
import { downloadSlots } from "./refresh-slots";
import { IN_FLIGHT } from "./status";

// Gateway URLs expire (about 2 h on common upstreams): the picture is copied
// the moment the task completes. A copy that fails is retried with backoff for
// as long as the URL can live, then from the gateway's /content; bytes that
// arrived but could not be stored wait in the staging area (local disk), so a
// storage outage never costs a second download; the row then names the
// folder's holder (stagedBy) and only that instance finishes it (staged.ts).
// While the picture is known to exist the row never times out: its card says
// "Saving…" with the reason.

/** How long a result URL is assumed to work after the task completed. */
export const RESULT_URL_LIFETIME_MS = 2 * 3_600_000;
/** After the URL's life, /content is tried this much longer before giving up. */
export const CONTENT_GRACE_MS = 30 * 60_000;
/** Backoff between copy attempts (and polls the gateway leaves unanswered) never grows past this. */
export const MAX_RETRY_DELAY_MS = 5 * 60_000;

/** Wait after `attempts` failed copies: one poll interval, doubling up to a cap (about 30 tries in 2 h at 3 s). */
export function retryDelayMs(attempts: number, intervalMs: number): number {
  if (attempts <= 1) return intervalMs;
  return Math.min(intervalMs * 2 ** (attempts - 1), Math.max(MAX_RETRY_DELAY_MS, intervalMs));
}

const stagingKey = (id: string) => `${id}.bin`;

/** Bytes staged for a generation that no longer wants them (deleted; a cancelled one still wants its picture). */
export async function discardStaged(deps: ServiceDeps, id: string): Promise<void> {
  await deps.staging.delete(stagingKey(id)).catch((err: unknown) => logger.warn({ err, generation: id }, "could not discard a staged result"));
}

/** `staged`: the bytes wait in this instance's staging folder after the attempt. */
type Failure = { reason: string; stage: "download" | "storage"; staged: boolean };

export async function saveResult(
  deps: ServiceDeps,
  input: { row: GenerationRow; task: Pick<NormalizedTask, "id" | "url"> },
): Promise<GenerationRow | undefined> {
  const { row, task } = input;
  const seenAt = row.resultSeenAt ?? deps.now();
  // Bytes held in memory are bounded by the download slots, not by how many rows finish at once.
  const outcome = await downloadSlots()(() => copyResult(deps, { row, task, seenAt }));
  if ("reason" in outcome) return keepSaving(deps, { row, task, seenAt, failure: outcome });
  return outcome.row;
}

async function copyResult(
  deps: ServiceDeps,
  input: { row: GenerationRow; task: Pick<NormalizedTask, "id" | "url">; seenAt: number },
): Promise<{ row: GenerationRow | undefined } | Failure> {
  const { row, task, seenAt } = input;
  let bytes = await readStaged(deps, row.id);
  const staged = bytes !== undefined;
  let source = "staging";
  if (!bytes) {
    const urlAlive = deps.now() - seenAt < RESULT_URL_LIFETIME_MS;
    try {
      // Past the URL's life only the gateway's own /content can still have it.
      const result = await deps.gateway.fetchResult({ id: task.id, url: urlAlive ? task.url : undefined });
      bytes = result.bytes;
      source = result.source;
    } catch (error) {
      if (!(GatewayError.is(error))) throw error;
      return { stage: "download", reason: error.message, staged: false };
    }
  }

  let info, thumb;
  try {
    info = await inspectImage(bytes);
    thumb = await makeThumbnail(bytes);
  } catch (error) {
    if (!(ImageError.is(error))) throw error;
    if (staged) await discardStaged(deps, row.id);
    return { stage: "download", reason: `the gateway's file is not a usable picture (${error.message})`, staged: false };
  }

  const imageKey = `images/${row.id}.${extensionFor(info.contentType)}`;
  const thumbKey = `thumbs/${row.id}.webp`;
  try {
    await deps.store.put({ key: imageKey, bytes, contentType: info.contentType });
    await deps.store.put({ key: thumbKey, bytes: thumb.bytes, contentType: thumb.contentType });
  } catch (error) {
    const held = staged || (await stage(deps, row.id, bytes));
    return { stage: "storage", reason: `the studio's storage is not answering (${(error as Error).message})`, staged: held };
  }

  const now = deps.now();
  const saved = await deps.db.updateGeneration({
    id: row.id,
    patch: {
      status: "completed",
      progress: 100,
      imageKey,
      thumbKey,
      imageWidth: info.width,
      imageHeight: info.height,
      imageBytes: info.bytes,
      imageContentType: info.contentType,
      thumbBytes: thumb.bytes.length,
      completedAt: now,
      updatedAt: now,
      errorCode: null,
      errorMessage: null,
      savingReason: null,
      stagedBy: null,
    },
    onlyIfStatus: IN_FLIGHT,
  });
  // Only bytes staged by an earlier attempt are on disk: this one stored what it downloaded.
  if (staged) await discardStaged(deps, row.id);
  if (!saved) {
    await discardUnclaimed(deps, { id: row.id, keys: [imageKey, thumbKey] });
    return { row: await deps.db.getGeneration(row.id) };
  }
  logger.info({ generation: row.id, task: task.id, bytes: info.bytes, width: info.width, height: info.height, from: source }, "picture stored");
  return { row: saved };
}

/**
 * Deleted while the copy ran: the files go too, unless the row
 * (completed by another instance, say) points at them.
 */
async function discardUnclaimed(deps: ServiceDeps, input: { id: string; keys: string[] }) {
  const current = await deps.db.getGeneration(input.id);
  const kept = new Set([current?.imageKey, current?.thumbKey]);
  for (const key of input.keys) if (!kept.has(key)) await deps.store.delete(key).catch(() => {});
  logger.info({ generation: input.id, status: current?.status ?? "deleted" }, "picture arrived for a generation no longer waiting for it");
}

async function readStaged(deps: ServiceDeps, id: string): Promise<Buffer | undefined> {
  try {
    const object = await deps.staging.get(stagingKey(id));
    return object ? await buffer(object.stream) : undefined;
  } catch (err) {
    logger.warn({ err, generation: id }, "could not read a staged result");
    return undefined;
  }
}

/** Whether the bytes are now on this instance's disk. */
async function stage(deps: ServiceDeps, id: string, bytes: Buffer): Promise<boolean> {
  // If even the local disk refuses, the next attempt (by any instance) downloads again.
  return deps.staging
    .put({ key: stagingKey(id), bytes, contentType: "application/octet-stream" })
    .then(() => true)
    .catch((err: unknown) => (logger.warn({ err, generation: id }, "could not stage a downloaded result"), false));
}

/** The copy failed this time: keep the row active and say why, or give up once nothing can have it any more. */
async function keepSaving(
  deps: ServiceDeps,
  input: { row: GenerationRow; task: Pick<NormalizedTask, "url">; seenAt: number; failure: Failure },
): Promise<GenerationRow | undefined> {
  const { row, task, seenAt, failure } = input;
  const attempts = row.downloadAttempts + 1;
  const now = deps.now();
  logger.warn({ generation: row.id, task: row.upstreamId, attempts, stage: failure.stage, reason: failure.reason }, "result copy failed");
  // Bytes that reached us wait for storage as long as it takes; a download
  // gives up only after the URL and then /content have had their time.
  const giveUp = failure.stage === "download" && now - seenAt > RESULT_URL_LIFETIME_MS + CONTENT_GRACE_MS;
  if (giveUp) {
    // Taken over from a holder that stopped answering (staged.ts): say where the copy was.
    const strandedElsewhere = row.stagedBy !== null && row.stagedBy !== deps.stagingHolder;
    const where = strandedElsewhere ? "; its copy was on another studio instance, which stopped answering" : "";
    return deps.db.updateGeneration({
      id: row.id,
      patch: {
        status: "failed",
        downloadAttempts: attempts,
        errorCode: "download_failed",
        errorMessage: failedReason(row, `The picture was made but could not be copied to the studio: ${failure.reason}${where}`),
        savingReason: null,
        stagedBy: null,
        updatedAt: now,
      },
      onlyIfStatus: IN_FLIGHT,
    });
  }
  return deps.db.updateGeneration({
    id: row.id,
    patch: {
      status: "processing",
      progress: 100,
      downloadAttempts: attempts,
      resultSeenAt: seenAt,
      resultUrl: task.url ?? row.resultUrl,
      savingReason: failure.reason,
      // Whose disk the bytes wait on now; null: nobody's, so any instance may download them again.
      stagedBy: failure.staged ? deps.stagingHolder : null,
      updatedAt: now,
    },
    onlyIfStatus: IN_FLIGHT,
  });
}
