import "server-only";
import { StudioError } from "@/lib/errors";
import type { ServiceDeps } from "@/lib/core/deps";
import { startOfUtcDay } from "./quota";

// Each person may store STUDIO_UPLOAD_BYTES_PER_DAY bytes of reference
// pictures a UTC day: without it one member could fill the disk or
// the bucket faster than the pruner empties it. Every stored upload counts,
// whichever way it came (POST /api/references, a request's data URLs, the
// copies of its links, /v1/images/edits' files); an upload named by its id
// was counted when it was uploaded. The check and the count are one
// statement (db.addUploadBytes), so concurrent uploads cannot pass together.

const DAY_MS = 86_400_000;

/** Bytes counted for one person on one day, to be given back if they are not stored after all. */
export type UploadReservation = { createdBy: string; day: number; bytes: number };

/** Counts `bytes` against the person's allowance for today, or refuses them (429 quota_exceeded) with nothing counted. */
export async function reserveUploadBytes(deps: ServiceDeps, input: { createdBy: string; bytes: number }): Promise<UploadReservation> {
  const now = deps.now();
  const day = startOfUtcDay(now);
  const reservation = { createdBy: input.createdBy, day, bytes: input.bytes };
  const limit = deps.config.uploadBytesPerDay;
  if (limit === 0 || input.bytes === 0) return { ...reservation, bytes: 0 };
  const { added, total } = await deps.db.addUploadBytes({ ...reservation, limit });
  if (added) return reservation;
  throw new StudioError(
    "quota_exceeded",
    `Daily upload allowance reached: ${formatBytes(total)} of ${formatBytes(limit)} uploaded today, and this upload is ${formatBytes(input.bytes)}. ` +
      "It resets at midnight UTC.",
    { retryAfterSeconds: Math.ceil((day + DAY_MS - now) / 1000) },
  );
}

/** Gives back the part of a reservation that was never stored (a failed write, a refused request before its writes). */
export async function returnUploadBytes(deps: ServiceDeps, reservation: UploadReservation, bytes = reservation.bytes): Promise<void> {
  if (bytes <= 0) return;
  await deps.db.returnUploadBytes({ createdBy: reservation.createdBy, day: reservation.day, bytes });
}

/** "512 bytes", "7.5 KB", "200 MB": as the allowance is set (powers of 1024). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, "KB"] : bytes < 1024 ** 3 ? [bytes / 1024 ** 2, "MB"] : [bytes / 1024 ** 3, "GB"];
  return `${Number(value.toFixed(1))} ${unit}`;
}
