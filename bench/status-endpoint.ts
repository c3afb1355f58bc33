import { ratioOf, type Figure, type Measurement } from "./support/figures";
import { autocannon, type LoadResult } from "./support/load";
import { seedDataDir } from "./support/seed";
import { withServer } from "./support/server";

// 2. The status endpoint the page polls every second while anything is active
// (GET /api/generations?status=active&limit=100, lib/client/use-feed.ts), on
// the built app under `next start`, with 10,000 stored generations (seeded
// in one transaction before the server starts) and 10 in progress (created
// through the API on a slow simulator, so they stay active throughout). Load
// from a second process: autocannon, 10 connections, 2 s of warm-up each, then
// two rounds of 4 s per endpoint in alternation (ping, status, ping, status) so
// that a neighbour's load on this shared machine hits both alike; each
// endpoint's figures are from its better round. Baseline: GET /api/ping in the
// same server, same run.

const PORT = 3401;
const STORED = 10_000;
const ACTIVE = 10;
const CONNECTIONS = 10;
const ROUNDS = 2;
const SECONDS = 4;
const WARMUP_SECONDS = 2;

export async function measure(): Promise<Measurement> {
  return withServer(
    {
      port: PORT,
      label: "status",
      // 4 s / 0.05 = 80 s per task: active through the whole load.
      env: { SIMULATOR_SPEED: "0.05", STUDIO_MAX_ACTIVE: "100", STUDIO_DAILY_LIMIT: "1000" },
      seed: async (dir) => void (await seedDataDir(dir, STORED)),
    },
    async (server) => {
      for (const count of [4, 4, 2]) {
        const res = await fetch(`${server.url}/api/generations`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ model: "nano_banana_2", prompt: "kept busy during the load", count }),
        });
        if (res.status !== 201) throw new Error(`create answered ${res.status}: ${await res.text()}`);
      }
      const statusUrl = `${server.url}/api/generations?status=active&limit=100`;
      const pingUrl = `${server.url}/api/ping`;
      const active = (await (await fetch(statusUrl)).json()) as { items: unknown[] };
      if (active.items.length !== ACTIVE) throw new Error(`expected ${ACTIVE} active generations, the endpoint lists ${active.items.length}`);

      const run = (url: string, seconds: number) => autocannon({ url, connections: CONNECTIONS, seconds });
      await run(pingUrl, WARMUP_SECONDS);
      await run(statusUrl, WARMUP_SECONDS);
      const rounds: { ping: LoadResult; status: LoadResult }[] = [];
      for (let i = 0; i < ROUNDS; i++) rounds.push({ ping: await run(pingUrl, SECONDS), status: await run(statusUrl, SECONDS) });
      const best = (which: "ping" | "status") => rounds.map((r) => r[which]).reduce((a, b) => (b.rps > a.rps ? b : a));
      const ping = best("ping");
      const status = best("status");
      const stillActive = ((await (await fetch(statusUrl)).json()) as { items: unknown[] }).items.length;

      const bad = (r: LoadResult) => r.non2xx + r.errors;
      const note = bad(status) + bad(ping) > 0 ? `${bad(status)} failed status requests, ${bad(ping)} failed pings` : `best of ${ROUNDS} × ${SECONDS} s; none failed`;
      const figures: Figure[] = [
        {
          id: "status.rps",
          name: `2 status endpoint throughput (${STORED / 1000}k stored, ${ACTIVE} active)`,
          value: status.rps,
          unit: "req/s",
          baseline: { value: ping.rps, label: "/api/ping" },
          ratio: ratioOf(status.rps, ping.rps),
          note,
        },
        {
          id: "status.p50",
          name: "2 status endpoint latency p50",
          value: status.p50,
          unit: "ms",
          baseline: { value: ping.p50, label: "/api/ping" },
          ratio: ratioOf(status.p50, ping.p50),
        },
        {
          id: "status.p99",
          name: "2 status endpoint latency p99",
          value: status.p99,
          unit: "ms",
          baseline: { value: ping.p99, label: "/api/ping" },
          ratio: ratioOf(status.p99, ping.p99),
        },
      ];
      return { figures, details: { connections: CONNECTIONS, seconds: SECONDS, rounds, activeAfterLoad: stillActive } };
    },
  );
}
