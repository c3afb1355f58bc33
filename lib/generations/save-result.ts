import "server-only";
import type { GenerationRow } from "@/lib/db";
import { GatewayError, type NormalizedTask } from "@/lib/gateway";
import { ImageError, extensionFor, inspectImage, makeThumbnail } from "@/lib/images";
import { logger } from "@/lib/log";
import type { GenerationDeps } from "./deps";
import { ACTIVE } from "./status";

// Gateway URLs expire (about 2 h, sometimes less): the picture is copied the
// moment the task completes, and a failed copy is retried on the next polls.
export const MAX_DOWNLOAD_ATTEMPTS = 4;


export async function saveResult(
  deps: GenerationDeps,
  input: { row: GenerationRow; task: NormalizedTask },
): Promise<GenerationRow | undefined> {
  const { row, task } = input;
  try {
    const result = await deps.gateway.fetchResult(task);
    const info = await inspectImage(result.bytes);
    const thumb = await makeThumbnail(result.bytes);
    const imageKey = `images/${row.id}.${extensionFor(info.contentType)}`;
    const thumbKey = `thumbs/${row.id}.webp`;
    await deps.store.put({ key: imageKey, bytes: result.bytes, contentType: info.contentType });
    await deps.store.put({ key: thumbKey, bytes: thumb.bytes, contentType: thumb.contentType });
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
      },
      onlyIfStatus: ACTIVE,
    });
    logger.info({ generation: row.id, task: task.id, bytes: info.bytes, width: info.width, height: info.height, from: result.source }, "picture stored");
    return saved;
  } catch (error) {
    if (!(GatewayError.is(error)) && !(ImageError.is(error))) throw error;
    const attempts = row.downloadAttempts + 1;
    const reason = ImageError.is(error) ? `the gateway's file is not a usable picture (${error.message})` : error.message;
    logger.warn({ generation: row.id, task: task.id, attempts, reason }, "result download failed");
    const giveUp = attempts >= MAX_DOWNLOAD_ATTEMPTS;
    return deps.db.updateGeneration({
      id: row.id,
      patch: giveUp
        ? {
            status: "failed",
            downloadAttempts: attempts,
            errorCode: "download_failed",
            errorMessage: `The picture was made but could not be copied to the studio: ${reason}`,
            updatedAt: deps.now(),
          }
        : { status: "processing", progress: 100, downloadAttempts: attempts, updatedAt: deps.now() },
      onlyIfStatus: ACTIVE,
    });
  }
}
