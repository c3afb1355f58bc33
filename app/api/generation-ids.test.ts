import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountsClient, errorOf, type ApiRequestInit } from "@/lib/testing/accounts-client";
import { ADMIN, bootAccountsStudio } from "@/lib/testing/accounts-studio";
import type { Studio } from "@/lib/testing/studio";
import { makeBoard, makeCompletedRow } from "@/lib/db/shared/test-rows";
import type { GenerationRow } from "@/lib/db";

// Search and "select all N matching" through the real route
// handlers, on STUDIO_AUTH=accounts: q matches every word in any order, and
// GET /api/generations/ids answers every id the list's filters match (and how
// many), to whoever may read the list (a session or a token), seeing no more
// than the list shows them: 401 for nobody, 404 for someone else's private
// board, their own stars only.

let studio: Studio;
let routes: {
  users: typeof import("@/app/api/admin/users/route");
  tokens: typeof import("@/app/api/tokens/route");
  generations: typeof import("@/app/api/generations/route");
};
const { req, signIn } = accountsClient();
const people = { root: "", ann: "", bob: "" };
const ids: Record<"ann" | "bob", string> = { ann: "", bob: "" };
let annsToken = "";
/** 40 by ann with the two words (every 4th in the other order), 6 by bob with one of them, 4 by bob with both. */
let rows: GenerationRow[] = [];
let bobsPrivateBoard = "";

beforeAll(async () => {
  studio = await bootAccountsStudio({ STUDIO_TRUSTED_PROXIES: "1" });
  routes = {
    users: await import("@/app/api/admin/users/route"),
    tokens: await import("@/app/api/tokens/route"),
    generations: await import("@/app/api/generations/route"),
  };
  people.root = await signIn(ADMIN.name, ADMIN.password);
  for (const name of ["ann", "bob"] as const) {
    const res = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: people.root, body: { name, password: `${name}-password-2026` } }), undefined);
    expect(res.status).toBe(201);
    ids[name] = ((await res.json()) as { id: string }).id;
    people[name] = await signIn(name, `${name}-password-2026`);
  }
  const token = await routes.tokens.POST(req("/api/tokens", { method: "POST", cookie: people.ann, body: { name: "script" } }), undefined);
  expect(token.status).toBe(201);
  annsToken = ((await token.json()) as { token: string }).token;

  const t0 = Date.now() - 3_600_000;
  rows = [
    ...Array.from({ length: 40 }, (_, i) =>
      makeCompletedRow({ createdBy: "ann", createdAt: t0 + i, prompt: i % 4 ? `Synthwave sunset no. ${i}, neon grid` : `a sunset in synthwave colours, no. ${i}` }),
    ),
    ...Array.from({ length: 6 }, (_, i) => makeCompletedRow({ createdBy: "bob", createdAt: t0 + 100 + i, prompt: `sunset over the sea ${i}` })),
    ...Array.from({ length: 4 }, (_, i) => makeCompletedRow({ createdBy: "bob", createdAt: t0 + 200 + i, prompt: `bob's synthwave at sunset ${i}`, model: "nano_banana_pro" })),
  ];
  await studio.deps.db.insertGenerations({ rows });
  // Bob's private board holds two of his pictures; ann starred three of hers and one of bob's.
  const board = makeBoard({ ownerId: ids.bob, visibility: "private" });
  await studio.deps.db.insertBoard(board);
  bobsPrivateBoard = board.id;
  await studio.deps.db.addBoardItems({ boardId: board.id, generationIds: [rows[46].id, rows[47].id], now: Date.now() });
  for (const row of [rows[0], rows[1], rows[5], rows[47]]) {
    await studio.deps.db.setFavorite({ userId: ids.ann, generationId: row.id, favorite: true, now: Date.now() });
  }
});
afterAll(() => studio.cleanup());

type Auth = Pick<ApiRequestInit, "cookie" | "bearer">;
const newestFirst = (list: readonly GenerationRow[]) => list.map((r) => r.id).sort().reverse();
const bothWords = () => rows.filter((r) => /synthwave/i.test(r.prompt) && /sunset/i.test(r.prompt));
const listIds = async (auth: Auth, query: string) => {
  const res = await routes.generations.GET(req(`/api/generations${query}`, auth), undefined);
  expect(res.status, query).toBe(200);
  return (await res.json()) as { items: { id: string }[]; nextCursor: string | null };
};
async function idsRoute() {
  return import("@/app/api/generations/ids/route");
}
const matching = async (auth: Auth, query: string) => (await idsRoute()).GET(req(`/api/generations/ids${query}`, auth), undefined);

describe("GET /api/generations?q=: every word, in any order", () => {
  it("finds the pictures made with “synthwave sunset …” when searching “sunset synthwave”", async () => {
    const first = await listIds({ cookie: people.ann }, `?q=${encodeURIComponent("sunset synthwave")}&limit=24`);
    expect(first.items.map((g) => g.id)).toEqual(newestFirst(bothWords()).slice(0, 24));
    const second = await listIds({ cookie: people.ann }, `?q=${encodeURIComponent("SUNSET synthwave")}&limit=24&cursor=${first.nextCursor}`);
    expect(second.items.map((g) => g.id)).toEqual(newestFirst(bothWords()).slice(24));
    expect(second.nextCursor).toBeNull();
    // With the model filter too.
    const pro = await listIds({ cookie: people.ann }, `?q=${encodeURIComponent("synthwave sunset")}&model=nano_banana_pro`);
    expect(pro.items.map((g) => g.id)).toEqual(newestFirst(bothWords().filter((r) => r.model === "nano_banana_pro")));
  });
});

describe("GET /api/generations/ids", () => {
  it("answers every id the list's filters match, newest first, and how many match", async () => {
    const res = await matching({ cookie: people.ann }, `?q=${encodeURIComponent("sunset synthwave")}&limit=1000`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ids: newestFirst(bothWords()), total: 44 });
    // The default limit is the largest, 1,000; a smaller one cuts the ids, never the total.
    expect(await (await matching({ cookie: people.ann }, `?q=synthwave+sunset`)).json()).toEqual({ ids: newestFirst(bothWords()), total: 44 });
    const some = (await (await matching({ cookie: people.ann }, `?q=synthwave+sunset&limit=10`)).json()) as { ids: string[]; total: number };
    expect(some).toEqual({ ids: newestFirst(bothWords()).slice(0, 10), total: 44 });
    // The same pictures as paging through the list, with the other filters too.
    for (const query of ["?mine=1", "?q=sunset&model=nano_banana_pro", "?status=completed&q=sea", `?favorite=1`, "?q=%E7%8C%AB"]) {
      const listed: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = await listIds({ cookie: people.ann }, `${query}&limit=7${cursor ? `&cursor=${cursor}` : ""}`);
        listed.push(...page.items.map((g) => g.id));
        cursor = page.nextCursor;
      } while (cursor);
      const res = await matching({ cookie: people.ann }, query);
      expect(await res.json(), query).toEqual({ ids: listed, total: listed.length });
    }
    // A token reads it as its person.
    expect(await (await matching({ bearer: annsToken }, "?mine=1&limit=5")).json()).toEqual({ ids: newestFirst(rows.slice(0, 40)).slice(0, 5), total: 40 });
  });

  it("sees what the list shows the caller: their own stars, their own pictures, no one else's private board", async () => {
    const starred = (await (await matching({ cookie: people.ann }, "?favorite=1")).json()) as { ids: string[]; total: number };
    expect(starred).toEqual({ ids: newestFirst([rows[0], rows[1], rows[5], rows[47]]), total: 4 });
    expect(await (await matching({ cookie: people.bob }, "?favorite=1")).json()).toEqual({ ids: [], total: 0 });
    expect(await (await matching({ cookie: people.bob }, "?mine=1&q=synthwave")).json()).toEqual({ ids: newestFirst(rows.slice(46)), total: 4 });

    // Bob's private board: his to list; a 404 for ann (token or session) and for the admin, naming nothing on it.
    expect(await (await matching({ cookie: people.bob }, `?board=${bobsPrivateBoard}`)).json()).toEqual({ ids: [rows[47].id, rows[46].id], total: 2 });
    for (const auth of [{ cookie: people.ann }, { bearer: annsToken }, { cookie: people.root }]) {
      const res = await matching(auth, `?board=${bobsPrivateBoard}`);
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(text).not.toContain(rows[46].id);
      expect(text).not.toContain(rows[47].id);
      // The list answers the same.
      expect((await routes.generations.GET(req(`/api/generations?board=${bobsPrivateBoard}`, auth), undefined)).status).toBe(404);
    }
  });

  it("is 401 without a session or a valid token, with no ids", async () => {
    for (const auth of [{}, { cookie: "studio_session=forged" }, { bearer: "nst_not-a-token" }]) {
      const res = await matching(auth, "?q=sunset");
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain("gen_");
    }
  });

  it("refuses what the list refuses, and a limit over 1,000, with 400 naming the field", async () => {
    for (const [query, field] of [
      ["?limit=1001", "limit"],
      ["?limit=0", "limit"],
      ["?limit=ten", "limit"],
      ["?cursor=nope", "cursor"],
      ["?board=brd_x", "board"],
      ["?status=weird", "status"],
      ["?model=nope", "model"],
      ["?q=" + "x".repeat(201), "q"],
      ["?ids=all", ""],
    ] as const) {
      const res = await matching({ cookie: people.ann }, query);
      expect(res.status, query).toBe(400);
      expect((await errorOf(res)).message, query).toContain(field);
    }
  });
});
