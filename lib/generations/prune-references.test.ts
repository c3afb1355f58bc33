import fs from "node:fs";
import path from "node:path";
import { testPerson } from "@/lib/testing/person";
import { afterEach, describe, expect, it } from "vitest";
import { makeReference, makeTemplate, makeUser } from "@/lib/db/shared/test-rows";
import { plainPicture } from "@/lib/images/test-images";
import { ENGINES, studioInstances, type Instances } from "@/lib/testing/instances";
import { until } from "@/lib/testing/studio";
import { createGenerations } from "./create";
import { createPoller } from "./poller";
import { UNUSED_UPLOAD_TTL_MS, pruneUnusedUploads } from "./prune-references";
import { uploadReference } from "./references";

// Uploads nobody used go after a day; used ones stay with their generations.

let env: Instances;
afterEach(() => env?.cleanup());

describe("unused uploads", () => {
  it("are removed (row and file) a day after upload; used and recent ones stay", async () => {
    env = await studioInstances({ engine: "sqlite" });
    const a = await env.instance("A");
    const bytes = await plainPicture({ width: 64, height: 48, format: "png" });
    const unused = await uploadReference(a, { bytes, createdBy: "t" });
    const used = await uploadReference(a, { bytes, createdBy: "t" });
    await createGenerations(a, { request: { model: "nano_banana_2", prompt: "uses one", aspectRatio: "auto", references: [used.id], count: 1 }, person: testPerson("t") });
    env.advance(UNUSED_UPLOAD_TTL_MS - 1_000);
    const recent = await uploadReference(a, { bytes, createdBy: "t" });
    expect(await pruneUnusedUploads(a)).toBe(0);

    env.advance(2_000);
    expect(await pruneUnusedUploads(a)).toBe(1);
    expect(await a.db.getReference(unused.id)).toBeUndefined();
    expect(await a.db.getReference(used.id)).toBeDefined();
    expect(await a.db.getReference(recent.id)).toBeDefined();
    expect(env.storedFiles().filter((f) => f.startsWith("references/"))).toHaveLength(2);
  });

  it("an upload a template carries stays past a day; once the template is gone, it goes", async () => {
    env = await studioInstances({ engine: "sqlite" });
    const a = await env.instance("A");
    const bytes = await plainPicture({ width: 64, height: 48, format: "png" });
    const carried = await uploadReference(a, { bytes, createdBy: "t" });
    const owner = makeUser({ name: "t" });
    await a.db.insertUser(owner);
    const template = makeTemplate({ ownerId: owner.id, references: [carried.id] });
    await a.db.insertTemplate(template);
    env.advance(UNUSED_UPLOAD_TTL_MS + 1_000);
    expect(await pruneUnusedUploads(a)).toBe(0);
    expect(await a.db.getReference(carried.id)).toBeDefined();

    await a.db.deleteTemplate(template.id);
    expect(await pruneUnusedUploads(a)).toBe(1);
    expect(await a.db.getReference(carried.id)).toBeUndefined();
    expect(env.storedFiles().filter((f) => f.startsWith("references/"))).toHaveLength(0);
  });

  it("the poller prunes on its first sweep, beside the polling rather than before it", async () => {
    env = await studioInstances({ engine: "sqlite" });
    const a = await env.instance("A");
    const upload = await uploadReference(a, { bytes: await plainPicture({ width: 32, height: 32, format: "png" }), createdBy: "t" });
    env.advance(UNUSED_UPLOAD_TTL_MS + 1);
    const poller = createPoller(a);
    await poller.tick();
    poller.stop();
    await until(async () => ((await a.db.getReference(upload.id)) === undefined ? true : undefined));
  });
});

// One run removed at most 200 (one batch) an hour, so a
// person uploading more than that a day outran it for good.
describe.each(ENGINES)("a pruning run on %s", (engine) => {
  it("removes every old unused upload, 1,000 of them, rows and files, in one run", async () => {
    env = await studioInstances({ engine });
    const a = await env.instance("A");
    const root = path.join(env.dir, "files");
    fs.mkdirSync(path.join(root, "references"), { recursive: true });
    const old = a.now() - UNUSED_UPLOAD_TTL_MS - 1;
    for (let i = 0; i < 1_000; i++) {
      const row = makeReference({ createdAt: old - i, createdBy: "t" });
      fs.writeFileSync(path.join(root, row.storageKey), "x");
      await a.db.insertReference(row);
    }
    const recent = await uploadReference(a, { bytes: await plainPicture({ width: 32, height: 32, format: "png" }), createdBy: "t" });

    expect(await pruneUnusedUploads(a)).toBe(1_000);
    expect(env.storedFiles()).toEqual([`references/${path.basename((await a.db.getReference(recent.id))!.storageKey)}`]);
    expect(await pruneUnusedUploads(a)).toBe(0);
  });
});
