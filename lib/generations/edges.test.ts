import { testPerson } from "@/lib/testing/person";
import { afterEach, describe, expect, it } from "vitest";
import { createGatewayClient } from "@/lib/gateway";
import { testDeps } from "@/lib/testing/deps";
import { createGenerations } from "./create";
import { refreshGeneration, NOT_FOUND_CONFIRMATIONS } from "./refresh";

// The edges of a generation's life, on a hand-stepped clock.

let env: ReturnType<typeof testDeps>;
afterEach(() => env?.cleanup());

const request = { model: "nano_banana_2" as const, prompt: "edge case", aspectRatio: "auto" as const, references: [], count: 1 };

async function createOne(prompt = "edge case") {
  const [g] = await createGenerations(env.deps, { request: { ...request, prompt }, person: testPerson("tester") });
  return g;
}

describe("refresh", () => {
  it("a task the gateway lost fails after a few confirmations, not at the first", async () => {
    env = testDeps();
    const g = await createOne();
    env.sim.forgetTask(g.upstreamId!);
    for (let i = 1; i < NOT_FOUND_CONFIRMATIONS; i++) {
      env.advance(1_000);
      expect((await refreshGeneration(env.deps, g.id))?.status).toBe("queued");
    }
    env.advance(1_000);
    const row = await refreshGeneration(env.deps, g.id);
    expect(row?.status).toBe("failed");
    expect(row?.errorMessage).toMatch(/lost this task/);
  });

  it("a task unfinished past the limit fails as timed out", async () => {
    env = testDeps({ simulator: { speed: 0.001 }, taskTimeoutMs: 60_000 });
    const g = await createOne();
    env.advance(30_000);
    expect((await refreshGeneration(env.deps, g.id))?.status).not.toBe("failed");
    env.advance(31_000);
    const row = await refreshGeneration(env.deps, g.id);
    expect(row?.status).toBe("failed");
    expect(row?.errorMessage).toMatch(/timed out/i);
  });

  it("asks upstream at most once per interval, and concurrent callers share one call", async () => {
    env = testDeps();
    const g = await createOne();
    env.advance(1_000);
    const results = await Promise.all(Array.from({ length: 20 }, () => refreshGeneration(env.deps, g.id)));
    expect(new Set(results.map((r) => r?.status)).size).toBe(1);
    expect(env.sim.stats().pollsByTask[g.upstreamId!]).toBe(1);
    env.advance(500);
    await refreshGeneration(env.deps, g.id);
    expect(env.sim.stats().pollsByTask[g.upstreamId!]).toBe(1);
    env.advance(500);
    await refreshGeneration(env.deps, g.id);
    expect(env.sim.stats().pollsByTask[g.upstreamId!]).toBe(2);
  });

  it("a download that fails once succeeds on the next poll", async () => {
    env = testDeps();
    const g = await createOne();
    env.advance(10_000);
    env.sim.injectBurst({ status: 503, count: 1, body: "json", only: "result" });
    expect((await refreshGeneration(env.deps, g.id))?.status).toBe("processing");
    env.advance(1_000);
    const row = await refreshGeneration(env.deps, g.id);
    expect(row?.status).toBe("completed");
    expect(row?.imageWidth).toBe(1024);
  });
});

describe("create", () => {
  it("a submit whose answer never came is failed as an unknown outcome and never resent", async () => {
    env = testDeps({ simulator: { latencyMs: 500 }, requestTimeoutMs: 100 });
    await expect(createOne()).rejects.toMatchObject({ outcomeUnknown: true });
    expect(env.sim.stats().submits).toBe(1);
    const [row] = await env.deps.db.listGenerations({ limit: 10 });
    expect(row.status).toBe("failed");
    expect(row.errorCode).toBe("unknown_outcome");
    expect(row.errorMessage).toMatch(/may or may not have started/);
  });

  it("a gateway refusal marks the rows failed with the gateway's reason", async () => {
    env = testDeps();
    env.deps.gateway = createGatewayClient({ baseUrl: "http://simulator.invalid", apiKey: "wrong", fetch: env.sim.fetch });
    await expect(createGenerations(env.deps, { request: { ...request, count: 2 }, person: testPerson("t") })).rejects.toMatchObject({ kind: "auth" });
    const rows = await env.deps.db.listGenerations({ limit: 10 });
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.status === "failed" && /无效的令牌/.test(r.errorMessage ?? ""))).toBe(true);
  });

  it("a row left submitting by a dead process becomes an unknown outcome, never resubmitted", async () => {
    env = testDeps();
    const g = await createOne();
    await env.deps.db.updateGeneration({ id: g.id, patch: { status: "submitting", upstreamId: null } });
    expect((await refreshGeneration(env.deps, g.id))?.status).toBe("submitting");
    env.advance(5 * 60_000);
    const row = await refreshGeneration(env.deps, g.id);
    expect(row?.status).toBe("failed");
    expect(row?.errorCode).toBe("unknown_outcome");
    expect(env.sim.stats().submits).toBe(1);
  });
});
