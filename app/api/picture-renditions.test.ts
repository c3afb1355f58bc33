import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Generation } from "@/lib/contract";
import { accountsClient, ctx as id } from "@/lib/testing/accounts-client";
import { ADMIN, bootAccountsStudio } from "@/lib/testing/accounts-studio";
import { readNow } from "@/lib/testing/read-now";
import { until, type Studio } from "@/lib/testing/studio";

// The gallery's tiles are up to ~460 CSS px wide (about 920
// device pixels on a 2× screen), more than the 512 px thumbnail. A preview
// rendition (WebP, at most 1024 px on the long side) sits between the
// thumbnail and the original, so a tile's srcset never has to pick a picture
// smaller than its box, nor the multi-megabyte original for it. It is made
// from the original the first time it is asked for and kept beside the
// thumbnail; anyone who may see the picture may fetch it (a session, a token
// or a signed link, as for the thumbnail); it goes with the picture.

let studio: Studio;
let routes: {
  generations: typeof import("@/app/api/generations/route");
  generation: typeof import("@/app/api/generations/[id]/route");
  images: typeof import("@/app/api/images/[id]/route");
};
let refreshGeneration: typeof import("@/lib/generations").refreshGeneration;
let admin = "";
const { req, signIn } = accountsClient();

beforeAll(async () => {
  studio = await bootAccountsStudio();
  routes = {
    generations: await import("@/app/api/generations/route"),
    generation: await import("@/app/api/generations/[id]/route"),
    images: await import("@/app/api/images/[id]/route"),
  };
  ({ refreshGeneration } = await import("@/lib/generations"));
  admin = await signIn(ADMIN.name, ADMIN.password);
});
afterAll(() => studio.cleanup());

async function picture(aspectRatio: string): Promise<Generation> {
  const res = await routes.generations.POST(
    req("/api/generations", { method: "POST", cookie: admin, body: { model: "nano_banana_2", prompt: `a lighthouse ${aspectRatio}`, aspectRatio } }),
    undefined,
  );
  expect(res.status).toBe(201);
  const [made] = ((await res.json()) as { generations: Generation[] }).generations;
  await until(async () => ((await refreshGeneration(studio.deps, made.id))?.status === "completed" ? true : undefined));
  const read = await routes.generation.GET(req(`/api/generations/${made.id}`, { cookie: admin }), id(made.id));
  return (await read.json()) as Generation;
}
const image = async (generation: string, query: string, cookie = admin) =>
  readNow(await routes.images.GET(req(`/api/images/${generation}${query}`, { cookie }), id(generation)));
/** The preview files in the store (the data dir's files/previews/). */
const previews = () => studio.files().filter((f) => f.includes(`previews${path.sep}`)).map((f) => path.basename(f));

describe("GET /api/images/{id}?variant=preview", () => {
  let wide: Generation;
  beforeAll(async () => {
    wide = await picture("16:9");
  });

  it("the generation names it beside the thumbnail", () => {
    expect(wide.image).toMatchObject({ thumbUrl: `/api/images/${wide.id}?variant=thumb`, previewUrl: `/api/images/${wide.id}?variant=preview` });
  });

  it("is a WebP of 1024 px on the long side, in the picture's proportions, cached as the others", async () => {
    const res = await image(wide.id, "?variant=preview");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/webp");
    expect(res.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 1024, height: 572 });
    // Small enough for a gallery: a fraction of the original.
    expect(Number(res.headers.get("content-length"))).toBeLessThan(wide.image!.bytes / 3);
    const etag = res.headers.get("etag")!;
    expect((await routes.images.GET(req(`/api/images/${wide.id}?variant=preview`, { cookie: admin, headers: { "if-none-match": etag } }), id(wide.id))).status).toBe(304);
  });

  it("is made once and kept: the second answer is the stored copy", async () => {
    expect(previews()).toContain(`${wide.id}.webp`);
    const again = await image(wide.id, "?variant=preview");
    expect(again.status).toBe(200);
    expect(previews().filter((f) => f.startsWith(wide.id))).toHaveLength(1);
  });

  it("never enlarges: a picture no larger than the preview gives its own size", async () => {
    const square = await picture("1:1");
    const res = await image(square.id, "?variant=preview");
    expect(await sharp(Buffer.from(await res.arrayBuffer())).metadata()).toMatchObject({ format: "webp", width: 1024, height: 1024 });
  });

  it("only for people who may see the picture: no session → 401, an unknown or unfinished one → 404", async () => {
    const anonymous = await routes.images.GET(req(`/api/images/${wide.id}?variant=preview`), id(wide.id));
    expect(anonymous.status).toBe(401);
    expect((await image("gen_01J0000000000000000000000A", "?variant=preview")).status).toBe(404);
  });

  it("without its original (a copy restored without them) the thumbnail stands in, never a hole", async () => {
    const orphan = await picture("16:9");
    const row = (await studio.deps.db.getGeneration(orphan.id))!;
    await studio.deps.store.delete(row.imageKey!);
    const res = await image(orphan.id, "?variant=preview");
    expect(res.status).toBe(200);
    expect(await sharp(Buffer.from(await res.arrayBuffer())).metadata()).toMatchObject({ format: "webp", width: 512, height: 286 });
  });

  it("goes with the picture when it is deleted", async () => {
    const doomed = await picture("9:16");
    expect((await image(doomed.id, "?variant=preview")).status).toBe(200);
    expect(previews()).toContain(`${doomed.id}.webp`);
    const removed = await routes.generation.DELETE(req(`/api/generations/${doomed.id}`, { method: "DELETE", cookie: admin }), id(doomed.id));
    expect(removed.status).toBe(204);
    expect(previews()).not.toContain(`${doomed.id}.webp`);
  });
});
