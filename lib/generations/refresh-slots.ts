import "server-only";
import pLimit from "p-limit";
import { processSingleton } from "@/lib/singleton";

/**
 * One bound for every refresh in this process, whoever asks (the poller, a
 * list read's nudge, a single GET): each may hold a result of up to the
 * download cap, so their number bounds the memory they take.
 */
export const REFRESH_CONCURRENCY = 8;
/**
 * Results held in memory at once (downloaded, decoded, thumbnailed). Decodes
 * already run one at a time (lib/images/gate.ts), so a second slot only
 * overlapped the transfer: with 50 pictures at 4K it held RSS higher (npm run
 * bench -- memory, 4K case: in flight 301 → 249 MB, peak 307 → 297 MB with
 * one) and bought nothing measurable for 1K pictures (completion → visible,
 * median of 50: 2.7 s with two, 2.8 s with one).
 */
export const DOWNLOAD_CONCURRENCY = 1;

export const refreshSlots = () => processSingleton("refresh-slots", () => pLimit(REFRESH_CONCURRENCY));
export const downloadSlots = () => processSingleton("download-slots", () => pLimit(DOWNLOAD_CONCURRENCY));

/** Whether a refresh could start now without waiting: a nudge never queues behind others. */
export function refreshSlotFree(): boolean {
  const slots = refreshSlots();
  return slots.activeCount + slots.pendingCount < REFRESH_CONCURRENCY;
}
