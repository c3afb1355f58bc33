import { testPerson } from "@/lib/testing/person";
import { afterEach, describe, expect, it } from "vitest";
import type { GatewayClient } from "@/lib/gateway";
import { ENGINES, gate, studioInstances, type Instances } from "@/lib/testing/instances";
import { createGenerations } from "./create";
import { refreshGeneration } from "./refresh";
import { RESULT_URL_LIFETIME_MS, retryDelayMs } from "./save-result";
import { toGeneration } from "./serialize";

// A picture the gateway made is never lost: not to a timeout racing its
// download, nor to a flaky CDN or a storage outage (#5).

let env: Instances;
afterEach(() => env?.cleanup());

const request = { model: "nano_banana_2" as const, prompt: "saved for good", aspectRatio: "auto" as const, references: [], count: 1 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(ENGINES)("on %s", (engine) => {
  it("a row whose picture is being saved cannot be failed as timed out by another instance", async () => {
    env = await studioInstances({ engine, pollIntervalMs: 150, taskTimeoutMs: 60_000 });
    const a = await env.instance("A");
    const b = await env.instance("B");
    const downloading = gate();
    const release = gate();
    const fetchResult = a.gateway.fetchResult;
    a.gateway = { ...a.gateway, fetchResult: async (task) => (downloading.open(), await release.opened, fetchResult(task)) } satisfies GatewayClient;

    const [g] = await createGenerations(a, { request, person: testPerson("t") });
    env.advance(10_000);
    const saving = refreshGeneration(a, g.id);
    await downloading.opened;
    env.advance(61_000); // past the task's timeout while A downloads
    await sleep(400); // A renews its lease meanwhile (every lease/3 = 250 ms)
    const seenByB = await refreshGeneration(b, g.id).finally(release.open);
    expect(seenByB?.status).not.toBe("failed");

    const saved = await saving;
    expect(saved?.status).toBe("completed");
    expect((await b.db.getGeneration(g.id))?.status).toBe("completed");
    expect(env.sim.stats().resultDownloads).toBe(1);
    expect(env.storedFiles()).toEqual([`images/${g.id}.png`, `thumbs/${g.id}.webp`]);
  });
});

describe("one instance", () => {
  it("asks the gateway one last time before failing on timeout, and keeps a finished picture", async () => {
    env = await studioInstances({ engine: "sqlite", taskTimeoutMs: 60_000 });
    const a = await env.instance("A");
    const [g] = await createGenerations(a, { request, person: testPerson("t") });
    env.advance(61_000); // nothing polled it in time (say, the server was down)
    const row = await refreshGeneration(a, g.id);
    expect(row?.status).toBe("completed");
    expect(env.sim.stats().resultDownloads).toBe(1);
  });

  it("storage down: the picture is downloaded once, shown as saving with the reason, never timed out, stored when storage is back", async () => {
    env = await studioInstances({ engine: "sqlite", taskTimeoutMs: 15 * 60_000 });
    const a = await env.instance("A");
    const store = a.store;
    let storageDown = true;
    a.store = {
      ...store,
      put: async (input) => {
        if (storageDown) throw new Error("connect ECONNREFUSED 127.0.0.1:9000");
        return store.put(input);
      },
    };
    const [g] = await createGenerations(a, { request, person: testPerson("t") });
    env.advance(10_000);
    const first = await refreshGeneration(a, g.id);
    expect(first?.status).toBe("processing");
    const shown = toGeneration(first!);
    expect(shown.saving?.reason).toMatch(/storage is not answering/);
    expect(shown.error).toBeNull();

    // Twenty minutes of outage, well past the 15-minute task timeout.
    for (let minute = 0; minute < 20; minute++) {
      env.advance(60_000);
      const row = await refreshGeneration(a, g.id);
      expect(row?.status).toBe("processing");
    }
    expect(env.sim.stats().resultDownloads).toBe(1);

    storageDown = false;
    env.advance(5 * 60_000);
    const saved = await refreshGeneration(a, g.id);
    expect(saved?.status).toBe("completed");
    expect(toGeneration(saved!).saving).toBeNull();
    expect(env.sim.stats().resultDownloads).toBe(1);
    expect(env.storedFiles()).toEqual([`images/${g.id}.png`, `thumbs/${g.id}.webp`]);
  });

  it("a flaky CDN is retried with backoff (ten failures, then the picture), not failed after four", async () => {
    env = await studioInstances({ engine: "sqlite" });
    const a = await env.instance("A");
    const [g] = await createGenerations(a, { request, person: testPerson("t") });
    env.advance(10_000);
    env.sim.injectBurst({ status: 502, count: 10, body: "html", only: "result" });
    for (let attempt = 1; attempt <= 10; attempt++) {
      const row = await refreshGeneration(a, g.id);
      expect(row?.status).toBe("processing");
      expect(row?.downloadAttempts).toBe(attempt);
      expect(row?.savingReason).toBeTruthy();
      // Not due before its backoff: a refresh in between asks nobody.
      const before = env.sim.stats().resultDownloads;
      env.advance(retryDelayMs(attempt, 1_000) - 1);
      await refreshGeneration(a, g.id);
      expect(env.sim.stats().resultDownloads).toBe(before);
      env.advance(1);
    }
    const row = await refreshGeneration(a, g.id);
    expect(row?.status).toBe("completed");
    expect(env.sim.stats().resultDownloads).toBe(11);
  });

  it("keeps trying for as long as the URL can live, then /content, and only then fails with the reason", async () => {
    env = await studioInstances({ engine: "sqlite" });
    const a = await env.instance("A");
    const asked: (string | undefined)[] = [];
    const fetchResult = a.gateway.fetchResult;
    a.gateway = { ...a.gateway, fetchResult: (task) => (asked.push(task.url), fetchResult(task)) };
    const [g] = await createGenerations(a, { request, person: testPerson("t") });
    env.advance(10_000);
    env.sim.injectBurst({ status: 503, count: 10_000, body: "json", only: "result" });
    let row = await refreshGeneration(a, g.id);
    const seenAt = row!.resultSeenAt!;
    while (a.now() - seenAt < RESULT_URL_LIFETIME_MS + 31 * 60_000 && row?.status === "processing") {
      env.advance(60_000);
      row = await refreshGeneration(a, g.id);
      if (a.now() - seenAt < RESULT_URL_LIFETIME_MS) expect(row?.status).toBe("processing");
    }
    expect(row?.status).toBe("failed");
    expect(row?.errorCode).toBe("download_failed");
    expect(row?.errorMessage).toMatch(/could not be copied/);
    expect(asked[0]).toMatch(/^http/);
    expect(asked.at(-1)).toBeUndefined(); // the last tries went to /content
    expect(asked.length).toBeGreaterThan(20);
  });
});
