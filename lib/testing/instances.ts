import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openPostgresDatabase, openSqliteDatabase, type StudioDatabase } from "@/lib/db";
import { createTestDatabase } from "@/lib/db/postgres/test-helpers";
import { createGatewayClient } from "@/lib/gateway";
import type { ServiceDeps } from "@/lib/core/deps";
import { createSimulator, type SimulatorOptions } from "@/lib/simulator";
import { createFsStore } from "@/lib/storage";

// Several studio instances sharing one database (SQLite file or a fresh
// PostgreSQL database), one picture store and one simulated gateway, as a
// team runs them behind a proxy. Each instance has its own connection pool,
// staging area and instance id, and (per refresh.ts) its own single-flight.

export type Engine = "sqlite" | "postgres";
export const ENGINES: Engine[] = ["sqlite", "postgres"];

export type InstancesOptions = {
  engine: Engine;
  /** "manual" (default): time moves only by advance(); "real": Date.now. */
  clock?: "manual" | "real";
  simulator?: Partial<SimulatorOptions>;
  pollIntervalMs?: number;
  taskTimeoutMs?: number;
  requestTimeoutMs?: number;
  limits?: { daily?: number; maxActive?: number; maxQueued?: number; monthlyBudget?: number };
  prices?: Record<string, number>;
  /** Each person's daily upload allowance in bytes (default: the studio's, 200 MB). */
  uploadBytesPerDay?: number;
};

export async function studioInstances(options: InstancesOptions) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-inst-"));
  let clock = 1_800_000_000_000;
  const now = options.clock === "real" ? Date.now : () => clock;
  const sim = createSimulator({ apiKey: "k", now, ...options.simulator });
  const url = options.engine === "postgres" ? await createTestDatabase() : undefined;
  const opened: StudioDatabase[] = [];

  async function instance(instanceId: string, overrides: Partial<ServiceDeps> = {}): Promise<ServiceDeps> {
    const db = url ? await openPostgresDatabase({ url }) : openSqliteDatabase({ file: path.join(dir, "studio.db") });
    opened.push(db);
    return {
      db,
      store: createFsStore({ root: path.join(dir, "files") }),
      staging: createFsStore({ root: path.join(dir, "staging", instanceId) }),
      // Its own folder, so its own holder id (a test may share both to play a restart).
      stagingHolder: `stg_${instanceId}`,
      gateway: createGatewayClient({ baseUrl: "http://simulator.invalid", apiKey: "k", fetch: sim.fetch, retryBudgetMs: 0, timeoutMs: options.requestTimeoutMs ?? 2_000 }),
      config: {
        pollIntervalMs: options.pollIntervalMs ?? 1_000,
        taskTimeoutMs: options.taskTimeoutMs ?? 15 * 60_000,
        requestTimeoutMs: options.requestTimeoutMs ?? 2_000,
        limits: { daily: 1_000, maxActive: 100, maxQueued: 0, monthlyBudget: undefined, ...options.limits },
        prices: options.prices ?? {},
        currency: "USD",
        uploadBytesPerDay: options.uploadBytesPerDay ?? 200 * 1024 * 1024,
      },
      now,
      instanceId,
      ...overrides,
    };
  }

  return {
    sim,
    dir,
    instance,
    advance: (ms: number) => void (clock += ms),
    /** Every file under the shared picture store. */
    storedFiles: (): string[] => {
      const root = path.join(dir, "files");
      if (!fs.existsSync(root)) return [];
      return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile()).sort();
    },
    cleanup: async () => {
      await Promise.all(opened.splice(0).map((db) => db.close()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Instances = Awaited<ReturnType<typeof studioInstances>>;

/** A promise and the function that settles it: a gate a test opens when it wants. */
export function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}
