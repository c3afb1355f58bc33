import "server-only";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { ensureFirstAdmin } from "@/lib/auth/accounts";
import { getConfig, type StudioConfig } from "@/lib/config";
import { openPostgresDatabase, openSqliteDatabase, type StudioDatabase } from "@/lib/db";
import type { ServiceDeps } from "@/lib/core/deps";
import { processSingleton } from "@/lib/singleton";
import { logger } from "@/lib/log";
import { checkS3Store, createFsStore, createS3Store, folderId, type BlobStore } from "@/lib/storage";
import { getGateway } from "./upstream";

// The composition root: the database, storage and gateway built from the
// environment, once per process. The services (lib/generations, the domain,
// and the ones beside it) only ever see the ServiceDeps this hands them.

/** Start-up errors name the variable to fix. */
function naming(variable: string) {
  return (error: unknown): never => {
    throw new Error(`${variable}: ${(error as Error).message}`, { cause: error });
  };
}

async function openDatabase(config: StudioConfig): Promise<StudioDatabase> {
  if (config.database.kind === "postgres") return openPostgresDatabase({ url: config.database.url }).catch(naming("DATABASE_URL"));
  try {
    return openSqliteDatabase({ file: config.database.file });
  } catch (error) {
    return naming("STUDIO_DATA_DIR")(error);
  }
}

async function openStore(config: StudioConfig): Promise<BlobStore> {
  if (config.storage.kind === "fs") return createFsStore({ root: config.storage.root });
  const { bucket, prefix, clientConfig } = config.storage.settings;
  const store = createS3Store({
    bucket,
    prefix,
    clientConfig: {
      ...clientConfig,
      // The SDK has no timeouts of its own: a stalled bucket must not hang a request forever.
      requestHandler: { requestTimeout: 30_000, connectionTimeout: 5_000 },
    },
  });
  await checkS3Store(store).catch(naming("STORAGE_URL"));
  return store;
}

/**
 * The staging folder's own id (kept in it, so a restart on the same volume
 * finishes what it staged). A folder that cannot be written now is no reason
 * not to start: this process's id stands in, and staging will say why it fails.
 */
async function stagingHolderId(dir: string, instanceId: string): Promise<string> {
  return folderId(dir).catch((err: unknown) => {
    logger.warn({ err, dir }, "the staging folder has no id; using this process's");
    return instanceId;
  });
}

/** The process-wide wiring from the environment, opened (and migrated) once. */
export function getDeps(): Promise<ServiceDeps> {
  return processSingleton("generation-deps", async () => {
    const config = getConfig();
    const [db, store] = await Promise.all([openDatabase(config), openStore(config)]);
    await ensureFirstAdmin(db, config.auth);
    const instanceId = `${os.hostname()}-${process.pid}-${randomBytes(4).toString("hex")}`;
    const stagingDir = path.join(config.dataDir, "staging");
    return {
      db,
      store,
      staging: createFsStore({ root: stagingDir }),
      stagingHolder: await stagingHolderId(stagingDir, instanceId),
      gateway: getGateway(),
      config,
      now: Date.now,
      instanceId,
    };
  });
}
