import "server-only";
import pLimit from "p-limit";
import { processSingleton } from "@/lib/singleton";

/**
 * One bound for every refresh in this process, whoever asks (the poller, a
 * list read's nudge, a single GET): each may hold a result of up to the
 * download cap, so their number bounds the memory they take.
 */
export const REFRESH_CONCURRENCY = 8;
/** Results held in memory at once (downloaded, decoded, thumbnailed). */
export const DOWNLOAD_CONCURRENCY = 2;

export const refreshSlots = () => processSingleton("refresh-slots", () => pLimit(REFRESH_CONCURRENCY));
export const downloadSlots = () => processSingleton("download-slots", () => pLimit(DOWNLOAD_CONCURRENCY));

/** Whether a refresh could start now without waiting: a nudge never queues behind others. */
export function refreshSlotFree(): boolean {
  const slots = refreshSlots();
  return slots.activeCount + slots.pendingCount < REFRESH_CONCURRENCY;
}
