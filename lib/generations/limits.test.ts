import { testPerson } from "@/lib/testing/person";
import { afterEach, describe, expect, it } from "vitest";
import { ENGINES, studioInstances, type Instances } from "@/lib/testing/instances";
import { retryGeneration } from "./commands";
import { createGenerations } from "./create";
import { refreshGeneration } from "./refresh";

// Limits that hold under concurrency and a retry that never bills twice
//, on both engines.

let env: Instances;
afterEach(() => env?.cleanup());

const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);
const request = { model: "nano_banana_2" as const, prompt: "within limits", aspectRatio: "auto" as const, references: [], count: 1 };

describe.each(ENGINES)("on %s", (engine) => {
  it("without a queue (STUDIO_MAX_QUEUED=0): 10 parallel creates at a limit of 2 in flight: 2 are made and submitted, 8 refused", async () => {
    env = await studioInstances({ engine, limits: { daily: 1_000, maxActive: 2 } });
    const [a, b] = [await env.instance("A"), await env.instance("B")];
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => createGenerations(i % 2 ? a : b, { request, person: testPerson("t") })),
    );
    const made = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(made).toHaveLength(2);
    expect(refused.map((r) => r.reason.code)).toEqual(Array(8).fill("rate_limited"));
    expect(await a.db.countActive({ createdBy: "t" })).toBe(2);
    expect(env.sim.stats().submits).toBe(2);
  });

  it("with a queue: 10 parallel creates at a cap of 2 and a queue of 3 on two instances: 2 sent, 3 wait, 5 refused as the queue is full", async () => {
    env = await studioInstances({ engine, limits: { daily: 1_000, maxActive: 2, maxQueued: 3 } });
    const [a, b] = [await env.instance("A"), await env.instance("B")];
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => createGenerations(i % 2 ? a : b, { request, person: testPerson("t") })),
    );
    const made = results.flatMap((r) => (r.status === "fulfilled" ? r.value : []));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    // Each answer gives its place as it was when answered; the queue itself holds the three, in order.
    expect(ids(await a.db.listWaiting({ createdBy: "t" })).sort()).toEqual(ids(made.filter((g) => g.status === "waiting")).sort());
    expect(made.filter((g) => g.status === "waiting")).toHaveLength(3);
    expect(made.filter((g) => g.status !== "waiting")).toHaveLength(2);
    expect(refused.map((r) => r.reason.message)).toEqual(Array(5).fill(expect.stringMatching(/queue is full: 3 of 3 waiting/)));
    expect(await a.db.countActive({ createdBy: "t" })).toBe(2);
    expect(env.sim.stats().submits).toBe(2);
  });

  it("the daily limit holds under concurrency too", async () => {
    env = await studioInstances({ engine, limits: { daily: 3, maxActive: 100 } });
    const a = await env.instance("A");
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => createGenerations(a, { request, person: testPerson("t") })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(env.sim.stats().submits).toBe(3);
  });

  it("an idempotent replay at the limit gets its original rows, not 429", async () => {
    env = await studioInstances({ engine, limits: { daily: 1_000, maxActive: 1 } });
    const a = await env.instance("A");
    const first = await createGenerations(a, { request: { ...request, idempotencyKey: "k-1" }, person: testPerson("t") });
    const replay = await createGenerations(a, { request: { ...request, idempotencyKey: "k-1" }, person: testPerson("t") });
    expect(replay.map((g) => g.id)).toEqual(first.map((g) => g.id));
    await expect(createGenerations(a, { request, person: testPerson("t") })).rejects.toMatchObject({ code: "rate_limited" });
    expect(env.sim.stats().submits).toBe(1);
  });

  it("concurrent retries of one generation make one, from one instance or two", async () => {
    env = await studioInstances({ engine });
    const [a, b] = [await env.instance("A"), await env.instance("B")];
    const [failed, other] = await createGenerations(a, { request: { ...request, prompt: "a cat #fail", count: 2 }, person: testPerson("t") });
    env.advance(10_000);
    expect((await refreshGeneration(a, failed.id))?.status).toBe("failed");
    expect((await refreshGeneration(a, other.id))?.status).toBe("failed");
    const submitsBefore = env.sim.stats().submits;

    const unkeyed = await Promise.all([a, a, b].map((deps) => retryGeneration(deps, { id: failed.id, person: testPerson("t") })));
    expect(new Set(unkeyed.flat().map((g) => g.id)).size).toBe(1);
    const keyed = await Promise.all([a, b].map((deps) => retryGeneration(deps, { id: other.id, person: testPerson("t"), idempotencyKey: "click-1" })));
    expect(new Set(keyed.flat().map((g) => g.id)).size).toBe(1);
    expect(env.sim.stats().submits - submitsBefore).toBe(2);
    // A retry takes the failed one's place: with another key, there is nothing left to retry.
    await expect(retryGeneration(b, { id: other.id, person: testPerson("t"), idempotencyKey: "click-2" })).rejects.toMatchObject({ code: "not_found" });
    expect(env.sim.stats().submits - submitsBefore).toBe(2);
  });
});
