import { afterAll, beforeAll, expect, it } from "vitest";
import type { Generation } from "@/lib/contract";
import { bootStudio, type Studio } from "@/lib/testing/studio";

// Many browsers watching one task must not multiply the gateway's load: at
// most one upstream GET per task per poll interval, however many ask.

const INTERVAL = 500;
let studio: Studio;
beforeAll(async () => {
  // Slow tasks so the watch lasts; no poller: reads alone drive the polls here.
  studio = await bootStudio({ STUDIO_POLL_INTERVAL_MS: String(INTERVAL), SIMULATOR_SPEED: "0.5" });
});
afterAll(() => studio.cleanup());

it("twenty concurrent watchers cause at most one upstream GET per poll interval", async () => {
  const [g] = ((await (await studio.create({ model: "nano_banana_2", prompt: "watched" })).json()) as { generations: Generation[] }).generations;
  const started = Date.now();
  const watchMs = 3_000;
  let reads = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (Date.now() - started < watchMs) {
        const res = await studio.get(g.id);
        expect(res.status).toBe(200);
        reads++;
        await new Promise((r) => setTimeout(r, 25));
      }
    }),
  );
  // Let a refresh still in flight land in the counters.
  await new Promise((r) => setTimeout(r, 200));
  const times = studio.sim.stats().pollTimesByTask[g.upstreamId!] ?? [];
  console.log(`watchers: ${reads} reads by 20 watchers over ${watchMs} ms → ${times.length} upstream GETs (interval ${INTERVAL} ms)`);
  expect(reads).toBeGreaterThan(200);
  expect(times.length).toBeGreaterThanOrEqual(2);
  expect(times.length).toBeLessThanOrEqual(Math.floor(watchMs / INTERVAL) + 1);
  for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(INTERVAL - 20);
});
