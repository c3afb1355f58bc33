import "server-only";
import { ACTIVE_STATUSES, type GenerationStatus } from "@/lib/contract";

/** Rows the poller still owes an answer: the one list, from the contract. */
export const ACTIVE = ACTIVE_STATUSES;
/** Rows waiting on the gateway (a submitting row has no task id yet). */
export const POLLABLE: readonly GenerationStatus[] = ["queued", "processing"];

export const isActive = (status: GenerationStatus) => ACTIVE.includes(status);
