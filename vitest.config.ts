import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    env: { LOG_LEVEL: "silent", NEXT_TELEMETRY_DISABLED: "1" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // A file handle the garbage collector closes fails the test (issue 21):
    // the setup forces a collection after each file's last test to find them.
    execArgv: ["--expose-gc"],
    setupFiles: ["lib/testing/vitest-setup.ts"],
  },
});
