import { testPerson } from "@/lib/testing/person";
import { afterEach, describe, expect, it } from "vitest";
import type { PreparedSubmit, SubmitInput } from "@/lib/gateway";
import { plainPicture } from "@/lib/images/test-images";
import { studioInstances, type Instances } from "@/lib/testing/instances";
import { createGenerations } from "./create";
import { listGenerations } from "./reads";
import { REFRESH_CONCURRENCY } from "./refresh-slots";

// Memory that stays bounded whatever asks.

let env: Instances;
afterEach(() => env?.cleanup());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("bounds", () => {
  it("a list read of 40 due active rows refreshes at most the bound at once", async () => {
    env = await studioInstances({ engine: "sqlite" });
    const a = await env.instance("A");
    let running = 0;
    let peak = 0;
    let polls = 0;
    const get = a.gateway.get;
    a.gateway = {
      ...a.gateway,
      get: async (id, opts) => {
        polls++;
        peak = Math.max(peak, ++running);
        await sleep(30);
        running--;
        return get(id, opts);
      },
    };
    for (let i = 0; i < 4; i++) await createGenerations(a, { request: { model: "nano_banana_2", prompt: `row ${i}`, aspectRatio: "auto", references: [], count: 4 }, person: testPerson("t") });
    for (let i = 0; i < 6; i++) await createGenerations(a, { request: { model: "nano_banana_pro-4K", prompt: `big ${i}`, aspectRatio: "auto", references: [], count: 4 }, person: testPerson("t") });
    a.config.limits.maxActive = 1_000;
    env.advance(1_000);
    await listGenerations(a, { query: { limit: 40 }, viewer: testPerson("t") });
    await sleep(500);
    expect(polls).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(REFRESH_CONCURRENCY);
  });

  it("count 4 sends one encoded body four times, not four copies, with the request's own data URL in it", async () => {
    env = await studioInstances({ engine: "sqlite" });
    const a = await env.instance("A");
    const sent: (SubmitInput | PreparedSubmit)[] = [];
    let storeReads = 0;
    const store = a.store;
    a.store = { ...store, get: (key) => (storeReads++, store.get(key)) };
    const submit = a.gateway.submit;
    a.gateway = { ...a.gateway, submit: (input) => (sent.push(input), submit(input)) };
    const png = await plainPicture({ width: 800, height: 600, format: "png" });
    await createGenerations(a, {
      request: { model: "nano_banana_2", prompt: "four of them", aspectRatio: "auto", references: [`data:image/png;base64,${png.toString("base64")}`], count: 4 },
      person: testPerson("t"),
    });
    expect(sent).toHaveLength(4);
    const bodies = sent.map((input) => ("kind" in input ? input.body : undefined));
    expect(bodies.every((body) => body instanceof Uint8Array)).toBe(true);
    expect(new Set(bodies).size).toBe(1);
    expect(env.sim.stats().submits).toBe(4);
    // The request's own data URL went to the gateway: nothing was read back and encoded again.
    expect(storeReads).toBe(0);
    const sentBody = JSON.parse(new TextDecoder().decode(bodies[0])) as { metadata: { urls: string[] } };
    expect(sentBody.metadata.urls).toEqual([`data:image/png;base64,${png.toString("base64")}`]);
  });
});
