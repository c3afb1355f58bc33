import "server-only";
import path from "node:path";
import { getConfig, type StudioConfig } from "@/lib/config";
import { openSqliteDatabase, type StudioDatabase } from "@/lib/db";
import type { GatewayClient } from "@/lib/gateway";
import { processSingleton } from "@/lib/server/singleton";
import { createFsStore, type BlobStore } from "@/lib/storage";
import { getGateway } from "@/lib/upstream";

/** What the life of a generation needs from the outside; tests build their own. */
export type GenerationDeps = {
  db: StudioDatabase;
  store: BlobStore;
  gateway: GatewayClient;
  config: Pick<StudioConfig, "pollIntervalMs" | "taskTimeoutMs" | "requestTimeoutMs" | "limits">;
  now: () => number;
};

/** The process-wide wiring from the environment. */
export function getDeps(): GenerationDeps {
  return processSingleton("generation-deps", () => {
    const config = getConfig();
    return {
      db: openSqliteDatabase({ file: path.join(config.dataDir, "studio.db") }),
      store: createFsStore({ root: path.join(config.dataDir, "files") }),
      gateway: getGateway(),
      config,
      now: Date.now,
    };
  });
}
