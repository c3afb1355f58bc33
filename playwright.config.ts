import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "./e2e/support/chromium";
import { demoPort } from "./e2e/support/demo";

// Three workers: each spec file runs whole in one of them (fullyParallel off),
// against its own servers or its worker's demo studio (e2e/support/demo.ts);
// most of a browser test's time is waiting for pictures, which three share on
// two cores (measured: 282 s for what two workers did in 340 s). The tests
// tagged @timing assert wall-clock spacing: the test line runs them after the
// rest, alone (scripts/test-all.sh).
const workers = Number(process.env.E2E_WORKERS ?? 3);
const dataRoot = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `nano-studio-e2e-${process.pid}`);

/** The built app in demo mode on a throw-away data dir; the simulator runs fast. */
function demoStudio(parallelIndex: number) {
  const port = demoPort(parallelIndex);
  const dataDir = path.join(dataRoot, `worker-${parallelIndex}`);
  return {
    command: `rm -rf "${dataDir}" && node_modules/.bin/next start -p ${port} -H 127.0.0.1`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      STUDIO_DATA_DIR: dataDir,
      SIMULATOR_SPEED: "3",
      STUDIO_POLL_INTERVAL_MS: "500",
      NANO_API_KEY: "",
      LOG_LEVEL: "warn",
    },
  };
}

export default defineConfig({
  testDir: "e2e",
  // The @timing run has its own, so it does not clear the main run's failure screenshots.
  outputDir: process.env.E2E_OUTPUT ?? "test-results/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: process.env.E2E_JSON ?? "test-results/e2e.json" }]],
  use: {
    // Worker 0's demo studio; specs importing e2e/support/demo.ts get their worker's.
    baseURL: `http://127.0.0.1:${demoPort(0)}`,
    launchOptions: CHROMIUM_LAUNCH,
    trace: "off",
    screenshot: "only-on-failure",
  },
  // One demo studio per worker (the tests' baseURL, e2e/support/demo.ts).
  webServer: Array.from({ length: workers }, (_, i) => demoStudio(i)),
});
