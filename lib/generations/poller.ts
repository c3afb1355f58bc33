import "server-only";
import { logger } from "@/lib/log";
import { processSingleton } from "@/lib/singleton";
import type { ServiceDeps } from "@/lib/core/deps";
import { pruneUnusedUploads } from "./prune-references";
import { moveQueues } from "./queue";
import { isDue, refreshGeneration } from "./refresh";
import { stagingHolder } from "./staged";

const CONCURRENCY = 8;
/** Rows read per sweep; a larger backlog is read over several sweeps, a page each (see `sweep`). */
const BATCH = 500;
/** Unused uploads are looked for this often (a cheap query; see prune-references.ts). */
const PRUNE_EVERY_MS = 3_600_000;

export type Poller = { stop(): void; tick(): Promise<void> };

/**
 * Carries every active generation to its end with no browser open, and picks
 * up what a previous process left queued or processing; sends waiting ones
 * as their person's slots free. Ticks several times
 * per interval; the database's poll claim keeps upstream GETs to one per task
 * per interval, so a tick arriving a little early costs nothing.
 *
 * Every due row gets its turn whatever the backlog: each sweep
 * reads the next page of due active rows after a cursor, and starts from the
 * oldest again once a page comes back short. A row waits at most one pass
 * over the backlog (backlog ÷ BATCH sweeps), however many older rows stay
 * due (a long storage outage keeps every "Saving…" row active).
 */
export function createPoller(deps: ServiceDeps): Poller {
  let running: Promise<void> | undefined;
  const tickMs = Math.max(100, Math.min(1_000, Math.floor(deps.config.pollIntervalMs / 4)));

  let prunedAt = -Infinity;
  /** The last id of the previous page; undefined: start from the oldest. */
  let cursor: string | undefined;
  async function sweep() {
    if (deps.now() - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = deps.now();
      // Beside the polling, not before it: one run may delete thousands of files.
      void pruneUnusedUploads(deps).catch((err: unknown) => logger.error({ err }, "pruning unused uploads failed"));
    }
    const now = deps.now();
    const intervalMs = deps.config.pollIntervalMs;
    // Rows polled within the interval, or whose bytes another instance holds, are not read at all.
    const page = await deps.db.listActive({ limit: BATCH, afterId: cursor, due: { now, intervalMs }, holder: stagingHolder(deps, now) });
    cursor = page.length < BATCH ? undefined : page[page.length - 1].id;
    // Rows backing off (a copy, an unanswered gateway) are read but not refreshed before their time.
    const rows = page.filter((row) => isDue(row, now, intervalMs));
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++];
        await refreshGeneration(deps, row.id).catch((err: unknown) =>
          logger.error({ err, generation: row.id }, "refresh failed"),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, rows.length) }, worker));
    // After the refreshes, which free the slots of pictures that ended: the
    // queue's next rows take them, whichever instance sweeps first.
    await moveQueues(deps);
  }

  const tick = () => {
    // One sweep at a time; a slow gateway must not pile sweeps up.
    running ??= sweep()
      .catch((err: unknown) => logger.error({ err }, "poller sweep failed"))
      .finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(tick, tickMs);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer), tick };
}

/** Once per server process. */
export function startPoller(deps: ServiceDeps): Poller {
  return processSingleton("poller", () => {
    logger.info({ intervalMs: deps.config.pollIntervalMs }, "poller started");
    return createPoller(deps);
  });
}
