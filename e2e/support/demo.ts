import { test as base } from "@playwright/test";

// The demo studio every spec may use without starting its own: one per
// Playwright worker (playwright.config.ts starts them), so specs running side
// by side never see each other's pictures, and a spec that watches "nothing
// else in progress" still means it. Tests find theirs through `baseURL`
// (page.goto("/"), request.get("/api/…")).

export const DEMO_PORT = Number(process.env.E2E_PORT ?? 3100);

/** The demo studio of the worker with this parallel index (0 … workers - 1). */
export function demoPort(parallelIndex: number): number {
  // 3100, then 3400, 3401, …: the ports between are specs' own servers'.
  return parallelIndex === 0 ? DEMO_PORT : DEMO_PORT + 299 + parallelIndex;
}

export const demoUrl = (parallelIndex: number) => `http://127.0.0.1:${demoPort(parallelIndex)}`;

export const test = base.extend({
  baseURL: async ({}, use, testInfo) => {
    await use(demoUrl(testInfo.parallelIndex));
  },
});

export { expect } from "@playwright/test";
