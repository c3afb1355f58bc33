import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Generation, VersionsResponse } from "@/lib/contract";
import { accountsClient, ctx, errorOf } from "@/lib/testing/accounts-client";
import { ADMIN, bootAccountsStudio } from "@/lib/testing/accounts-studio";
import { until, type Studio } from "@/lib/testing/studio";
import { makeRow } from "@/lib/db/shared/test-rows";

// Edit threads through the real route handlers, on STUDIO_AUTH=accounts in
// demo mode: an edit names its parent, the parent's stored original goes
// first among the references, every version lands in one tree that anyone
// signed in reads the same, the gallery shows one card per tree, and a
// deleted version keeps its children. Who may call GET …/versions: any
// signed-in member or token; nobody else (401), and an unknown id is 404.

let studio: Studio;
let routes: {
  users: typeof import("@/app/api/admin/users/route");
  generations: typeof import("@/app/api/generations/route");
  generation: typeof import("@/app/api/generations/[id]/route");
  versions: typeof import("@/app/api/generations/[id]/versions/route");
  images: typeof import("@/app/api/images/[id]/route");
  references: typeof import("@/app/api/references/[id]/route");
};
const { req, signIn } = accountsClient();
const people = { root: "", ann: "", bob: "" };
type Who = keyof typeof people;

beforeAll(async () => {
  studio = await bootAccountsStudio();
  routes = {
    users: await import("@/app/api/admin/users/route"),
    generations: await import("@/app/api/generations/route"),
    generation: await import("@/app/api/generations/[id]/route"),
    versions: await import("@/app/api/generations/[id]/versions/route"),
    images: await import("@/app/api/images/[id]/route"),
    references: await import("@/app/api/references/[id]/route"),
  };
  people.root = await signIn(ADMIN.name, ADMIN.password);
  for (const name of ["ann", "bob"] as const) {
    const res = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: people.root, body: { name, password: `${name}-password-2026` } }), undefined);
    expect(res.status).toBe(201);
    people[name] = await signIn(name, `${name}-password-2026`);
  }
});
afterAll(() => studio.cleanup());

const post = (as: Who, body: Record<string, unknown>) =>
  routes.generations.POST(req("/api/generations", { method: "POST", cookie: people[as], body: { model: "nano_banana_2", ...body } }), undefined);
const read = async (as: Who, id: string) => (await (await routes.generation.GET(req(`/api/generations/${id}`, { cookie: people[as] }), ctx(id))).json()) as Generation;
const versionsOf = (id: string, cookie?: string) => routes.versions.GET(req(`/api/generations/${id}/versions`, { cookie }), ctx(id));
const tree = async (as: Who, id: string) => {
  const res = await versionsOf(id, people[as]);
  expect(res.status).toBe(200);
  return (await res.json()) as VersionsResponse;
};
const list = async (as: Who, query = "") => ((await (await routes.generations.GET(req(`/api/generations${query}`, { cookie: people[as] }), undefined)).json()) as { items: Generation[] }).items;
const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());
const finished = (as: Who, id: string) => until(async () => ((await read(as, id)).status === "completed" ? read(as, id) : undefined), 30_000);

/** One picture asked for and waited on until it is finished. */
async function make(as: Who, body: Record<string, unknown>): Promise<Generation> {
  const res = await post(as, body);
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  const [made] = ((await res.json()) as { generations: Generation[] }).generations;
  return finished(as, made.id);
}
const rowCount = async () => (await studio.deps.db.listGenerations({ limit: 1_000 })).length;
const referenceCount = async () => studio.files().filter((file) => file.includes("references/")).length;

describe("edit threads", () => {
  let original: Generation;
  let night: Generation;
  let snow: Generation;
  let branch: Generation;

  beforeAll(async () => {
    original = await make("ann", { prompt: "a red fox in a meadow" });
    night = await make("bob", { prompt: "make it night", parentId: original.id });
    snow = await make("ann", { prompt: "add snow", parentId: night.id });
    // Editing an older version starts a branch.
    branch = await make("ann", { prompt: "black and white", parentId: original.id });
  });

  it("an edit records its parent and its tree, and sends the parent's stored original first", async () => {
    expect(night).toMatchObject({ parentId: original.id, rootId: original.id, prompt: "make it night", referenceCount: 1 });
    expect(snow).toMatchObject({ parentId: night.id, rootId: original.id });
    expect(original).toMatchObject({ parentId: null, rootId: original.id });
    // The first reference is a copy of the parent's original, byte for byte.
    const referenceId = night.references[0].url.split("/").pop()!;
    const reference = await routes.references.GET(req(`/api/references/${referenceId}`, { cookie: people.bob }), ctx(referenceId));
    const parentOriginal = await routes.images.GET(req(`/api/images/${original.id}`, { cookie: people.bob }), ctx(original.id));
    expect((await bytesOf(reference)).equals(await bytesOf(parentOriginal))).toBe(true);
    // The demo draws an edit from its parent: not the picture the same words would draw from nothing.
    const edited = await bytesOf(await routes.images.GET(req(`/api/images/${night.id}`, { cookie: people.bob }), ctx(night.id)));
    expect(edited.equals(await bytesOf(await routes.images.GET(req(`/api/images/${original.id}`, { cookie: people.bob }), ctx(original.id))))).toBe(false);
  });

  it("every version reads the same tree: the path to the newest finished version first, then the branch", async () => {
    for (const id of [original.id, night.id, snow.id, branch.id]) {
      const { rootId, items } = await tree(id === night.id ? "bob" : "ann", id);
      expect(rootId).toBe(original.id);
      expect(items.map((item) => item.id)).toEqual([original.id, branch.id, night.id, snow.id]);
    }
    const { items } = await tree("bob", snow.id);
    const children = Object.fromEntries(items.map((item) => [item.id, item.children]));
    expect(children).toEqual({ [original.id]: [night.id, branch.id], [night.id]: [snow.id], [snow.id]: [], [branch.id]: [] });
    expect(items.every((item) => "versions" in item && item.versions === 4)).toBe(true);
  });

  it("the gallery shows one card per tree, its newest version with the tree's size; versions=all shows each", async () => {
    const cards = await list("bob");
    const ofTree = cards.filter((g) => g.rootId === original.id);
    expect(ofTree.map((g) => g.id)).toEqual([branch.id]);
    expect(ofTree[0].versions).toBe(4);
    const every = (await list("bob", "?versions=all")).filter((g) => g.rootId === original.id);
    expect(every.map((g) => g.id)).toEqual([branch.id, snow.id, night.id, original.id]);
    // A search names the very pictures: every version it matches shows.
    expect((await list("bob", "?q=night")).map((g) => g.id)).toEqual([night.id]);
    expect((await list("bob", "?q=fox")).map((g) => g.id)).toContain(original.id);
    expect((await read("ann", original.id)).versions).toBe(4);
  });

  it("lists every picture in progress, two edits of one tree included (each its own progress card)", async () => {
    const lone = makeRow({ status: "completed", createdBy: "ann", rootId: null });
    const first = makeRow({ status: "processing", createdBy: "ann", parentId: lone.id, rootId: lone.id });
    const second = makeRow({ status: "queued", createdBy: "ann", parentId: lone.id, rootId: lone.id });
    await studio.deps.db.insertGenerations({ rows: [lone, first, second] });
    const active = (await list("ann", "?status=active")).map((g) => g.id);
    expect(active).toEqual(expect.arrayContaining([first.id, second.id]));
    for (const row of [second, first, lone]) await studio.deps.db.deleteGeneration(row.id);
  });

  it("deleting a middle version keeps its children, which keep their parent", async () => {
    const middle = await make("bob", { prompt: "golden hour", parentId: branch.id });
    const leaf = await make("bob", { prompt: "remove the tree", parentId: middle.id });
    const res = await routes.generation.DELETE(req(`/api/generations/${middle.id}`, { method: "DELETE", cookie: people.bob }), ctx(middle.id));
    expect(res.status).toBe(204);
    expect(await read("ann", leaf.id)).toMatchObject({ parentId: middle.id, rootId: original.id, versions: 5 });
    const { items } = await tree("ann", leaf.id);
    expect(items.slice(0, 4).map((item) => item.id)).toEqual([original.id, branch.id, middle.id, leaf.id]);
    expect(items[2]).toEqual({ id: middle.id, deleted: true, parentId: branch.id, children: [leaf.id] });
    // A deleted version is not itself a way in.
    expect((await versionsOf(middle.id, people.ann)).status).toBe(404);
  });

  it("refuses an edit of a picture that is not there (404) or not finished (400), and more than five references, with nothing made", async () => {
    const failed = makeRow({ status: "failed", createdBy: "ann", rootId: null });
    const running = makeRow({ status: "processing", createdBy: "ann", rootId: null });
    await studio.deps.db.insertGenerations({ rows: [failed, running] });
    const before = { rows: await rowCount(), submits: studio.sim.stats().submits, references: await referenceCount() };
    expect(before.references).toBeGreaterThan(0);
    const missing = await post("ann", { prompt: "make it night", parentId: "gen_01J00000000000000000000000" });
    expect(missing.status).toBe(404);
    for (const unfinished of [failed, running]) {
      const res = await post("ann", { prompt: "make it night", parentId: unfinished.id });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(/parentId: only a finished picture can be edited/);
    }
    const thumb = (await bytesOf(await routes.images.GET(req(`/api/images/${original.id}?variant=thumb`, { cookie: people.ann }), ctx(original.id)))).toString("base64");
    const tooMany = await post("ann", { prompt: "make it night", parentId: original.id, references: Array(5).fill(`data:image/webp;base64,${thumb}`) });
    expect(tooMany.status).toBe(400);
    expect((await errorOf(tooMany)).message).toMatch(/at most 5 reference images, the picture edited counted/);
    expect((await post("ann", { prompt: "x", parentId: "not-an-id" })).status).toBe(400);
    expect({ rows: await rowCount(), submits: studio.sim.stats().submits, references: await referenceCount() }).toEqual(before);
  });

  it("GET …/versions: 401 without a session, 404 for an unknown or malformed id", async () => {
    expect((await versionsOf(original.id)).status).toBe(401);
    expect((await versionsOf("gen_01J00000000000000000000000", people.ann)).status).toBe(404);
    expect((await versionsOf("nope", people.ann)).status).toBe(404);
  });
});
