import { ratioOf, type Figure } from "./support/figures";
import { seedDataDir } from "./support/seed";
import { startSimulatorProcess, withServer } from "./support/server";
import { sleep } from "./support/stats";

// 7 memory: 20 OpenAI requests waiting. The built app under `next
// start` with the memory benches' 10,000 stored generations, the simulator in
// a process of its own (so RSS is the studio's). 20 concurrent
// POST /v1/images/generations (b64_json, one picture each, nano_banana_pro-4K
// so the pictures are big) wait server-side while the poller makes the
// pictures; the next-server's RSS is read idle, every 250 ms while all 20 are
// still waiting (the highest of those is "while waiting"), the peak until the
// last answer has been read, and 2 s after. A waiting request holds only its
// generation ids; an answer streams its stored picture as base64.

const PORTS = { server: 3406, simulator: 3407 };
const STORED = 10_000;
const REQUESTS = 20;
const MODEL = "nano_banana_pro-4K";
const BUDGET_MB = 300;
const MB = 1024 * 1024;

export async function openAiWaiting(): Promise<{ figures: Figure[]; details: Record<string, unknown> }> {
  const key = "sk-bench-simulator";
  const simulator = await startSimulatorProcess({ port: PORTS.simulator, key, speed: 1 });
  try {
    return await withServer(
      {
        port: PORTS.server,
        label: "memory-openai20",
        env: { STUDIO_MAX_ACTIVE: "100", STUDIO_DAILY_LIMIT: "1000", NANO_API_KEY: key, NANO_API_BASE_URL: simulator.url },
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
        await (await get("/v1/models")).json();
        await sleep(1_000);
        const idle = server.rss();

        const started = Date.now();
        let answered = 0;
        let firstAnswerMs: number | undefined;
        const results = Array.from({ length: REQUESTS }, async (_, i) => {
          const res = await fetch(`${server.url}/v1/images/generations`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ model: MODEL, prompt: `openai ${i}: a harbour at night, wide`, size: "1792x1024", response_format: "b64_json" }),
          });
          answered++;
          firstAnswerMs ??= Date.now() - started;
          // Read as a client would, and keep only the size of what came.
          const body = (await res.json()) as { data?: { b64_json?: string }[]; error?: { message: string } };
          if (res.status !== 200) return { ok: false, bytes: 0, error: `${res.status} ${body.error?.message}` };
          return { ok: true, bytes: Math.floor(((body.data?.[0]?.b64_json?.length ?? 0) * 3) / 4) };
        });
        let done = false;
        const all = Promise.all(results).finally(() => (done = true));

        let waiting = 0;
        let waitingSamples = 0;
        let peak = idle;
        let activeWhileWaiting = 0;
        let accepted = 0;
        const deadline = Date.now() + 300_000;
        while (!done) {
          const rss = server.rss();
          peak = Math.max(peak, rss);
          if (answered === 0) {
            waiting = Math.max(waiting, rss);
            waitingSamples++;
            if (waitingSamples === 8) {
              // 2 s in: every request accepted and waiting, before any picture is saved.
              accepted = rss;
              activeWhileWaiting = ((await (await get("/api/health")).json()) as { active: number }).active;
            }
          }
          if (Date.now() > deadline) throw new Error(`the ${REQUESTS} requests did not all answer in 5 minutes`);
          await sleep(250);
        }
        const outcomes = await all;
        const seconds = (Date.now() - started) / 1000;
        peak = Math.max(peak, server.rss());
        await sleep(2_000);
        const after = server.rss();
        const failed = outcomes.filter((o) => !o.ok);
        const pictureMB = outcomes.reduce((sum, o) => sum + o.bytes, 0) / REQUESTS / MB;

        const figure = (id: string, name: string, bytes: number, note?: string): Figure => ({
          id: `memory.openai20.${id}`,
          name: `7 ${REQUESTS} OpenAI requests waiting: ${name}`,
          value: bytes / MB,
          unit: "MB",
          baseline: { value: idle / MB, label: "idle" },
          ratio: ratioOf(bytes, idle),
          target: `≤ ${BUDGET_MB} MB`,
          meets: bytes / MB <= BUDGET_MB,
          note,
        });
        return {
          figures: [
            { id: "memory.openai20.idle", name: `7 ${REQUESTS} OpenAI requests waiting: server RSS idle, ${STORED / 1000}k stored`, value: idle / MB, unit: "MB" },
            figure("waiting", "server RSS while all wait", waiting, `highest of ${waitingSamples} samples before the first answer (${((firstAnswerMs ?? 0) / 1000).toFixed(0)} s); ${(accepted / MB).toFixed(0)} MB at 2 s with ${activeWhileWaiting} active`),
            figure("peak", "server RSS, peak until every answer was read", peak, `${REQUESTS - failed.length} pictures of ${pictureMB.toFixed(1)} MB on average as b64_json, all answered in ${seconds.toFixed(0)} s`),
            figure("after", "server RSS, 2 s after", after, failed.length ? `${failed.length} failed: ${failed[0].error}` : undefined),
          ],
          details: { idle, accepted, waiting, waitingSamples, activeWhileWaiting, peak, after, seconds, firstAnswerMs, pictureBytes: outcomes.map((o) => o.bytes), failed: failed.map((f) => f.error) },
        };
      },
    );
  } finally {
    await simulator.stop();
  }
}
