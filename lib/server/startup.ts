import "server-only";
import { ConfigError, getConfig } from "@/lib/config";
import { logger } from "@/lib/log";

/** Start-up: a bad environment stops the process with one line naming the variable. */
export async function startServer(): Promise<void> {
  try {
    const config = getConfig();
    logger.info({ upstream: config.upstream, dataDir: config.dataDir }, "studio starting");
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
