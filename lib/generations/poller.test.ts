import { afterEach, describe, expect, it } from "vitest";
import { makeRow } from "@/lib/db/shared/test-rows";
import { ENGINES, studioInstances, type Instances } from "@/lib/testing/instances";
import { createPoller, type Poller } from "./poller";

// Every due row gets its turn whatever the backlog: the poller
// once read only the oldest 500 active rows, so in a long storage outage the
// rows behind them were never polled.

let env: Instances;
let poller: Poller | undefined;
afterEach(async () => {
  poller?.stop();
  poller = undefined;
  await env?.cleanup();
});

const BACKLOG = 520;

describe.each(ENGINES)("on %s", (engine) => {
  it(`a backlog of ${BACKLOG} active rows (more than a sweep's batch): every row is polled within a bounded number of sweeps`, { timeout: 60_000 }, async () => {
    env = await studioInstances({ engine, pollIntervalMs: 1_000 });
    const a = await env.instance("A");
    const polled = new Map<string, number>();
    // A gateway that says "still running" to every poll, counting them per task.
    a.gateway = {
      ...a.gateway,
      get: async (id) => (polled.set(id, (polled.get(id) ?? 0) + 1), { id, status: "processing", progress: 10, raw: {} }),
    };
    const now = a.now();
    const rows = Array.from({ length: BACKLOG }, (_, i) =>
      makeRow({ status: "processing", progress: 10, upstreamId: `task_${i}`, createdAt: now, updatedAt: now, submittedAt: now }),
    );
    await a.db.insertGenerations({ rows });

    poller = createPoller(a);
    // Each sweep an interval after the last: every row is due again each time.
    for (let sweep = 0; sweep < 3; sweep++) {
      await poller.tick();
      env.advance(1_000);
    }
    const never = rows.filter((r) => !polled.has(r.upstreamId!));
    expect(never.map((r) => r.id)).toEqual([]);
    const after = await a.db.getGenerations(rows.map((r) => r.id));
    expect(after.filter((r) => r.lastPolledAt === null)).toHaveLength(0);
  });
});
