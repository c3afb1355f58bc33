import "server-only";
import { logger } from "@/lib/log";
import type { ServiceDeps } from "@/lib/core/deps";
import { stagingHolder } from "./staged";

/** A poll lease lasts this many intervals past its last renewal: a dead instance's tasks move on after it. */
export const LEASE_INTERVALS = 5;
/** Renewals per lease span: a renewal may be late twice and the lease still holds. */
const RENEWALS_PER_LEASE = 3;

export type HeldLease = { release(): void };

/**
 * Claims the row's poll for this instance and keeps its lease alive for as
 * long as the refresh runs. One refresh may take the poll's retry budget, a
 * request timeout, a download and storage writes (minutes), far longer than
 * a lease sized for a dead instance's hand-over: renewing, not a longer lease,
 * keeps both a slow refresh unshared and a dead instance's rows moving.
 */
export async function holdLease(deps: ServiceDeps, input: { id: string; now: number }): Promise<HeldLease | undefined> {
  const { id, now } = input;
  const intervalMs = deps.config.pollIntervalMs;
  const leaseMs = intervalMs * LEASE_INTERVALS;
  const owner = deps.instanceId;
  // Never a row whose staged bytes wait on another instance's disk (staged.ts).
  const claimed = await deps.db.tryClaimPoll({ id, now, intervalMs, owner, leaseMs, holder: stagingHolder(deps, now) });
  if (!claimed) return undefined;

  let renewing: Promise<void> | undefined;
  const renew = () => {
    // One renewal at a time: a slow database must not pile them up.
    renewing ??= deps.db
      .renewPollLease({ id, owner, now: deps.now(), until: deps.now() + leaseMs })
      .then((held) => {
        if (!held) logger.warn({ generation: id, owner }, "poll lease lost during a refresh");
      })
      .catch(async (err: unknown) => {
        // Deleted while its refresh ran (the lease row goes with it): nothing left to hold.
        if (!(await deps.db.getGeneration(id).catch(() => true))) return clearInterval(timer);
        logger.warn({ err, generation: id }, "poll lease renewal failed");
      })
      .finally(() => (renewing = undefined));
  };
  const timer = setInterval(renew, Math.max(50, Math.floor(leaseMs / RENEWALS_PER_LEASE)));
  timer.unref();
  return { release: () => clearInterval(timer) };
}
