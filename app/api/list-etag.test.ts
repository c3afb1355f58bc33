import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { accountsClient, ctx } from "@/lib/testing/accounts-client";
import { ADMIN, bootAccountsStudio } from "@/lib/testing/accounts-studio";
import { until, type Studio } from "@/lib/testing/studio";
import { makeBoard, makeCompletedRow, makeRow } from "@/lib/db/shared/test-rows";
import type { GenerationRow } from "@/lib/db";

// GET /api/generations' ETag through the real route handlers, on
// STUDIO_AUTH=accounts with two members: the same request with its tag is a
// 304 with no body and no list query; a new picture by someone else, an
// update, a delete, a star and a picture put on a board each make the old tag
// answer 200 with a new one, for whom it changed and no one else; no two
// lists and no two people share a tag; a change in the same millisecond as the
// read before it is never missed.
//
// The studio's clock (deps.now) is moved on by hand: a tag validates only
// once its newest change is SETTLE_MS old (lib/server/list-etag.ts).

let studio: Studio;
let routes: {
  users: typeof import("@/app/api/admin/users/route");
  generations: typeof import("@/app/api/generations/route");
  generation: typeof import("@/app/api/generations/[id]/route");
  cancel: typeof import("@/app/api/generations/[id]/cancel/route");
  items: typeof import("@/app/api/boards/[id]/items/route");
};
const { req, signIn } = accountsClient();
const cookies = { root: "", ann: "", bob: "" };
const ids = { ann: "", bob: "" };
let seeded: GenerationRow[] = [];
let annsWaiting: GenerationRow;
const boards = { team: "", bobsPrivate: "" };

/** How far the studio's clock is ahead of the real one. */
let shift = 0;
/** How old a change must be before a tag made after it validates (read after boot: the module reads the configuration on import). */
let settleMs = 0;
/** Moves the studio's clock past the settling time of every change so far. */
const settle = () => {
  shift += settleMs + 1;
};

beforeAll(async () => {
  studio = await bootAccountsStudio({ STUDIO_TRUSTED_PROXIES: "1" });
  vi.spyOn(studio.deps, "now").mockImplementation(() => Date.now() + shift);
  routes = {
    users: await import("@/app/api/admin/users/route"),
    generations: await import("@/app/api/generations/route"),
    generation: await import("@/app/api/generations/[id]/route"),
    cancel: await import("@/app/api/generations/[id]/cancel/route"),
    items: await import("@/app/api/boards/[id]/items/route"),
  };
  settleMs = (await import("@/lib/server/list-etag")).SETTLE_MS;
  cookies.root = await signIn(ADMIN.name, ADMIN.password);
  for (const name of ["ann", "bob"] as const) {
    const res = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: cookies.root, body: { name, password: `${name}-password-2026` } }), undefined);
    expect(res.status).toBe(201);
    ids[name] = ((await res.json()) as { id: string }).id;
    cookies[name] = await signIn(name, `${name}-password-2026`);
  }
  // An hour old: settled from the start. Ann has one picture waiting for a slot (never sent, so nothing polls it).
  const t0 = Date.now() - 3_600_000;
  seeded = Array.from({ length: 6 }, (_, i) => makeCompletedRow({ createdBy: i % 2 ? "bob" : "ann", createdAt: t0 + i, updatedAt: t0 + i, prompt: `harbour ${i}` }));
  annsWaiting = makeRow({ createdBy: "ann", status: "waiting", createdAt: t0 + 10, updatedAt: t0 + 10, prompt: "waiting for a slot" });
  await studio.deps.db.insertGenerations({ rows: [...seeded, annsWaiting] });
  const team = makeBoard({ ownerId: ids.ann, visibility: "team", createdAt: t0, updatedAt: t0 });
  const bobsPrivate = makeBoard({ ownerId: ids.bob, visibility: "private", createdAt: t0, updatedAt: t0 });
  await studio.deps.db.insertBoard(team);
  await studio.deps.db.insertBoard(bobsPrivate);
  await studio.deps.db.addBoardItems({ boardId: team.id, generationIds: [seeded[0].id], now: t0 + 20 });
  boards.team = team.id;
  boards.bobsPrivate = bobsPrivate.id;
});
afterEach(() => settle());
afterAll(() => studio.cleanup());

type Who = keyof typeof cookies;
const list = (as: Who, query = "?limit=24", etag?: string) =>
  routes.generations.GET(req(`/api/generations${query}`, { cookie: cookies[as], headers: etag ? { "if-none-match": etag } : {} }), undefined);

/** A tag that validates: read once the last change has settled, and checked with a 304. */
async function settledTag(as: Who, query = "?limit=24"): Promise<string> {
  settle();
  const res = await list(as, query);
  expect(res.status).toBe(200);
  const etag = res.headers.get("etag")!;
  expect(etag).toMatch(/^"[\w-]+"$/);
  expect((await list(as, query, etag)).status).toBe(304);
  return etag;
}

/** The old tag is answered in full, with a new tag: the list as it is now. */
async function changed(as: Who, etag: string, query = "?limit=24") {
  const res = await list(as, query, etag);
  expect(res.status).toBe(200);
  const fresh = res.headers.get("etag");
  expect(fresh).toBeTruthy();
  expect(fresh).not.toBe(etag);
  return (await res.json()) as { items: { id: string; status: string; favorite: boolean }[] };
}

describe("GET /api/generations: an ETag, answered 304 while nothing changed", () => {
  it("the same request with its ETag answers 304 with no body, without the list query", async () => {
    settle();
    const first = await list("ann");
    expect(first.status).toBe(200);
    // Kept by the browser but asked again every time: a no-store answer would bar the page from the back/forward cache.
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    const etag = first.headers.get("etag")!;
    expect(etag).toBeTruthy();
    expect(((await first.json()) as { items: unknown[] }).items).toHaveLength(seeded.length + 1);

    const listed = vi.spyOn(studio.deps.db, "listGenerations");
    try {
      const again = await list("ann", "?limit=24", etag);
      expect(again.status).toBe(304);
      expect(again.headers.get("cache-control")).toBe("private, no-cache");
      expect(again.headers.get("etag")).toBe(etag);
      expect(await again.text()).toBe("");
      // A weak form and a list with it in it name the same tag (If-None-Match compares weakly).
      expect((await list("ann", "?limit=24", `W/${etag}`)).status).toBe(304);
      expect((await list("ann", "?limit=24", `"other", ${etag}`)).status).toBe(304);
      expect(listed).not.toHaveBeenCalled();
    } finally {
      listed.mockRestore();
    }
    // Anything else is a full answer.
    expect((await list("ann", "?limit=24", '"not-this-one"')).status).toBe(200);
  });

  it("a new picture by another person: everyone's old tag answers 200 with a new one, the picture in it", async () => {
    const annsTag = await settledTag("ann");
    const bobsMine = await settledTag("bob", "?limit=24&mine=1");
    const made = await routes.generations.POST(req("/api/generations", { method: "POST", cookie: cookies.bob, body: { model: "nano_banana_2", prompt: "a teammate's lighthouse" } }), undefined);
    expect(made.status).toBe(201);
    const [picture] = ((await made.json()) as { generations: { id: string }[] }).generations;
    expect((await changed("ann", annsTag)).items.map((g) => g.id)).toContain(picture.id);
    expect((await changed("bob", bobsMine, "?limit=24&mine=1")).items.map((g) => g.id)).toContain(picture.id);

    // Its progress and completion are updates too: each moves the tag again.
    const inFlight = await settledTag("ann");
    await until(async () => {
      const res = await routes.generation.GET(req(`/api/generations/${picture.id}`, { cookie: cookies.bob }), ctx(picture.id));
      return ((await res.json()) as { status: string }).status === "completed" ? true : undefined;
    });
    expect((await changed("ann", inFlight)).items.find((g) => g.id === picture.id)?.status).toBe("completed");
  });

  it("an update of a row (a cancel) and a delete each answer the old tag with 200 and a new one", async () => {
    const beforeCancel = await settledTag("ann");
    const cancelled = await routes.cancel.POST(req(`/api/generations/${annsWaiting.id}/cancel`, { method: "POST", cookie: cookies.ann }), ctx(annsWaiting.id));
    expect(cancelled.status).toBe(200);
    expect((await changed("ann", beforeCancel)).items.find((g) => g.id === annsWaiting.id)?.status).toBe("failed");

    const beforeDelete = await settledTag("ann");
    const deleted = await routes.generation.DELETE(req(`/api/generations/${seeded[2].id}`, { method: "DELETE", cookie: cookies.ann }), ctx(seeded[2].id));
    expect(deleted.status).toBe(204);
    expect((await changed("ann", beforeDelete)).items.map((g) => g.id)).not.toContain(seeded[2].id);
  });

  it("a star changes its person's tags only; a picture put on a board changes that board's tag only", async () => {
    const annsAll = await settledTag("ann");
    const annsStarred = await settledTag("ann", "?limit=24&favorite=1");
    const bobsAll = await settledTag("bob");
    const starred = await routes.generation.PATCH(req(`/api/generations/${seeded[1].id}`, { method: "PATCH", cookie: cookies.ann, body: { favorite: true } }), ctx(seeded[1].id));
    expect(starred.status).toBe(200);
    settle();
    expect((await changed("ann", annsAll)).items.find((g) => g.id === seeded[1].id)?.favorite).toBe(true);
    expect((await changed("ann", annsStarred, "?limit=24&favorite=1")).items.map((g) => g.id)).toEqual([seeded[1].id]);
    expect((await list("bob", "?limit=24", bobsAll)).status).toBe(304);

    const board = `?limit=24&board=${boards.team}`;
    const onBoard = await settledTag("bob", board);
    const bobsAllAgain = await settledTag("bob");
    const added = await routes.items.POST(req(`/api/boards/${boards.team}/items`, { method: "POST", cookie: cookies.bob, body: { generationIds: [seeded[3].id] } }), ctx(boards.team));
    expect(added.status).toBe(200);
    settle();
    expect((await changed("bob", onBoard, board)).items.map((g) => g.id)).toEqual([seeded[3].id, seeded[0].id]);
    expect((await list("bob", "?limit=24", bobsAllAgain)).status).toBe(304);
    // Taken off again: no stamp, the count says so.
    const full = await settledTag("bob", board);
    const removed = await routes.items.DELETE(req(`/api/boards/${boards.team}/items`, { method: "DELETE", cookie: cookies.bob, body: { generationIds: [seeded[3].id] } }), ctx(boards.team));
    expect(removed.status).toBe(200);
    settle();
    expect((await changed("bob", full, board)).items.map((g) => g.id)).toEqual([seeded[0].id]);
  });

  it("no two lists and no two people share a tag: one's tag never validates another's", async () => {
    settle();
    const queries = ["?limit=24", "?limit=25", "?limit=24&status=completed", "?limit=24&mine=1", "?limit=24&favorite=1", `?limit=24&board=${boards.team}`, `?limit=24&cursor=${seeded[4].id}`];
    const tags = new Map<string, string>();
    for (const as of ["ann", "bob"] as const) {
      for (const query of queries) {
        const res = await list(as, query);
        expect(res.status, `${as} ${query}`).toBe(200);
        tags.set(`${as} ${query}`, res.headers.get("etag")!);
      }
    }
    expect(new Set(tags.values()).size).toBe(tags.size);
    // Ann's tag of the gallery, sent by bob for the same address, or by ann for another one: a full answer.
    expect((await list("bob", "?limit=24", tags.get("ann ?limit=24"))).status).toBe(200);
    expect((await list("ann", "?limit=24&mine=1", tags.get("ann ?limit=24"))).status).toBe(200);
    expect((await list("ann", "?limit=24", tags.get("ann ?limit=24"))).status).toBe(304);
  });

  it("someone else's private board is a 404 with a tag or without", async () => {
    const query = `?limit=24&board=${boards.bobsPrivate}`;
    const bobs = await settledTag("bob", query);
    expect((await list("ann", query)).status).toBe(404);
    expect((await list("ann", query, bobs)).status).toBe(404);
    expect((await list("ann", query, "*")).status).toBe(404);
  });

  it("a change in the same millisecond as the read before it is not missed", async () => {
    settle();
    // The studio's clock stands still: the read and both writes share one millisecond.
    const at = studio.deps.now();
    const frozen = vi.spyOn(studio.deps, "now").mockReturnValue(at);
    let between: string;
    try {
      await studio.deps.db.updateGeneration({ id: seeded[4].id, patch: { prompt: "harbour 4, first", updatedAt: at } });
      const read = await list("ann");
      expect(read.status).toBe(200);
      between = read.headers.get("etag")!;
      // Nothing newer than the first write: the newest change is the same millisecond as before.
      await studio.deps.db.updateGeneration({ id: seeded[5].id, patch: { prompt: "harbour 5, second", updatedAt: at } });
    } finally {
      frozen.mockImplementation(() => Date.now() + shift);
    }
    settle();
    const items = (await changed("ann", between)).items as unknown as { id: string; prompt: string }[];
    expect(items.find((g) => g.id === seeded[5].id)?.prompt).toBe("harbour 5, second");
  });
});
