import { ratioOf, type Figure, type Measurement } from "./support/figures";
import { sleep } from "./support/stats";

// 1. Upstream amplification: N browser tabs each read the active list every
// second (what lib/client/use-feed.ts does) while 10 tasks are in progress, with
// the server's poller running as in production. Upstream GETs come from the
// simulator's own counters. Baseline: a naive proxy that forwards every
// browser poll to the gateway (one GET per task per read), against its own
// simulator, over the same seconds.

const TABS = [1, 5, 20] as const;
const TASKS = 10;
// 18 s rather than the 20 s: a whole number of poll intervals (6), so
// "per interval" has no partial interval at either end.
const WATCH_MS = 18_000;
const TAB_POLL_MS = 1_000; // lib/client/use-feed.ts ACTIVE_POLL_MS
const INTERVAL_MS = 3_000; // STUDIO_POLL_INTERVAL_MS's default
// Tasks take 6 s / 0.2 = 30 s (nano_banana_2 at 2K): active through the whole watch.
const SPEED = 0.2;
// The claim is taken before the GET is sent; two sends may sit a few ms closer than the claims did.
const JITTER_MS = 50;

/** Most timestamps in any window of `windowMs` (two pointers over sorted times). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi] - sorted[lo] >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/** `tabs` loops, each reading once per TAB_POLL_MS for WATCH_MS, spread evenly over the second. */
async function runTabs(tabs: number, start: number, read: () => Promise<void>): Promise<number> {
  let reads = 0;
  await Promise.all(
    Array.from({ length: tabs }, async (_, tab) => {
      const phase = Math.floor((tab / tabs) * TAB_POLL_MS);
      for (let k = 0; k < Math.ceil(WATCH_MS / TAB_POLL_MS) + 1; k++) {
        const at = start + phase + k * TAB_POLL_MS;
        if (at >= start + WATCH_MS) break;
        await sleep(Math.max(0, at - Date.now()));
        await read();
        reads++;
      }
    }),
  );
  return reads;
}

export async function measure(): Promise<Measurement> {
  const { bootStudio } = await import("@/lib/testing/studio");
  const studio = await bootStudio({
    SIMULATOR_SPEED: String(SPEED),
    STUDIO_POLL_INTERVAL_MS: String(INTERVAL_MS),
    STUDIO_MAX_ACTIVE: "1000",
    STUDIO_DAILY_LIMIT: "100000",
  });
  const { createPoller } = await import("@/lib/generations");
  const { createSimulator } = await import("@/lib/simulator");
  const { createGatewayClient } = await import("@/lib/gateway");
  const poller = createPoller(studio.deps);

  const naiveSim = createSimulator({ apiKey: "bench", speed: SPEED });
  const naiveGateway = createGatewayClient({ baseUrl: "http://simulator.invalid", apiKey: "bench", fetch: naiveSim.fetch, retryBudgetMs: 0 });
  /** The baseline: what a pass-through proxy does with one browser read of the active list. */
  const passThrough = (taskIds: string[]) => Promise.all(taskIds.map((id) => naiveGateway.get(id)));

  const intervals = Math.ceil(WATCH_MS / INTERVAL_MS);
  const figures: Figure[] = [];
  const details: Record<string, unknown> = { watchMs: WATCH_MS, tabPollMs: TAB_POLL_MS, intervalMs: INTERVAL_MS, tasks: TASKS, speed: SPEED };
  try {
    for (const tabs of TABS) {
      const made = [];
      for (let k = 0; k < TASKS; k++) {
        const res = await studio.create({ model: "nano_banana_2", imageSize: "2K", aspectRatio: "16:9", prompt: `watched by ${tabs} tabs, task ${k}` });
        if (res.status !== 201) throw new Error(`create answered ${res.status}: ${await res.text()}`);
        made.push(...((await res.json()) as { generations: { id: string; upstreamId: string }[] }).generations);
      }
      const naiveIds: string[] = [];
      for (let k = 0; k < TASKS; k++) {
        naiveIds.push((await naiveGateway.submit({ model: "nano_banana_2", imageSize: "2K", aspectRatio: "16:9", prompt: `naive ${tabs}/${k}` })).id);
      }

      studio.sim.resetStats();
      naiveSim.resetStats();
      const start = Date.now();
      const [reads] = await Promise.all([
        runTabs(tabs, start, async () => {
          const res = await studio.list("?status=active&limit=100");
          const body = (await res.json()) as { items: unknown[] };
          if (res.status !== 200 || body.items.length !== TASKS) throw new Error(`active list answered ${res.status} with ${body.items.length} items`);
        }),
        runTabs(tabs, start, async () => void (await passThrough(naiveIds))),
      ]);
      await sleep(300); // a refresh still in flight lands in the counters
      const end = start + WATCH_MS;

      const stats = studio.sim.stats();
      const timesByTask = made.map((g) => (stats.pollTimesByTask[g.upstreamId] ?? []).filter((t) => t >= start && t < end));
      const gets = timesByTask.reduce((n, times) => n + times.length, 0);
      const worstWindow = Math.max(...timesByTask.map((times) => maxInWindow(times, INTERVAL_MS - JITTER_MS)));
      const naiveStats = naiveSim.stats();
      const naiveGets = naiveIds.reduce((n, id) => n + (naiveStats.pollTimesByTask[id] ?? []).filter((t) => t >= start && t < end + 1_000).length, 0);

      const perInterval = gets / (TASKS * intervals);
      const naivePerInterval = naiveGets / (TASKS * intervals);
      figures.push({
        id: `amplification.tabs${tabs}`,
        name: `1 upstream GETs/task/${INTERVAL_MS / 1000}s interval, ${tabs} tab${tabs > 1 ? "s" : ""}`,
        value: perInterval,
        unit: "GET",
        baseline: { value: naivePerInterval, label: "pass-through" },
        ratio: ratioOf(perInterval, naivePerInterval),
        target: "≤ 1",
        meets: perInterval <= 1 && worstWindow <= 1,
        note: `${reads} reads → ${gets} GETs; worst ${worstWindow} GET in one interval`,
      });
      details[`tabs${tabs}`] = { reads, gets, naiveGets, worstWindow, getsPerTask: timesByTask.map((t) => t.length) };

      // Out of the next run's active list.
      for (const g of made) await studio.remove(g.id);
      for (const id of naiveIds) naiveSim.forgetTask(id);
    }
  } finally {
    poller.stop();
    studio.cleanup();
  }
  return { figures, details };
}
