import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody, Generation } from "@/lib/contract";
import type { Poller } from "@/lib/generations/poller";
import { readZip, type ZipListing } from "@/lib/downloads/read-zip-for-tests";
import { bootStudio, until, type Studio } from "@/lib/testing/studio";

// POST /api/downloads through the real route handler, with pictures made by
// the simulator and stored by the real poller; every archive is read back by
// an independent ZIP reader (Python's zipfile).

const base = "http://studio.test";
let studio: Studio;
let poller: Poller;
let route: typeof import("@/app/api/downloads/route");
const made: Record<"fox1" | "fox2" | "chinese" | "odd" | "failed" | "spare", Generation> = {} as never;

async function make(prompt: string, count = 1): Promise<Generation[]> {
  const res = await studio.create({ model: "nano_banana_2", prompt, aspectRatio: "1:1", count });
  expect(res.status).toBe(201);
  return ((await res.json()) as { generations: Generation[] }).generations;
}

async function finished(g: Generation): Promise<Generation> {
  return until(async () => {
    const now = (await (await studio.get(g.id)).json()) as Generation;
    return now.status === "completed" || now.status === "failed" ? now : undefined;
  });
}

beforeAll(async () => {
  studio = await bootStudio({ SIMULATOR_SPEED: "50" });
  const { createPoller } = await import("@/lib/generations");
  poller = createPoller(studio.deps);
  route = await import("@/app/api/downloads/route");
  [made.fox1, made.fox2] = await make("a red fox in the snow", 2);
  [made.chinese] = await make("雪中的狐狸，清晨的阳光洒在松树林上");
  [made.odd] = await make('a/b\\c: "what"? <x>|* the end...');
  [made.failed] = await make("a cat #fail");
  [made.spare] = await make("the one whose file goes missing");
  for (const key of Object.keys(made) as (keyof typeof made)[]) made[key] = await finished(made[key]);
  expect(made.failed.status).toBe("failed");
});
afterAll(() => {
  poller?.stop();
  studio?.cleanup();
});

const download = (body: string | object, headers: Record<string, string> = {}) =>
  route.POST(
    new Request(`${base}/api/downloads`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    undefined,
  );
const formDownload = (form: string, headers: Record<string, string> = {}) =>
  download(form, { "content-type": "application/x-www-form-urlencoded", ...headers });

async function zipOf(res: Response): Promise<ZipListing> {
  expect(res.status).toBe(200);
  return readZip(new Uint8Array(await res.arrayBuffer()));
}
async function storedSha(g: Generation): Promise<string> {
  const row = await studio.deps.db.getGeneration(g.id);
  const object = await studio.deps.store.get(row!.imageKey!);
  const hash = createHash("sha256");
  for await (const chunk of object!.stream) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
async function errorOf(res: Response): Promise<ErrorBody["error"]> {
  return ((await res.json()) as ErrorBody).error;
}

describe("POST /api/downloads", () => {
  it("streams a ZIP of the originals, named from their prompts in the order asked, with metadata.json", async () => {
    const pictures = [made.chinese, made.fox1, made.odd, made.fox2];
    const res = await download({ generationIds: pictures.map((g) => g.id) });
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="nano-studio-4-pictures.zip"; filename*=UTF-8''nano-studio-4-pictures.zip`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const zip = await zipOf(res);

    expect(zip.crcOk).toBe(true);
    const names = ["001 雪中的狐狸，清晨的阳光洒在松树林上.png", "002 a red fox in the snow.png", "003 a b c what x the end.png", "004 a red fox in the snow.png"];
    expect(zip.entries.map((e) => e.name)).toEqual(["metadata.json", ...names]);
    // Pictures as they are (they are compressed already); only the metadata deflated.
    expect(zip.entries.map((e) => e.method)).toEqual(["deflated", "stored", "stored", "stored", "stored"]);
    // The Chinese name is marked UTF-8, and every entry as made on Unix with
    // rw-r--r--: Info-ZIP's unzip ignores the UTF-8 mark on "DOS" entries.
    expect(zip.entries[1].utf8Name).toBe(true);
    expect(zip.entries.map((e) => [e.madeOnUnix, e.mode])).toEqual(zip.entries.map(() => [true, 0o644]));
    for (const [i, g] of pictures.entries()) {
      expect(zip.entries[i + 1].sha256).toBe(await storedSha(g));
      expect(zip.entries[i + 1].size).toBe(g.image!.bytes);
    }

    expect(zip.metadata).toEqual(
      pictures.map((g, i) => ({
        file: names[i],
        id: g.id,
        prompt: g.prompt,
        model: "nano_banana_2",
        aspectRatio: "1:1",
        imageSize: g.imageSize,
        width: g.image!.width,
        height: g.image!.height,
        bytes: g.image!.bytes,
        contentType: "image/png",
        references: [],
        createdBy: g.createdBy,
        createdAt: g.createdAt,
        completedAt: g.completedAt,
        batchId: g.batchId,
        // Originals: no parent, no instruction (an edit's are metadata.test's).
        parentId: null,
        instruction: null,
        runId: null,
        templateId: null,
        values: null,
      })),
    );
    // One request made both foxes: one batch.
    expect(made.fox1.batchId).toBe(made.fox2.batchId);
  });

  it("takes a plain form post: generationIds repeated or comma-separated, duplicates dropped", async () => {
    const form = `generationIds=${made.fox2.id}%2C${made.chinese.id}&generationIds=${made.fox2.id}&generationIds=${made.odd.id}`;
    const res = await formDownload(form, { origin: base, "sec-fetch-site": "same-origin" });
    expect(res.headers.get("content-disposition")).toMatch(/filename="nano-studio-3-pictures\.zip"/);
    const zip = await zipOf(res);
    expect(zip.entries.map((e) => e.name)).toEqual(["metadata.json", "001 a red fox in the snow.png", "002 雪中的狐狸，清晨的阳光洒在松树林上.png", "003 a b c what x the end.png"]);
    expect(zip.entries[2].sha256).toBe(await storedSha(made.chinese));
  });

  describe("refuses bad input with a clear 4xx before a byte of the archive", () => {
    const fakeId = (n: number) => `gen_01J${String(n).padStart(23, "0")}`;

    it("201 ids", async () => {
      const res = await download({ generationIds: Array.from({ length: 201 }, (_, i) => fakeId(i)) });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      expect((await errorOf(res)).message).toBe("Invalid request: generationIds: at most 200 pictures at once");
    });

    it("an id with no picture, named", async () => {
      const res = await download({ generationIds: [made.fox1.id, fakeId(7)] });
      expect(res.status).toBe(404);
      expect(await errorOf(res)).toMatchObject({ code: "not_found", message: `No picture with id ${fakeId(7)}` });
    });

    it("a failed picture, named", async () => {
      const res = await download({ generationIds: [made.fox1.id, made.failed.id] });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toBe(`Only finished pictures can be downloaded; not finished: ${made.failed.id} (failed)`);
    });

    it("malformed JSON, a wrong shape, no ids, an id that is not one", async () => {
      const cases: [string, RegExp][] = [
        ['{"generationIds": [', /not valid JSON/],
        ["", /needs a JSON body/],
        [JSON.stringify({ ids: [made.fox1.id] }), /Invalid request/],
        [JSON.stringify({ generationIds: [] }), /at least one picture/],
        [JSON.stringify({ generationIds: ["../../etc/passwd"] }), /not a generation id/],
      ];
      for (const [body, message] of cases) {
        const res = await download(body);
        expect(res.status, body).toBe(400);
        expect((await errorOf(res)).message).toMatch(message);
      }
      const emptyForm = await formDownload("generationIds=&other=1");
      expect(emptyForm.status).toBe(400);
      expect((await errorOf(emptyForm)).message).toMatch(/at least one picture/);
    });

    it("a post from another site (a form on a hostile page)", async () => {
      const res = await formDownload(`generationIds=${made.fox1.id}`, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).message).toBe("Requests from other sites are not allowed");
    });

    it("a picture whose stored file is gone", async () => {
      const row = await studio.deps.db.getGeneration(made.spare.id);
      await studio.deps.store.delete(row!.imageKey!);
      const res = await download({ generationIds: [made.fox1.id, made.spare.id] });
      expect(res.status).toBe(404);
      expect((await errorOf(res)).message).toBe(`The stored file of picture ${made.spare.id} is missing`);
    });
  });
});
