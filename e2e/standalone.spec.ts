import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./support/demo";
import { freePort } from "./support/server";

// The container image runs `node server.js` from the folder that
// scripts/assemble-standalone.sh lays out (the Dockerfile calls the same
// script). No Docker engine here, so this starts that folder directly.

const folder = process.env.STANDALONE_DIR ?? "test-results/standalone-server";

test("the standalone server the Dockerfile ships starts and makes a picture", async ({ page }) => {
  test.setTimeout(90_000);
  expect(fs.existsSync(path.join(folder, "server.js")), `run through npm test, which assembles ${folder}`).toBe(true);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-standalone-"));
  const port = await freePort();
  const child = spawn("node", ["server.js"], {
    cwd: folder,
    env: { ...process.env, PORT: String(port), HOSTNAME: "127.0.0.1", STUDIO_DATA_DIR: dataDir, NANO_API_KEY: "", SIMULATOR_SPEED: "4", STUDIO_POLL_INTERVAL_MS: "300", NODE_ENV: "production" },
    stdio: "ignore",
    detached: true,
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    await expect.poll(async () => (await fetch(`${url}/api/health`).catch(() => undefined))?.status, { timeout: 30_000 }).toBe(200);
    await page.goto(url);
    await expect(page.getByRole("status").filter({ hasText: "Demo upstream" })).toBeVisible();
    await page.getByLabel("Prompt", { exact: true }).fill("shipped in a container 容器");
    await page.getByRole("button", { name: "Generate", exact: true }).click();
    await expect(page.getByRole("img", { name: "shipped in a container 容器" })).toBeVisible({ timeout: 30_000 });
    // Migrations ran from the folder's own drizzle/ copy.
    expect(fs.existsSync(path.join(dataDir, "studio.db"))).toBe(true);
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
