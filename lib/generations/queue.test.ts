import { afterEach, describe, expect, it } from "vitest";
import { ENGINES, studioInstances, type Instances } from "@/lib/testing/instances";
import { testPerson } from "@/lib/testing/person";
import { createGenerations } from "./create";
import { moveQueues } from "./queue";
import { refreshGeneration } from "./refresh";

// The queue across instances sharing one database, on both
// engines: a waiting picture lives in the database, so whichever instance
// sweeps sends it (one that restarted, or another); two sweeping at once send
// each waiting picture once and never pass the person's cap.

let env: Instances;
afterEach(() => env?.cleanup());

const request = { model: "nano_banana_2" as const, prompt: "queued across instances", aspectRatio: "auto" as const, references: [], count: 4 };
const person = testPerson("q");

describe.each(ENGINES)("on %s", (engine) => {
  it("rows waiting on one instance are sent by another when a slot frees", async () => {
    env = await studioInstances({ engine, limits: { daily: 1_000, maxActive: 1, maxQueued: 5 } });
    const [a, b] = [await env.instance("A"), await env.instance("B")];
    const made = await createGenerations(a, { request, person });
    expect(made.map((g) => g.status === "waiting")).toEqual([false, true, true, true]);
    expect(env.sim.stats().submits).toBe(1);

    // No slot free: B's sweep sends nothing.
    await moveQueues(b);
    expect(env.sim.stats().submits).toBe(1);
    // The first one ends (A polls it); A is gone after that: B sends the next, and only it.
    env.advance(30_000);
    expect((await refreshGeneration(a, made[0].id))?.status).toBe("completed");
    await moveQueues(b);
    expect(env.sim.stats().submits).toBe(2);
    const rows = await b.db.getGenerations(made.map((g) => g.id));
    expect(rows.map((r) => r.status === "waiting")).toEqual([false, false, true, true]);
    expect(rows[1].upstreamId).not.toBeNull();
  });

  it("two instances moving the queue at once send each waiting row once and never pass the cap", async () => {
    env = await studioInstances({ engine, limits: { daily: 1_000, maxActive: 2, maxQueued: 10 } });
    const [a, b] = [await env.instance("A"), await env.instance("B")];
    const first = await createGenerations(a, { request, person });
    const second = await createGenerations(b, { request, person });
    expect([...first, ...second].filter((g) => g.status !== "waiting")).toHaveLength(2);
    env.advance(30_000);
    for (const g of first.slice(0, 2)) expect((await refreshGeneration(a, g.id))?.status).toBe("completed");

    await Promise.all([moveQueues(a), moveQueues(b), moveQueues(a), moveQueues(b)]);
    // Two slots freed: two more sent, the oldest waiting ones, each once.
    expect(env.sim.stats().submits).toBe(4);
    const rows = await a.db.getGenerations([...first, ...second].map((g) => g.id));
    expect(rows.map((r) => r.status === "waiting")).toEqual([false, false, false, false, true, true, true, true]);
    expect(new Set(rows.filter((r) => r.upstreamId).map((r) => r.upstreamId)).size).toBe(4);
    expect(await a.db.countActive({ createdBy: "q" })).toBe(2);
  });
});
