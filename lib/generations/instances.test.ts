import { testPerson } from "@/lib/testing/person";
import { afterEach, describe, expect, it } from "vitest";
import type { ServiceDeps } from "@/lib/core/deps";
import { plainPicture } from "@/lib/images/test-images";
import { ENGINES, studioInstances, type Engine, type Instances } from "@/lib/testing/instances";
import { createGenerations } from "./create";
import { createPoller, type Poller } from "./poller";
import { refreshGeneration } from "./refresh";
import { RESULT_URL_LIFETIME_MS } from "./save-result";
import { STAGED_HOLDER_SILENCE_MS } from "./staged";

// Several instances on one database: a refresh longer than a lease is still
// one instance's, a task id the gateway gave is never dropped
// however late it arrives (#3), and bytes staged on one instance's disk while
// storage is down are finished by that instance, not given up by another
//.

let env: Instances;
const pollers: Poller[] = [];
afterEach(async () => {
  pollers.splice(0).forEach((p) => p.stop());
  await env?.cleanup();
});

const request = { model: "nano_banana_2" as const, prompt: "two instances", aspectRatio: "auto" as const, references: [], count: 1 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts this instance's result downloads, each made to take `ms`. */
function slowDownloads(deps: ServiceDeps, ms: number) {
  const counted = { downloads: 0 };
  const fetchResult = deps.gateway.fetchResult;
  deps.gateway = { ...deps.gateway, fetchResult: async (task) => (counted.downloads++, await sleep(ms), fetchResult(task)) };
  return counted;
}

/** The shared picture store refuses writes while `outage.down`, on every instance given. */
function storageOutage(...instances: ServiceDeps[]) {
  const outage = { down: true };
  for (const deps of instances) {
    const store = deps.store;
    deps.store = {
      ...store,
      put: async (input) => {
        if (outage.down) throw new Error("connect ECONNREFUSED 127.0.0.1:9000");
        return store.put(input);
      },
    };
  }
  return outage;
}

async function until(check: () => Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await sleep(50);
  }
}

/**
 * Instances A and B on one database, storage down for both: A has made a
 * picture and, 10 s on, staged its bytes (`staged`, the row after A's refresh).
 */
async function stagedOnA(engine: Engine) {
  env = await studioInstances({ engine });
  const a = await env.instance("A");
  const b = await env.instance("B");
  const outage = storageOutage(a, b);
  const [g] = await createGenerations(a, { request, person: testPerson("t") });
  env.advance(10_000);
  const staged = await refreshGeneration(a, g.id);
  return { a, b, outage, g, staged };
}

describe.each(ENGINES)("on %s", (engine) => {
  it("two instances, 3 s downloads, 200 ms interval: each result is downloaded once", { timeout: 30_000 }, async () => {
    env = await studioInstances({ engine, clock: "real", pollIntervalMs: 200, simulator: { speed: 20 } });
    const a = await env.instance("A");
    const b = await env.instance("B");
    const counts = [slowDownloads(a, 3_000), slowDownloads(b, 3_000)];
    const made = await createGenerations(a, { request: { ...request, count: 3 }, person: testPerson("t") });
    pollers.push(createPoller(a), createPoller(b));
    await until(async () => (await a.db.countActive()) === 0, 25_000);
    const rows = await a.db.getGenerations(made.map((g) => g.id));
    expect(rows.map((r) => r.status)).toEqual(["completed", "completed", "completed"]);
    const downloads = counts[0].downloads + counts[1].downloads;
    console.log(`${engine}: two instances, 3 s downloads, 200 ms interval: ${downloads} downloads for ${rows.length} results`);
    expect(downloads).toBe(rows.length);
    expect(env.sim.stats().resultDownloads).toBe(rows.length);
  });

  it("bytes A staged while storage is down: B, asking every minute for three hours, never claims the row nor downloads it again; A stores it", async () => {
    const { a, b, outage, g, staged } = await stagedOnA(engine);
    expect(staged?.savingReason).toMatch(/storage is not answering/);
    expect(staged?.stagedBy).toBe(a.stagingHolder);

    // Past the URL's life and /content's: only A's disk still has the picture.
    for (let minute = 1; minute <= 180; minute++) {
      env.advance(60_000);
      const seenByB = await refreshGeneration(b, g.id);
      expect(seenByB?.status).toBe("processing");
      expect(env.sim.stats().resultDownloads).toBe(1);
      expect((await refreshGeneration(a, g.id))?.status).toBe("processing");
    }

    outage.down = false;
    env.advance(5 * 60_000);
    expect((await refreshGeneration(b, g.id))?.status).toBe("processing");
    const saved = await refreshGeneration(a, g.id);
    expect(saved?.status).toBe("completed");
    expect(saved?.stagedBy).toBeNull();
    expect(env.sim.stats().resultDownloads).toBe(1);
    expect(env.storedFiles()).toEqual([`images/${g.id}.png`, `thumbs/${g.id}.webp`]);
  });

  it("B first looking after the gateway's copy expired leaves A's staged row alone instead of failing it", async () => {
    const { a, b, outage, g } = await stagedOnA(engine);
    // A keeps trying storage as its backoff allows; B was busy elsewhere.
    for (let minute = 1; minute <= 160; minute++) {
      env.advance(60_000);
      await refreshGeneration(a, g.id);
    }
    env.advance(2 * 60_000); // A's lease from its last try has run out
    const seenByB = await refreshGeneration(b, g.id);
    expect(seenByB?.errorMessage ?? null).toBeNull();
    expect(seenByB?.status).toBe("processing");
    outage.down = false;
    env.advance(5 * 60_000);
    expect((await refreshGeneration(a, g.id))?.status).toBe("completed");
    expect(env.sim.stats().resultDownloads).toBe(1);
  });

  it("A restarted on the same staging folder (a volume) finishes its staged row without a second download", async () => {
    env = await studioInstances({ engine });
    const a = await env.instance("A");
    const outage = storageOutage(a);
    const [g] = await createGenerations(a, { request, person: testPerson("t") });
    env.advance(10_000);
    expect((await refreshGeneration(a, g.id))?.stagedBy).toBe(a.stagingHolder);
    // A new process: its own instance id, the same folder and so the same holder id.
    const restarted = await env.instance("A-restarted", { staging: a.staging, stagingHolder: a.stagingHolder });
    outage.down = false;
    env.advance(60_000);
    const saved = await refreshGeneration(restarted, g.id);
    expect(saved?.status).toBe("completed");
    expect(env.sim.stats().resultDownloads).toBe(1);
  });

  it("A never comes back: once it has been silent for a while, B fetches the picture from the gateway again and stores it", async () => {
    const { a, b, outage, g, staged } = await stagedOnA(engine);
    const silentFrom = staged!.lastPolledAt!;
    outage.down = false; // storage is back, but A is gone with the bytes
    while (a.now() < silentFrom + STAGED_HOLDER_SILENCE_MS) {
      expect((await refreshGeneration(b, g.id))?.status).toBe("processing");
      expect(env.sim.stats().resultDownloads).toBe(1);
      env.advance(60_000);
    }
    expect(a.now() - staged!.resultSeenAt!).toBeLessThan(RESULT_URL_LIFETIME_MS);
    const saved = await refreshGeneration(b, g.id);
    expect(saved?.status).toBe("completed");
    expect(saved?.stagedBy).toBeNull();
    expect(env.sim.stats().resultDownloads).toBe(2);
  });

  it("the 'never answered' grace runs from the submit's start, not from the row's creation", async () => {
    env = await studioInstances({ engine });
    const a = await env.instance("A");
    const b = await env.instance("B");
    // The reference took three minutes to read back before the submit began.
    const store = a.store;
    a.store = { ...store, get: async (key) => (env.advance(3 * 60_000), store.get(key)) };
    const submit = a.gateway.submit;
    a.gateway = {
      ...a.gateway,
      submit: async (input) => {
        const [row] = await b.db.listActive({ limit: 1 });
        // Another instance looks while the submit is out: still within the grace.
        expect((await refreshGeneration(b, row.id))?.status).toBe("submitting");
        return submit(input);
      },
    };
    const png = await plainPicture({ width: 64, height: 48, format: "png" });
    const references = [`data:image/png;base64,${png.toString("base64")}`];
    const [g] = await createGenerations(a, { request: { ...request, references }, person: testPerson("t") });
    expect(g.status).toBe("queued");
    expect(g.upstreamId).toMatch(/^task_/);
    expect(g.error).toBeNull();
  });

  it("a task id that arrives after the row was failed as an unknown outcome puts it back to polling", async () => {
    env = await studioInstances({ engine });
    const a = await env.instance("A");
    const b = await env.instance("B");
    const submit = a.gateway.submit;
    a.gateway = {
      ...a.gateway,
      submit: async (input) => {
        const task = await submit(input);
        // The answer took so long that another instance gave up on it meanwhile.
        env.advance(5 * 60_000);
        const [row] = await b.db.listActive({ limit: 1 });
        expect((await refreshGeneration(b, row.id))?.errorCode).toBe("unknown_outcome");
        return task;
      },
    };
    const [g] = await createGenerations(a, { request, person: testPerson("t") });
    expect(g.upstreamId).toMatch(/^task_/);
    expect(g.status).toBe("queued");
    expect(g.error).toBeNull();
    env.advance(10_000);
    expect((await refreshGeneration(a, g.id))?.status).toBe("completed");
    expect(env.sim.stats().submits).toBe(1);
  });
});
