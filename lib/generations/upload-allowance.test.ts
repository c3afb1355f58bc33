import { afterEach, describe, expect, it } from "vitest";
import { plainPicture } from "@/lib/images/test-images";
import { testPerson } from "@/lib/testing/person";
import { ENGINES, studioInstances, type Instances } from "@/lib/testing/instances";
import { createGenerations } from "./create";
import { uploadReference } from "./references";
import { formatBytes } from "./upload-allowance";

// Reference uploads counted against no limit. Each person
// now has a daily allowance in bytes (UTC days) that every stored upload
// counts against: POST /api/references, and the pictures a request carries
// (data URLs, copies of links; /v1/images/edits' files arrive as data URLs).

const DAY_MS = 86_400_000;
let env: Instances;
afterEach(() => env?.cleanup());

const dataUrl = (bytes: Buffer) => `data:image/png;base64,${bytes.toString("base64")}`;
const request = (references: string[]) => ({ model: "nano_banana_2" as const, prompt: "uses references", aspectRatio: "auto" as const, references, count: 1 });

describe.each(ENGINES)("the daily upload allowance on %s", (engine) => {
  it("counts each person's stored uploads per UTC day; past it 429 quota_exceeded naming the allowance and the reset, nothing stored; the next day starts afresh", async () => {
    const picture = await plainPicture({ width: 64, height: 48, format: "png" });
    env = await studioInstances({ engine, uploadBytesPerDay: 3 * picture.length + 10 });
    const a = await env.instance("A");
    for (let i = 0; i < 3; i++) await uploadReference(a, { bytes: picture, createdBy: "alice" });
    const files = env.storedFiles();

    const refused = await uploadReference(a, { bytes: picture, createdBy: "alice" }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: "quota_exceeded", status: 429 });
    expect((refused as Error).message).toBe(
      `Daily upload allowance reached: ${formatBytes(3 * picture.length)} of ${formatBytes(3 * picture.length + 10)} uploaded today, ` +
        `and this upload is ${formatBytes(picture.length)}. It resets at midnight UTC.`,
    );
    const endOfDay = a.now() - (a.now() % DAY_MS) + DAY_MS;
    expect((refused as { extra: { retryAfterSeconds: number } }).extra.retryAfterSeconds).toBe(Math.ceil((endOfDay - a.now()) / 1000));
    expect(env.storedFiles()).toEqual(files);

    // Another person has an allowance of her own; the next UTC day starts at zero.
    await uploadReference(a, { bytes: picture, createdBy: "bob" });
    env.advance(endOfDay - a.now());
    await uploadReference(a, { bytes: picture, createdBy: "alice" });
  });

  it("a request's own pictures count too, all or nothing; an upload named by its id does not count again", async () => {
    const picture = await plainPicture({ width: 64, height: 48, format: "png" });
    env = await studioInstances({ engine, uploadBytesPerDay: 3 * picture.length });
    const a = await env.instance("A");
    const person = testPerson("alice");
    const uploaded = await uploadReference(a, { bytes: picture, createdBy: "alice" });
    await createGenerations(a, { request: request([uploaded.id, uploaded.id, dataUrl(picture)]), person });
    const before = { files: env.storedFiles(), rows: await a.db.listGenerations({ limit: 100 }) };

    // Two more would make four: refused whole, nothing stored, nothing made.
    const refused = await createGenerations(a, { request: request([dataUrl(picture), dataUrl(picture)]), person }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: "quota_exceeded" });
    expect(env.storedFiles()).toEqual(before.files);
    expect(await a.db.listGenerations({ limit: 100 })).toEqual(before.rows);
    // The one left still fits.
    await createGenerations(a, { request: request([dataUrl(picture)]), person });
  });

  it("uploads at once from two instances never pass the allowance together: 3 of 12", async () => {
    const picture = await plainPicture({ width: 64, height: 48, format: "png" });
    env = await studioInstances({ engine, uploadBytesPerDay: 3 * picture.length });
    const [a, b] = [await env.instance("A"), await env.instance("B")];
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => uploadReference(i % 2 ? b : a, { bytes: picture, createdBy: "alice" })),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(3);
    expect(outcomes.filter((o) => o.status === "rejected").map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(Array(9).fill("quota_exceeded"));
    expect(env.storedFiles().filter((f) => f.startsWith("references/"))).toHaveLength(3);
  });

  it("an upload that could not be stored does not count", async () => {
    const picture = await plainPicture({ width: 64, height: 48, format: "png" });
    env = await studioInstances({ engine, uploadBytesPerDay: picture.length });
    const healthy = await env.instance("A");
    const broken = await env.instance("B", { store: { ...healthy.store, put: async () => Promise.reject(new Error("disk full")) } });
    await expect(uploadReference(broken, { bytes: picture, createdBy: "alice" })).rejects.toThrow("disk full");
    await uploadReference(healthy, { bytes: picture, createdBy: "alice" });
  });
});
