import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

// Files that assert wall-clock bounds (a 4K PNG read in under a second,
// polls an interval apart, a give-up within its budget): the test line runs
// them last and alone (the "timing" project), not beside the build and the
// browser tests, so a busy CPU cannot fail them. `vitest run` runs both.
const TIMING = [
  "lib/images/inspect.test.ts",
  "lib/simulator/render.test.ts",
  "app/api/watchers.test.ts",
  "lib/openai-compat/wait.test.ts",
  "lib/net/fetch-reference.test.ts",
];

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    environment: "node",
    env: { LOG_LEVEL: "silent", NEXT_TELEMETRY_DISABLED: "1" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default is one worker per core less one: a single worker on
    // two cores. Most files wait (sign-in throttles, simulated gateways,
    // PostgreSQL, timers) more than they compute, so three run at once; each
    // file has its own data dir and PostgreSQL database, so none meet.
    maxWorkers: 3,
    // A file handle the garbage collector closes fails the test:
    // the setup forces a collection after each file's last test to find them.
    execArgv: ["--expose-gc"],
    setupFiles: ["lib/testing/vitest-setup.ts"],
    projects: [
      // Each project says its own files: `extends` would add them to a shared include.
      { extends: true, test: { name: "unit", include: ["lib/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"], exclude: [...configDefaults.exclude, ...TIMING] } },
      { extends: true, test: { name: "timing", include: TIMING } },
    ],
  },
});
