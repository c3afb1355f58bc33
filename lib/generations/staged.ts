import "server-only";
import type { GenerationRow, StagingHolder } from "@/lib/db";
import type { ServiceDeps } from "@/lib/core/deps";

// Bytes downloaded while storage was down wait in one staging folder (local
// disk, a volume in compose.yaml). The row names that folder's holder
// (stagedBy), and only it finishes the copy: another instance
// would download again, or, once the gateway's copy has expired, give up on a
// picture that sits safely on the holder's disk.
//
// If the holder never comes back: it retries storage at least every few
// minutes while it lives (the backoff's cap) and only it claims the row, so a
// row it has not polled for STAGED_HOLDER_SILENCE_MS counts as abandoned.
// Another instance may then claim it and fetch the picture from the gateway
// again (its URL while it lives, then /content), staging its own copy if
// storage is still down; if the gateway no longer has it, the row fails as a
// download that could not be made. A holder restarted on the same folder
// keeps its id (lib/storage/folder-id.ts) and carries on within that time.

/** Silence after which another instance may take a staged row over: six times the longest backoff. */
export const STAGED_HOLDER_SILENCE_MS = 30 * 60_000;

/** This instance as a staging holder, for the database's claim and list. */
export function stagingHolder(deps: Pick<ServiceDeps, "stagingHolder">, now: number): StagingHolder {
  return { id: deps.stagingHolder, abandonedBefore: now - STAGED_HOLDER_SILENCE_MS };
}

/** Whether another holder's staged bytes wait in this row and it has not been silent long enough to take over. */
export function heldElsewhere(deps: Pick<ServiceDeps, "stagingHolder">, row: Pick<GenerationRow, "stagedBy" | "lastPolledAt">, now: number): boolean {
  if (row.stagedBy === null || row.stagedBy === deps.stagingHolder) return false;
  return row.lastPolledAt === null || row.lastPolledAt > stagingHolder(deps, now).abandonedBefore;
}
