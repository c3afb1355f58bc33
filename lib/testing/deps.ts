import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openSqliteDatabase } from "@/lib/db";
import { createGatewayClient } from "@/lib/gateway";
import type { ServiceDeps } from "@/lib/core/deps";
import { createSimulator, type SimulatorOptions } from "@/lib/simulator";
import { createFsStore } from "@/lib/storage";

// Service-level wiring for tests: real SQLite and files in a temp dir, the
// simulator on a hand-stepped clock shared with the services.

export function testDeps(input: { simulator?: Partial<SimulatorOptions>; pollIntervalMs?: number; taskTimeoutMs?: number; requestTimeoutMs?: number } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-svc-"));
  let clock = 1_800_000_000_000;
  const now = () => clock;
  const sim = createSimulator({ apiKey: "k", now, ...input.simulator });
  const deps: ServiceDeps = {
    db: openSqliteDatabase({ file: path.join(dir, "studio.db") }),
    store: createFsStore({ root: path.join(dir, "files") }),
    staging: createFsStore({ root: path.join(dir, "staging") }),
    stagingHolder: "test-staging",
    gateway: createGatewayClient({ baseUrl: "http://simulator.invalid", apiKey: "k", fetch: sim.fetch, retryBudgetMs: 0, timeoutMs: input.requestTimeoutMs ?? 2_000 }),
    config: {
      pollIntervalMs: input.pollIntervalMs ?? 1_000,
      taskTimeoutMs: input.taskTimeoutMs ?? 15 * 60_000,
      requestTimeoutMs: input.requestTimeoutMs ?? 2_000,
      limits: { daily: 1_000, maxActive: 100, maxQueued: 0, monthlyBudget: undefined },
      prices: {},
      currency: "USD",
      uploadBytesPerDay: 200 * 1024 * 1024,
    },
    now,
    instanceId: "test-instance",
  };
  return {
    deps,
    sim,
    dir,
    advance: (ms: number) => void (clock += ms),
    cleanup: async () => {
      await deps.db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
