import "server-only";
import { ACTIVE_STATUSES, IN_FLIGHT_STATUSES, type GenerationStatus } from "@/lib/contract";

/** Rows not ended yet, waiting ones included: the one list, from the contract. */
export const ACTIVE = ACTIVE_STATUSES;
/**
 * Rows sent (or being sent) to the gateway, which the poller owes an answer:
 * a waiting row is not among them; the queue moves it (queue.ts).
 */
export const IN_FLIGHT = IN_FLIGHT_STATUSES;
/** Rows waiting on the gateway (a submitting row has no task id yet). */
export const POLLABLE: readonly GenerationStatus[] = ["queued", "processing"];

export const isActive = (status: GenerationStatus) => ACTIVE.includes(status);
export const isInFlight = (status: GenerationStatus) => IN_FLIGHT.includes(status);
