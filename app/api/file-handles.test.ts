import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Generation } from "@/lib/contract";
import { plainPicture } from "@/lib/images/test-images";
import { openFilesUnder } from "@/lib/testing/open-files";
import { bootStudio, until, type Studio } from "@/lib/testing/studio";

// A stored picture opened for an answer that is never
// read stayed open until the garbage collector closed it (Node's DEP0137
// warning, soon an error). Next answers HEAD with the GET handler and drops
// the body unread; a /v1 b64_json answer can be cancelled between pictures.
// Each case checks the files this process still holds open, not the GC.

let studio: Studio;
let pictures: Generation[];
beforeAll(async () => {
  studio = await bootStudio();
  const { startPoller } = await import("@/lib/generations");
  startPoller(studio.deps);
  const res = await studio.create({ model: "nano_banana_2", prompt: "two lighthouses", aspectRatio: "1:1", count: 2 });
  expect(res.status).toBe(201);
  const created = ((await res.json()) as { generations: Generation[] }).generations;
  pictures = await Promise.all(
    created.map((g) =>
      until(async () => {
        const now = (await (await studio.get(g.id)).json()) as Generation;
        return now.status === "completed" ? now : undefined;
      }),
    ),
  );
});
afterAll(() => studio?.cleanup());

/** Pictures and references held open by this process (the SQLite files are always open). */
const openPictures = () => openFilesUnder(studio.dataDir).filter((f) => !/studio\.db/.test(f));

describe("no stored file is left open for the garbage collector", () => {
  it("HEAD on a picture, a reference and a share link's picture: headers only, the file closed at once", async () => {
    const upload = await studio.uploadReference(await plainPicture({ width: 40, height: 30, format: "png" }));
    expect(upload.status).toBe(201);
    const { id: refId } = (await upload.json()) as { id: string };
    const shares = await import("@/app/api/shares/route");
    const made = await shares.POST(
      new Request("http://studio.test/api/shares", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ generationId: pictures[0].id }) }),
      undefined,
    );
    expect(made.status).toBe(201);
    const token = new URL(((await made.json()) as { url: string }).url, "http://studio.test").pathname.split("/").pop()!;
    const images = await import("@/app/api/images/[id]/route");
    const references = await import("@/app/api/references/[id]/route");
    const sharedImage = await import("@/app/s/[token]/images/[id]/route");

    // The route handlers' own answers, as Next gets them (no test helper reads them).
    const head = (path: string) => new Request(`http://studio.test${path}`, { method: "HEAD" });
    const params = <T,>(value: T) => ({ params: Promise.resolve(value) });
    const id = pictures[0].id;
    const answers = [
      await images.GET(head(`/api/images/${id}`), params({ id })),
      await images.GET(head(`/api/images/${id}?variant=thumb`), params({ id })),
      await references.GET(head(`/api/references/${refId}`), params({ id: refId })),
      await sharedImage.GET(head(`/s/${token}/images/${id}`), params({ token, id })),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(openPictures()).toEqual([]);
    for (const answer of answers) {
      expect(answer.body).toBeNull();
      expect(Number(answer.headers.get("content-length"))).toBeGreaterThan(0);
    }
    // GET still streams the whole file, and closes it once read.
    const full = await studio.image(pictures[0].id);
    expect(Buffer.from(await full.arrayBuffer()).length).toBe(pictures[0].image!.bytes);
    expect(openPictures()).toEqual([]);
  });

  it("a /v1 b64_json answer cancelled after a picture was opened closes that picture", async () => {
    const { b64Response } = await import("@/lib/openai-compat/respond");
    const before = openPictures();
    const reader = b64Response({ deps: studio.deps, ids: pictures.map((p) => p.id), created: 1 }).body!.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe('{"created":1,"data":[');
    // The first picture is opened for this part, before any of its bytes go.
    expect(decoder.decode((await reader.read()).value)).toBe('{"b64_json":"');
    expect(openPictures()).toEqual([...before, `files/images/${pictures[0].id}.png`].sort());
    await reader.cancel();
    expect(openPictures()).toEqual(before);
  });
});
