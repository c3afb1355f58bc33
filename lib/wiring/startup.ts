import "server-only";
import { ConfigError, getConfig } from "@/lib/config";
import { startPoller } from "@/lib/generations";
import type { ServiceDeps } from "@/lib/core/deps";
import { unpricedWhileBudgeted } from "@/lib/generations/prices-in-force";
import { useSharedCounters } from "@/lib/shares/throttle";
import { getDeps } from "./deps";
import { logger } from "@/lib/log";

/**
 * Once per server process, before it serves: parse the environment, open the
 * database (applying migrations), and start the poller that carries every
 * active generation to its end. A bad environment stops the process with one
 * line naming the variable.
 */
export async function startServer(): Promise<void> {
  let config;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let deps;
  try {
    deps = await getDeps();
    await deps.db.countActive();
  } catch (error) {
    console.error(`Cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  logger.info({ upstream: config.upstream, dataDir: config.dataDir, db: deps.db.kind, storage: deps.store.kind }, "studio starting");
  await warnAboutUnpricedModels(deps).catch((err: unknown) => logger.warn({ err }, "could not check which models have prices"));
  startPoller(deps);
  // The share pages' budget per address holds across instances: the proxy counts in the database from now on.
  useSharedCounters(deps.db, (err: unknown) => logger.warn({ err }, "the share pages' rate counters could not be counted in the database; this instance counts alone"));
}

/**
 * Budgets set (the studio's or any person's) and models or sizes without a
 * price: say so once at start-up. While a budget applies, requests for them
 * are refused (an unpriced picture would count as free); /admin lists them too.
 */
export async function warnAboutUnpricedModels(deps: Pick<ServiceDeps, "db" | "config">): Promise<void> {
  const { unpriced, budgets } = await unpricedWhileBudgeted(deps);
  if (unpriced.length === 0) return;
  logger.warn(
    { unpriced, budgets },
    `Budgets are set but these have no price: ${unpriced.join(", ")}. While a budget applies to a person, their requests for them are refused. ` +
      "Set the prices in STUDIO_PRICES or on /admin.",
  );
}
