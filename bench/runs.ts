import { ratioOf, type Figure, type Measurement } from "./support/figures";
import { median } from "./support/stats";

// 16. A run of a template from a 100-row table, through the real route
// handlers in-process (demo mode, SQLite, the simulator as the gateway),
// against the same 100 prompts sent as 100 requests from the composer: the
// run is one insert whose transaction checks the person's limits once for all
// its pictures, then one submit per row. Past the in-flight cap (4 here) the
// rest wait in the queue either way, so both send the same 4 tasks and queue
// the same 96 rows: what is compared is the admission. Also the preview
// (dryRun: the table parsed, every prompt filled, the limits read). Run and
// requests alternate, so drift in the machine's speed hits both alike.

const ROWS = 100;
const ROUNDS = 5;
const PREVIEWS = 50;

export async function measure(): Promise<Measurement> {
  const { bootStudio } = await import("@/lib/testing/studio");
  // No poller runs: rows stay where the admission put them. Limits wide enough for every round.
  const studio = await bootStudio({ STUDIO_DAILY_LIMIT: "100000", STUDIO_MAX_ACTIVE: "4", STUDIO_MAX_QUEUED: "10000" });
  try {
    const templates = await import("@/app/api/templates/route");
    const runs = await import("@/app/api/runs/route");
    const post = (path: string, body: unknown) =>
      new Request(`http://studio.test${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const made = await templates.POST(post("/api/templates", { name: "Product shot", prompt: "product photo of {product} on {surface}, soft window light", model: "nano_banana_2" }), undefined);
    const { id: templateId } = (await made.json()) as { id: string };
    const tableOf = (round: number) => ["product\tsurface", ...Array.from({ length: ROWS }, (_, i) => `product ${round}-${i}\tsurface ${i % 7}`)].join("\n");

    const timed = async (work: () => Promise<void>) => {
      const started = performance.now();
      await work();
      return performance.now() - started;
    };
    const expectStatus = async (res: Response, status: number) => {
      if (res.status !== status) throw new Error(`unexpected ${res.status}: ${await res.text()}`);
      await res.text();
    };
    // Each round on a queue as empty as the last one's: the waiting rows are cancelled between rounds.
    const clearQueue = async () => {
      for (const row of await studio.deps.db.listWaiting({ createdBy: "local" })) await studio.deps.db.deleteGeneration(row.id);
      for (const row of await studio.deps.db.listGenerations({ status: "active", limit: 10_000 })) await studio.deps.db.deleteGeneration(row.id);
    };

    const runMs: number[] = [];
    const requestsMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await clearQueue();
      runMs.push(await timed(async () => expectStatus(await runs.POST(post("/api/runs", { templateId, table: tableOf(round) }), undefined), 201)));
      await clearQueue();
      requestsMs.push(
        await timed(async () => {
          for (let i = 0; i < ROWS; i++) {
            await expectStatus(await studio.create({ model: "nano_banana_2", prompt: `product photo of product r${round}-${i} on surface ${i % 7}, soft window light` }), 201);
          }
        }),
      );
    }
    const previewMs: number[] = [];
    for (let i = 0; i < PREVIEWS; i++) {
      previewMs.push(await timed(async () => expectStatus(await runs.POST(post("/api/runs", { templateId, table: tableOf(i), dryRun: true }), undefined), 200)));
    }

    const run = median(runMs);
    const requests = median(requestsMs);
    const figures: Figure[] = [
      {
        id: "runs.start",
        name: `16 run of a ${ROWS}-row table (one insert, limits checked once), median of ${ROUNDS}`,
        value: run,
        unit: "ms",
        baseline: { value: requests, label: `the same ${ROWS} prompts as ${ROWS} composer requests` },
        ratio: ratioOf(run, requests),
        note: `4 sent and 96 queued either way; per row ${(run / ROWS).toFixed(2)} ms against ${(requests / ROWS).toFixed(2)} ms`,
      },
      {
        id: "runs.preview",
        name: `16 preview (dryRun) of a ${ROWS}-row table, median of ${PREVIEWS}`,
        value: median(previewMs),
        unit: "ms",
        note: "the table parsed by papaparse, every prompt filled, the person's limits and the quote read",
      },
    ];
    return { figures, details: { rows: ROWS, runMs, requestsMs, previewMs } };
  } finally {
    studio.cleanup();
  }
}
