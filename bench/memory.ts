import { openAiWaiting } from "./openai-waiting";
import { ratioOf, type Figure, type Measurement } from "./support/figures";
import { seedDataDir } from "./support/seed";
import { startSimulatorProcess, withServer } from "./support/server";
import { sleep } from "./support/stats";

// 7. Memory: the built app under `next start` with 10,000 stored generations.
// RSS is the next-server process's VmRSS from /proc. Baseline: the same
// server idle, after it served the page and a gallery page. Then 50
// generations are created at once through the API (nano_banana_2 at 1K, 2K
// and 4K in turn, 4 per request), and RSS is read when all 50 are in flight,
// every 250 ms while they finish (the peak), and 2 s after the last finished.
// Twice:
// - demo: the embedded default, whose simulator draws every picture inside
//   the server process;
// - gateway: the same simulator in a process of its own on a loopback port,
//   reached through NANO_API_BASE_URL as a real gateway is, so the server's
//   RSS is the studio's own (copying, checking and thumbnailing results);
// - the gateway case again with glibc's default arenas (one per thread), to
//   show what MALLOC_ARENA_MAX=1 (and the fixed MALLOC_MMAP_THRESHOLD_) in
//   `npm start` and the Dockerfile save;
// - 50 tasks all at 4K, each request carrying a 4 MB reference.

const PORTS = { demo: 3402, gateway: 3404, simulator: 3405 };
const STORED = 10_000;
const TASKS = 50;
const SIZES = ["1K", "2K", "4K"] as const;
const BUDGET_MB = 300;
const MB = 1024 * 1024;

type Scenario = {
  key: string;
  label: string;
  mode: "demo" | "gateway";
  env?: Record<string, string>;
  comparison?: boolean;
  /** Every task at this size instead of 1K/2K/4K in turn. */
  size?: (typeof SIZES)[number];
  /** A reference picture of about this many bytes in every request (count 4 sends it four times). */
  referenceBytes?: number;
};

const SCENARIOS: Scenario[] = [
  { key: "demo", label: "demo", mode: "demo" },
  { key: "gateway", label: "gateway", mode: "gateway" },
  // Not how `npm start` runs: one glibc arena per thread, each keeping
  // libvips' freed buffers — the cause of the first runs' misses.
  { key: "gatewayDefaultArenas", label: "gateway, default malloc arenas (comparison)", mode: "gateway", env: { MALLOC_ARENA_MAX: "", MALLOC_MMAP_THRESHOLD_: "" }, comparison: true },
  // The worst case of the bound: every task at 4K (results of
  // 10-20 MB each), and each request carrying a 4 MB reference four times.
  { key: "gateway4k", label: "gateway, 50 × 4K with a 4 MB reference", mode: "gateway", size: "4K", referenceBytes: 4 * MB },
];

/** A noisy PNG of about `bytes` (noise does not compress), as a data URL. */
async function referenceDataUrl(bytes: number): Promise<string> {
  const sharp = (await import("sharp")).default;
  const side = Math.ceil(Math.sqrt(bytes / 3));
  const raw = Buffer.alloc(side * side * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  const png = await sharp(raw, { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
  return `data:image/png;base64,${png.toString("base64")}`;
}

async function scenario(s: Scenario): Promise<{ figures: Figure[]; details: Record<string, unknown> }> {
  const { mode } = s;
  const extraEnv = s.env ?? {};
  const key = "sk-bench-simulator";
  const simulator = mode === "gateway" ? await startSimulatorProcess({ port: PORTS.simulator, key, speed: 1 }) : undefined;
  try {
    return await withServer(
      {
        port: PORTS[mode],
        label: `memory-${s.key}`,
        env: {
          SIMULATOR_SPEED: "1",
          STUDIO_MAX_ACTIVE: "100",
          STUDIO_DAILY_LIMIT: "1000",
          ...(simulator ? { NANO_API_KEY: key, NANO_API_BASE_URL: simulator.url } : {}),
          ...extraEnv,
        },
        seed: async (dir) => void (await seedDataDir(dir, STORED)),
      },
      async (server) => {
        const get = async (path: string) => {
          const res = await fetch(`${server.url}${path}`);
          if (!res.ok) throw new Error(`${path} answered ${res.status}`);
          return res;
        };
        await (await get("/")).text();
        await (await get("/api/generations?limit=24")).json();
        await sleep(1_000);
        const idle = server.rss();

        const references = s.referenceBytes ? [await referenceDataUrl(s.referenceBytes)] : [];
        const ids: string[] = [];
        for (let i = 0; ids.length < TASKS; i++) {
          const count = Math.min(4, TASKS - ids.length);
          const imageSize = s.size ?? SIZES[i % SIZES.length];
          const res = await fetch(`${server.url}/api/generations`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ model: "nano_banana_2", imageSize, aspectRatio: "16:9", prompt: `memory ${i}: a harbour at night`, count, references }),
          });
          if (res.status !== 201) throw new Error(`create answered ${res.status}: ${await res.text()}`);
          ids.push(...((await res.json()) as { generations: { id: string }[] }).generations.map((g) => g.id));
        }
        const activeNow = async () => ((await (await get("/api/health")).json()) as { active: number }).active;
        const inFlightCount = await activeNow();
        const inFlight = server.rss();

        let peak = inFlight;
        const deadline = Date.now() + 180_000;
        for (;;) {
          peak = Math.max(peak, server.rss());
          if ((await activeNow()) === 0) break;
          if (Date.now() > deadline) throw new Error(`${mode}: the ${TASKS} generations did not finish in 3 minutes`);
          await sleep(250);
        }
        let failed = 0;
        for (const id of ids) if (((await (await get(`/api/generations/${id}`)).json()) as { status: string }).status !== "completed") failed++;
        await sleep(2_000);
        const after = server.rss();

        const figure = (id: string, name: string, bytes: number, note?: string): Figure => ({
          id: `memory.${s.key}.${id}`,
          name: `7 ${s.label}: ${name}`,
          value: bytes / MB,
          unit: "MB",
          baseline: { value: idle / MB, label: "idle" },
          ratio: ratioOf(bytes, idle),
          // The comparison shows a setting we do not ship; the target applies to what we do.
          ...(s.comparison ? {} : { target: `≤ ${BUDGET_MB} MB`, meets: bytes / MB <= BUDGET_MB }),
          note,
        });
        return {
          figures: [
            figure("inFlight", `server RSS, ${STORED / 1000}k stored + ${TASKS} in flight`, inFlight, `${inFlightCount} active when read`),
            figure("peak", "server RSS, peak while they finish", peak),
            figure("after", "server RSS, after they finished", after, failed ? `${failed} did not complete` : undefined),
          ],
          details: { idle, inFlight, inFlightCount, peak, after, failed },
        };
      },
    );
  } finally {
    await simulator?.stop();
  }
}

export async function measure(): Promise<Measurement> {
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  // BENCH_MEMORY_ONLY=gateway4k runs one scenario (for quick comparisons).
  const only = process.env.BENCH_MEMORY_ONLY?.split(",");
  for (const s of SCENARIOS.filter((x) => !only || only.includes(x.key))) {
    const result = await scenario(s);
    figures.push(...result.figures);
    details[s.key] = result.details;
  }
  // 20 OpenAI requests waiting for their pictures (bench/openai-waiting.ts).
  if (!only || only.includes("openai20")) {
    const result = await openAiWaiting();
    figures.push(...result.figures);
    details.openai20 = result.details;
  }
  return { figures, details };
}
