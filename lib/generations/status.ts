import "server-only";
import type { GenerationStatus } from "@/lib/contract";

/** Rows the poller still owes an answer. */
export const ACTIVE: readonly GenerationStatus[] = ["submitting", "queued", "processing"];
/** Rows waiting on the gateway (a submitting row has no task id yet). */
export const POLLABLE: readonly GenerationStatus[] = ["queued", "processing"];

export const isActive = (status: GenerationStatus) => ACTIVE.includes(status);
