import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountsClient, ctx, errorOf } from "@/lib/testing/accounts-client";
import { bootStudio, until, type Studio } from "@/lib/testing/studio";

// Boards and batches through the real route handlers, on STUDIO_AUTH=accounts
// with an admin and two members: who sees and changes which board, items all
// or nothing, the board and batch filters of the gallery, and bad input
// answered with a clear 4xx and nothing changed.

const PASSWORD = "board-password-2026";
/** Boards per person in this file (the default is 500). */
const BOARD_CAP = 12;
let studio: Studio;
let routes: {
  users: typeof import("@/app/api/admin/users/route");
  boards: typeof import("@/app/api/boards/route");
  board: typeof import("@/app/api/boards/[id]/route");
  items: typeof import("@/app/api/boards/[id]/items/route");
  generations: typeof import("@/app/api/generations/route");
  generation: typeof import("@/app/api/generations/[id]/route");
};
const people: Record<"root" | "ann" | "bob" | "cy", string> = { root: "", ann: "", bob: "", cy: "" };

beforeAll(async () => {
  studio = await bootStudio({
    STUDIO_AUTH: "accounts",
    STUDIO_ADMIN_NAME: "root",
    STUDIO_ADMIN_PASSWORD: PASSWORD,
    STUDIO_TRUSTED_PROXIES: "1",
    STUDIO_MAX_BOARDS: String(BOARD_CAP),
  });
  routes = {
    users: await import("@/app/api/admin/users/route"),
    boards: await import("@/app/api/boards/route"),
    board: await import("@/app/api/boards/[id]/route"),
    items: await import("@/app/api/boards/[id]/items/route"),
    generations: await import("@/app/api/generations/route"),
    generation: await import("@/app/api/generations/[id]/route"),
  };
  people.root = await signIn("root");
  for (const name of ["ann", "bob", "cy"] as const) {
    const res = await routes.users.POST(req("/api/admin/users", { method: "POST", as: "root", body: { name, password: PASSWORD } }), undefined);
    expect(res.status).toBe(201);
    people[name] = await signIn(name);
  }
});
afterAll(() => studio.cleanup());

const client = accountsClient();
type Who = keyof typeof people;
type Init = { method?: string; as?: Who; body?: unknown };
/** A request as one of the people (their session cookie), or as nobody. */
const req = (path: string, init: Init = {}) => client.req(path, { method: init.method, body: init.body, cookie: init.as && people[init.as] });
const signIn = (name: string) => client.signIn(name, PASSWORD);

type Board = { id: string; name: string; visibility: string; owner: string; count: number; coverUrl: string | null; canManage: boolean };
type Gen = { id: string; batchId: string; status: string; prompt: string };

async function newBoard(as: Who, body: unknown): Promise<Board> {
  const res = await routes.boards.POST(req("/api/boards", { method: "POST", as, body }), undefined);
  expect(res.status).toBe(201);
  return (await res.json()) as Board;
}
const boardsOf = async (as: Who) => ((await (await routes.boards.GET(req("/api/boards", { as }), undefined)).json()) as { items: Board[] }).items;
const addItems = (as: Who, id: string, generationIds: unknown) => routes.items.POST(req(`/api/boards/${id}/items`, { method: "POST", as, body: { generationIds } }), ctx(id));
const removeItems = (as: Who, id: string, generationIds: unknown) => routes.items.DELETE(req(`/api/boards/${id}/items`, { method: "DELETE", as, body: { generationIds } }), ctx(id));
async function listing(as: Who, query: string) {
  return routes.generations.GET(req(`/api/generations${query}`, { as }), undefined);
}
const idsOf = async (res: Response) => ((await res.json()) as { items: Gen[] }).items.map((g) => g.id);

/** One request of `count` pictures, waited on until they are all completed. */
async function make(as: Who, prompt: string, count: number): Promise<Gen[]> {
  const res = await routes.generations.POST(req("/api/generations", { method: "POST", as, body: { model: "nano_banana_2", prompt, count } }), undefined);
  expect(res.status).toBe(201);
  const made = ((await res.json()) as { generations: Gen[] }).generations;
  return until(async () => {
    const rows = await Promise.all(made.map(async (g) => (await (await routes.generation.GET(req(`/api/generations/${g.id}`, { as }), ctx(g.id))).json()) as Gen));
    return rows.every((g) => g.status === "completed") ? rows : undefined;
  }, 30_000);
}

describe("boards and batches", () => {
  let anns: Gen[];
  let bobs: Gen[];
  beforeAll(async () => {
    anns = await make("ann", "a lighthouse at dusk", 3);
    bobs = await make("bob", "灯塔 at dawn", 2);
  });

  it("gives every picture of one request the same batchId, and another request another one", async () => {
    expect(new Set(anns.map((g) => g.batchId)).size).toBe(1);
    expect(new Set(bobs.map((g) => g.batchId)).size).toBe(1);
    expect(anns[0].batchId).not.toBe(bobs[0].batchId);
    expect(anns[0].batchId).toMatch(/^bat_/);
    const res = await listing("root", `?batch=${anns[0].batchId}`);
    expect(new Set(await idsOf(res))).toEqual(new Set(anns.map((g) => g.id)));
  });

  it("a team board: anyone adds and removes, counts and cover follow, the owner or an admin manages it", async () => {
    const board = await newBoard("ann", { name: "  Moodboard  " });
    expect(board).toMatchObject({ name: "Moodboard", visibility: "team", owner: "ann", count: 0, coverUrl: null, canManage: true });

    // Across two batches, by someone who does not own the board.
    const chosen = [anns[1].id, bobs[0].id];
    const added = await addItems("bob", board.id, [...chosen, chosen[0]]);
    expect(added.status).toBe(200);
    const body = (await added.json()) as { board: Board; changed: number };
    expect(body.changed).toBe(2);
    expect(body.board.count).toBe(2);
    expect(body.board.coverUrl).toBe(`/api/images/${bobs[0].id}?variant=thumb`);
    expect(body.board.canManage).toBe(false);
    // Again: nothing new.
    expect(((await (await addItems("ann", board.id, chosen)).json()) as { changed: number }).changed).toBe(0);

    expect(await idsOf(await listing("bob", `?board=${board.id}`))).toEqual([bobs[0].id, anns[1].id]);
    // With another filter of the gallery.
    expect(await idsOf(await listing("bob", `?board=${board.id}&q=lighthouse`))).toEqual([anns[1].id]);

    // bob may not rename or delete ann's board; root (admin) may rename it.
    expect((await routes.board.PATCH(req(`/api/boards/${board.id}`, { method: "PATCH", as: "bob", body: { name: "Mine now" } }), ctx(board.id))).status).toBe(403);
    expect((await routes.board.DELETE(req(`/api/boards/${board.id}`, { method: "DELETE", as: "bob" }), ctx(board.id))).status).toBe(403);
    const renamed = await routes.board.PATCH(req(`/api/boards/${board.id}`, { method: "PATCH", as: "root", body: { name: "Lighthouses" } }), ctx(board.id));
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as Board).name).toBe("Lighthouses");

    const removed = await removeItems("bob", board.id, [bobs[0].id]);
    expect(((await removed.json()) as { board: Board }).board).toMatchObject({ count: 1, coverUrl: `/api/images/${anns[1].id}?variant=thumb` });
  });

  it("a private board is its owner's alone: listed, read and changed by nobody else, admins included", async () => {
    const secret = await newBoard("ann", { name: "Surprise", visibility: "private" });
    expect((await addItems("ann", secret.id, [anns[0].id])).status).toBe(200);

    expect((await boardsOf("ann")).map((b) => b.id)).toContain(secret.id);
    for (const who of ["bob", "root"] as const) {
      expect((await boardsOf(who)).map((b) => b.id)).not.toContain(secret.id);
      const listed = await listing(who, `?board=${secret.id}`);
      expect(listed.status).toBe(404);
      const add = await addItems(who, secret.id, [bobs[1].id]);
      expect(add.status).toBe(404);
      expect((await errorOf(add)).message).toBe("There is no board with this id");
      expect((await routes.board.GET(req(`/api/boards/${secret.id}`, { as: who }), ctx(secret.id))).status).toBe(404);
    }
    expect((await routes.board.GET(req(`/api/boards/${secret.id}`, { as: "ann" }), ctx(secret.id))).status).toBe(200);
    expect(await idsOf(await listing("ann", `?board=${secret.id}`))).toEqual([anns[0].id]);
  });

  it("deleting a board keeps its pictures", async () => {
    const board = await newBoard("bob", { name: "Short-lived" });
    await addItems("bob", board.id, [bobs[0].id, bobs[1].id]);
    const res = await routes.board.DELETE(req(`/api/boards/${board.id}`, { method: "DELETE", as: "bob" }), ctx(board.id));
    expect(res.status).toBe(204);
    expect((await boardsOf("bob")).map((b) => b.id)).not.toContain(board.id);
    const pictures = await idsOf(await listing("bob", `?batch=${bobs[0].batchId}`));
    expect(new Set(pictures)).toEqual(new Set(bobs.map((g) => g.id)));
    expect((await listing("bob", `?board=${board.id}`)).status).toBe(404);
  });

  it("bad input: a clear 4xx and the board unchanged", async () => {
    const board = await newBoard("ann", { name: "Careful" });
    await addItems("ann", board.id, [anns[2].id]);
    const missing = "gen_01JZZZZZZZZZZZZZZZZZZZZZZZ";

    const unknown = await addItems("ann", board.id, [anns[0].id, missing]);
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).message).toContain(missing);

    const tooMany = await addItems("ann", board.id, Array.from({ length: 201 }, () => anns[0].id));
    expect(tooMany.status).toBe(400);
    expect((await errorOf(tooMany)).message).toContain("at most 200");

    for (const bad of [[], ["not-an-id"], "gen_x"]) expect((await addItems("ann", board.id, bad)).status).toBe(400);
    expect((await routes.items.POST(req(`/api/boards/${board.id}/items`, { method: "POST", as: "ann", body: "{oops" }), ctx(board.id))).status).toBe(400);

    const long = await routes.boards.POST(req("/api/boards", { method: "POST", as: "ann", body: { name: "x".repeat(101) } }), undefined);
    expect(long.status).toBe(400);
    expect((await errorOf(long)).message).toContain("at most 100 characters");
    for (const body of [{ name: "" }, { name: "   " }, { name: "ok", visibility: "public" }, { name: "ok", extra: 1 }]) {
      expect((await routes.boards.POST(req("/api/boards", { method: "POST", as: "ann", body }), undefined)).status).toBe(400);
    }
    const emptyPatch = await routes.board.PATCH(req(`/api/boards/${board.id}`, { method: "PATCH", as: "ann", body: {} }), ctx(board.id));
    expect(emptyPatch.status).toBe(400);
    // An admin may not make someone else's team board private (it would vanish from the admin and the team).
    const hide = await routes.board.PATCH(req(`/api/boards/${board.id}`, { method: "PATCH", as: "root", body: { visibility: "private" } }), ctx(board.id));
    expect(hide.status).toBe(403);

    expect(await idsOf(await listing("ann", `?board=${board.id}`))).toEqual([anns[2].id]);
    const after = (await boardsOf("ann")).find((b) => b.id === board.id)!;
    expect(after).toMatchObject({ name: "Careful", visibility: "team", count: 1 });

    expect((await listing("ann", "?board=brd_nope")).status).toBe(400);
    expect((await listing("ann", "?batch=nope")).status).toBe(400);
  });

  it("without a session: 401 on every board route", async () => {
    expect((await routes.boards.GET(req("/api/boards"), undefined)).status).toBe(401);
    expect((await routes.boards.POST(req("/api/boards", { method: "POST", body: { name: "x" } }), undefined)).status).toBe(401);
  });
});

// Boards per person are capped, and the list comes a page at a time.
describe("board cap and pages", () => {
  type Page = { items: Board[]; nextCursor: string | null };
  const page = async (as: Who, query: string): Promise<Page> => {
    const res = await routes.boards.GET(req(`/api/boards${query}`, { as }), undefined);
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  };

  it("past the cap a new board is refused with 429 naming the cap, nothing made; deleting one makes room", async () => {
    const made: Board[] = [];
    for (let i = 0; i < BOARD_CAP; i++) made.push(await newBoard("cy", { name: `cy ${i}`, visibility: i % 2 ? "private" : "team" }));
    const refused = await routes.boards.POST(req("/api/boards", { method: "POST", as: "cy", body: { name: "one too many" } }), undefined);
    expect(refused.status).toBe(429);
    const error = await errorOf(refused);
    expect(error.code).toBe("quota_exceeded");
    expect(error.message).toContain(String(BOARD_CAP));
    expect((await boardsOf("cy")).map((b) => b.name)).not.toContain("one too many");
    // Another person is not held back by cy's boards.
    expect((await routes.boards.POST(req("/api/boards", { method: "POST", as: "bob", body: { name: "bob's still fine" } }), undefined)).status).toBe(201);
    expect((await routes.board.DELETE(req(`/api/boards/${made[0].id}`, { method: "DELETE", as: "cy" }), ctx(made[0].id))).status).toBe(204);
    expect((await routes.boards.POST(req("/api/boards", { method: "POST", as: "cy", body: { name: "room again" } }), undefined)).status).toBe(201);
  });

  it("lists boards a page at a time, by name (any case) then id, with nextCursor; every board once", async () => {
    // Names that sort apart only by case, and two alike: the cursor carries the name and the id.
    for (const name of ["zeta", "Zeta", "zeta", "Alpha", "alpha", "Ωmega", "日本"]) await newBoard("ann", { name });
    const everything = await page("ann", "?limit=200");
    expect(everything.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const next: Page = await page("ann", `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(next.items.length).toBeLessThanOrEqual(3);
      seen.push(...next.items.map((b) => b.id));
      cursor = next.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(everything.items.map((b) => b.id));
    expect(pages).toBe(Math.ceil(seen.length / 3));
    // A private board of someone else never shows up on any page.
    expect(seen).toEqual(expect.not.arrayContaining((await boardsOf("cy")).filter((b) => b.visibility === "private").map((b) => b.id)));
    // Without a limit: the first page of the default size (what the board bar asks for first).
    const first = await page("ann", "");
    expect(first.items.map((b) => b.id)).toEqual(seen.slice(0, first.items.length));
    for (const bad of ["?limit=0", "?limit=1000", "?cursor=nonsense", "?cursor=brd_01HZZZZZZZZZZZZZZZZZZZZZZZ"]) {
      expect((await routes.boards.GET(req(`/api/boards${bad}`, { as: "ann" }), undefined)).status).toBe(400);
    }
  });
});
