import { testPerson } from "@/lib/testing/person";
import { afterEach, describe, expect, it } from "vitest";
import { UNKNOWN_OUTCOME_CODE } from "@/lib/contract";
import { ENGINES, studioInstances, type Instances } from "@/lib/testing/instances";
import { createGenerations } from "./create";
import { refreshGeneration } from "./refresh";
import { RESULT_URL_LIFETIME_MS } from "./save-result";
import { toGeneration } from "./serialize";

// A status API that stops answering: the timeout ends a task
// only when the gateway says it is still running. While it does not answer,
// the row says since when, is asked again with backoff for as long as a
// result could still be fetched, and only then ends as an unknown outcome.

let env: Instances;
afterEach(() => env?.cleanup());

const request = { model: "nano_banana_2" as const, prompt: "the gateway goes dark", aspectRatio: "auto" as const, references: [], count: 1 };
const MINUTE = 60_000;

describe.each(ENGINES)("on %s", (engine) => {
  it("a status API hanging past the task timeout does not fail the row; it shows since when, and the picture is saved once it answers", async () => {
    // Polls that hang are cut by the client's request timeout (50 ms here).
    env = await studioInstances({ engine, requestTimeoutMs: 50, taskTimeoutMs: 15 * MINUTE });
    const a = await env.instance("A");
    const [g] = await createGenerations(a, { request, person: testPerson("t") });
    env.sim.setFaults({ latencyMs: 60_000 });
    env.advance(10_000);
    const first = await refreshGeneration(a, g.id);
    const darkSince = a.now();
    expect(first?.status).toBe("queued");
    expect(toGeneration(first!).unansweredSince).toBe(new Date(darkSince).toISOString());

    // Twenty minutes of silence, well past the 15-minute task timeout.
    for (let minute = 1; minute <= 20; minute++) {
      env.advance(MINUTE);
      const row = await refreshGeneration(a, g.id);
      expect(row?.errorMessage ?? null).toBeNull();
      expect(row?.status).toBe("queued");
      expect(toGeneration(row!).unansweredSince).toBe(new Date(darkSince).toISOString());
    }

    env.sim.setFaults({ latencyMs: 0 });
    env.advance(5 * MINUTE); // past the longest backoff
    const saved = await refreshGeneration(a, g.id);
    expect(saved?.status).toBe("completed");
    expect(saved?.unansweredSince).toBeNull();
    expect(toGeneration(saved!).unansweredSince).toBeNull();
    expect(env.sim.stats().resultDownloads).toBe(1);
    expect(env.storedFiles()).toEqual([`images/${g.id}.png`, `thumbs/${g.id}.webp`]);
  });

  it("a status API that never answers again ends the row as an unknown outcome once no result could be fetched any more", async () => {
    env = await studioInstances({ engine, taskTimeoutMs: 15 * MINUTE });
    const a = await env.instance("A");
    const [g] = await createGenerations(a, { request, person: testPerson("t") });
    const submittedAt = a.now();
    env.sim.injectBurst({ status: 503, count: 1_000_000, body: "html", only: "poll" });
    env.advance(1_000);
    let row = await refreshGeneration(a, g.id);
    // Polled every minute by the test; the row ends on its own schedule.
    while (row?.status !== "failed" && a.now() - submittedAt < 6 * 60 * MINUTE) {
      env.advance(MINUTE);
      row = await refreshGeneration(a, g.id);
      // A result that completed just before the timeout lives the URL's life, then /content's grace.
      if (a.now() - submittedAt < 15 * MINUTE + RESULT_URL_LIFETIME_MS) expect(row?.errorCode ?? null).toBeNull();
    }
    expect(row?.errorCode).toBe(UNKNOWN_OUTCOME_CODE);
    expect(row?.errorMessage).toMatch(/did not answer/);
    expect(row?.errorMessage).toMatch(/may have been made/);
    expect(a.now() - submittedAt).toBeLessThan(4 * 60 * MINUTE);
    // Backed off: far fewer polls than the minutes it waited.
    const polls = env.sim.stats().pollsByTask[g.upstreamId!];
    expect(polls).toBeLessThan((a.now() - submittedAt) / MINUTE / 2);
    expect(toGeneration(row!).unansweredSince).toBeNull();
  });
});

describe("one instance", () => {
  it("while unanswered, the row is asked again with backoff: doubling from the interval up to five minutes", async () => {
    env = await studioInstances({ engine: "sqlite", pollIntervalMs: 1_000 });
    const a = await env.instance("A");
    const [g] = await createGenerations(a, { request, person: testPerson("t") });
    env.sim.injectBurst({ status: 502, count: 1_000_000, body: "html", only: "poll" });
    for (let second = 1; second <= 20 * 60; second++) {
      env.advance(1_000);
      await refreshGeneration(a, g.id);
    }
    const times = env.sim.stats().pollTimesByTask[g.upstreamId!];
    const gaps = times.slice(1).map((t, i) => (t - times[i]) / 1_000);
    expect(gaps.slice(0, 12)).toEqual([1, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
  });

  it("a gateway that answers 'still running' past the timeout ends the task as timed out", async () => {
    env = await studioInstances({ engine: "sqlite", taskTimeoutMs: 15 * MINUTE, simulator: { speed: 0.001 } });
    const a = await env.instance("A");
    const [g] = await createGenerations(a, { request, person: testPerson("t") });
    env.sim.injectBurst({ status: 503, count: 3, only: "poll" });
    for (let i = 0; i < 3; i++) {
      env.advance(MINUTE);
      expect((await refreshGeneration(a, g.id))?.unansweredSince).not.toBeNull();
    }
    env.advance(15 * MINUTE);
    const row = await refreshGeneration(a, g.id);
    expect(row?.status).toBe("failed");
    expect(row?.errorCode).toBe("timeout");
    expect(row?.unansweredSince).toBeNull();
  });
});
