import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./support/demo";
import { freePort, startStudio } from "./support/server";

// A server killed while tasks are processing loses nothing: a new one on the
// same data dir picks every task up and stores every picture.

test("tasks in flight survive a SIGKILL and a restart", async () => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-restart-"));
  const env = { SIMULATOR_SPEED: "0.6", STUDIO_POLL_INTERVAL_MS: "500" };
  const first = await startStudio({ port: await freePort(), dataDir, env });

  const res = await fetch(`${first.url}/api/generations`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: first.url },
    body: JSON.stringify({ model: "nano_banana_pro", prompt: "survives a crash", count: 3 }),
  });
  expect(res.status).toBe(201);
  const { generations } = (await res.json()) as { generations: { id: string }[] };

  // Wait until the gateway reports them processing, then kill without warning.
  await expect
    .poll(async () => {
      const list = await (await fetch(`${first.url}/api/generations?status=active`)).json();
      return list.items.filter((g: { status: string }) => g.status === "processing").length;
    })
    .toBe(3);
  await first.kill("SIGKILL");

  const second = await startStudio({ port: await freePort(), dataDir, env });
  try {
    for (const { id } of generations) {
      await expect
        .poll(async () => (await (await fetch(`${second.url}/api/generations/${id}`)).json()).status, { timeout: 60_000 })
        .toBe("completed");
      const image = await fetch(`${second.url}/api/images/${id}`);
      expect(image.status).toBe(200);
      expect(image.headers.get("content-type")).toBe("image/png");
      expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    }
  } finally {
    await second.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
