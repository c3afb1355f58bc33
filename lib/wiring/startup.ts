import "server-only";
import { ConfigError, getConfig } from "@/lib/config";
import { startPoller } from "@/lib/generations";
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
  startPoller(deps);
}
