import { execFileSync } from "node:child_process";
import { test as base } from "@playwright/test";

// The demo studio every spec may use without starting its own: one per
// Playwright worker (playwright.config.ts starts them), so specs running side
// by side never see each other's pictures, and a spec that watches "nothing
// else in progress" still means it. Tests find theirs through `baseURL`
// (page.goto("/"), request.get("/api/…")).

const MAX_WORKERS = 8;

/**
 * The demo studios' ports: from E2E_PORT up when it is set, else free ones
 * the runner picks once (the config is read first there) and hands to its
 * workers through the environment, so another test run on the machine
 * cannot be in the way.
 */
function demoPorts(): number[] {
  if (process.env.E2E_PORT) return Array.from({ length: MAX_WORKERS }, (_, i) => Number(process.env.E2E_PORT) + (i === 0 ? 0 : 299 + i));
  const ports = (process.env.E2E_DEMO_PORTS ??= execFileSync(
    process.execPath,
    [
      "-e",
      `const net = require("node:net");
       const servers = Array.from({ length: ${MAX_WORKERS} }, () => net.createServer().listen(0, "127.0.0.1"));
       Promise.all(servers.map((s) => new Promise((r) => s.on("listening", r)))).then(() => {
         console.log(servers.map((s) => s.address().port).join(","));
         servers.forEach((s) => s.close());
       });`,
    ],
    { encoding: "utf8" },
  ).trim());
  return ports.split(",").map(Number);
}

/** The demo studio of the worker with this parallel index (0 … workers - 1). */
export function demoPort(parallelIndex: number): number {
  return demoPorts()[parallelIndex];
}

export const demoUrl = (parallelIndex: number) => `http://127.0.0.1:${demoPort(parallelIndex)}`;

export const test = base.extend({
  baseURL: async ({}, use, testInfo) => {
    await use(demoUrl(testInfo.parallelIndex));
  },
});

export { expect } from "@playwright/test";
