import { testPerson } from "@/lib/testing/person";
import { afterEach, describe, expect, it } from "vitest";
import { plainPicture } from "@/lib/images/test-images";
import { ENGINES, studioInstances, type Instances } from "@/lib/testing/instances";
import { retryGeneration } from "./commands";
import { createGenerations } from "./create";
import { uploadReference } from "./references";
import { refreshGeneration } from "./refresh";

// A request that fails after its rows exist but before anything was sent
// keeps its reference files and says plainly that nothing was billed.

let env: Instances;
afterEach(() => env?.cleanup());

describe.each(ENGINES)("on %s", (engine) => {
  it("storage failing while references are read: rows fail as not sent, files stay, Retry works", async () => {
    env = await studioInstances({ engine });
    const a = await env.instance("A");
    // Uploaded once, named by id: the submit reads it back from storage.
    const upload = await uploadReference(a, { bytes: await plainPicture({ width: 64, height: 48, format: "png" }), createdBy: "t" });
    const reference = upload.id;
    const store = a.store;
    a.store = { ...store, get: async () => Promise.reject(new Error("storage unavailable")) };

    await expect(
      createGenerations(a, { request: { model: "nano_banana_2", prompt: "with a reference", aspectRatio: "auto", references: [reference], count: 2 }, person: testPerson("t") }),
    ).rejects.toThrow();
    const rows = await a.db.listGenerations({ limit: 10 });
    expect(rows.map((r) => [r.status, r.errorCode])).toEqual([["failed", "not_sent"], ["failed", "not_sent"]]);
    expect(rows[0].errorMessage).toMatch(/Nothing was sent to the gateway, so nothing was billed/);
    expect(rows[0].errorMessage).not.toMatch(/may .* have been billed|may or may not/);
    expect(env.sim.stats().submits).toBe(0);
    expect(env.storedFiles().filter((f) => f.startsWith("references/"))).toHaveLength(1);

    a.store = store;
    const [retried] = await retryGeneration(a, { id: rows[0].id, person: testPerson("t") });
    expect(retried.upstreamId).toMatch(/^task_/);
    env.advance(10_000);
    expect((await refreshGeneration(a, retried.id))?.status).toBe("completed");
    expect(env.sim.stats().submits).toBe(1);
  });
});
