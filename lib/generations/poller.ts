import "server-only";
import { logger } from "@/lib/log";
import { processSingleton } from "@/lib/singleton";
import type { GenerationDeps } from "./deps";
import { pruneUnusedUploads } from "./prune-references";
import { refreshGeneration } from "./refresh";

const CONCURRENCY = 8;
const BATCH = 500;
/** Unused uploads are looked for this often (a cheap query; see prune-references.ts). */
const PRUNE_EVERY_MS = 3_600_000;

export type Poller = { stop(): void; tick(): Promise<void> };

/**
 * Carries every active generation to its end with no browser open, and picks
 * up what a previous process left queued or processing. Ticks several times
 * per interval; the database's poll claim keeps upstream GETs to one per task
 * per interval, so a tick arriving a little early costs nothing.
 */
export function createPoller(deps: GenerationDeps): Poller {
  let running: Promise<void> | undefined;
  const tickMs = Math.max(100, Math.min(1_000, Math.floor(deps.config.pollIntervalMs / 4)));

  let prunedAt = -Infinity;
  async function sweep() {
    if (deps.now() - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = deps.now();
      // Beside the polling, not before it: one run may delete thousands of files.
      void pruneUnusedUploads(deps).catch((err: unknown) => logger.error({ err }, "pruning unused uploads failed"));
    }
    const rows = await deps.db.listActive({ limit: BATCH });
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
export function startPoller(deps: GenerationDeps): Poller {
  return processSingleton("poller", () => {
    logger.info({ intervalMs: deps.config.pollIntervalMs }, "poller started");
    return createPoller(deps);
  });
}
