import { createHash } from "node:crypto";
import { NextRequest } from "next/server";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FRESH_GENERATION } from "@/lib/db/fresh-row";
import { newGenerationId } from "@/lib/core/ids";
import { accountsClient, captureLogs, ctx, errorOf } from "@/lib/testing/accounts-client";
import { readNow } from "@/lib/testing/read-now";
import { bootStudio, until, type Studio } from "@/lib/testing/studio";

// Share links through the real route handlers, on STUDIO_AUTH=accounts with an
// admin and two members: who may share what, the token (long, random, only its
// hash stored), what the public page's loader and image route let through
// (the shared picture or the shared board's, nothing else), revoking, expiry,
// cascades, the per-address rate limit, and never a token in a log line.

const PASSWORD = "share-password-2026";
/** Live links per person in this file (the default is 200). */
const LINK_CAP = 25;
let studio: Studio;
let routes: {
  users: typeof import("@/app/api/admin/users/route");
  user: typeof import("@/app/api/admin/users/[id]/route");
  boards: typeof import("@/app/api/boards/route");
  board: typeof import("@/app/api/boards/[id]/route");
  items: typeof import("@/app/api/boards/[id]/items/route");
  generations: typeof import("@/app/api/generations/route");
  generation: typeof import("@/app/api/generations/[id]/route");
  shares: typeof import("@/app/api/shares/route");
  share: typeof import("@/app/api/shares/[id]/route");
  sharedImage: typeof import("@/app/s/[token]/images/[id]/route");
};
let view: typeof import("@/lib/shares/view");
let proxy: typeof import("@/proxy").proxy;
const people: Record<"root" | "ann" | "bob" | "cy" | "ada", string> = { root: "", ann: "", bob: "", cy: "", ada: "" };
const ids: Record<"ann" | "bob" | "cy" | "ada", string> = { ann: "", bob: "", cy: "", ada: "" };
let logged: string[] = [];
const tokens: string[] = [];

beforeAll(async () => {
  studio = await bootStudio({
    STUDIO_AUTH: "accounts",
    STUDIO_ADMIN_NAME: "root",
    STUDIO_ADMIN_PASSWORD: PASSWORD,
    STUDIO_TRUSTED_PROXIES: "1",
    STUDIO_MAX_SHARE_LINKS: String(LINK_CAP),
  });
  // After boot: the logger reads the configuration once, on import.
  logged = await captureLogs();
  routes = {
    users: await import("@/app/api/admin/users/route"),
    user: await import("@/app/api/admin/users/[id]/route"),
    boards: await import("@/app/api/boards/route"),
    board: await import("@/app/api/boards/[id]/route"),
    items: await import("@/app/api/boards/[id]/items/route"),
    generations: await import("@/app/api/generations/route"),
    generation: await import("@/app/api/generations/[id]/route"),
    shares: await import("@/app/api/shares/route"),
    share: await import("@/app/api/shares/[id]/route"),
    sharedImage: await import("@/app/s/[token]/images/[id]/route"),
  };
  view = await import("@/lib/shares/view");
  proxy = (await import("@/proxy")).proxy;
  people.root = await signIn("root");
  // ada is a second admin (so that an admin's demotion can be tried), cy a member with no pictures.
  for (const name of ["ann", "bob", "cy", "ada"] as const) {
    const role = name === "ada" ? "admin" : "member";
    const res = await routes.users.POST(req("/api/admin/users", { method: "POST", as: "root", body: { name, password: PASSWORD, role } }), undefined);
    expect(res.status).toBe(201);
    ids[name] = ((await res.json()) as { id: string }).id;
    people[name] = await signIn(name);
  }
});
afterAll(() => studio.cleanup());

const base = "http://studio.test";
const client = accountsClient();
type Who = keyof typeof people;
type Init = { method?: string; as?: Who; body?: unknown };
/** A request as one of the people (their session cookie), or as nobody. */
const req = (path: string, init: Init = {}) => client.req(path, { method: init.method, body: init.body, cookie: init.as && people[init.as] });
const signIn = (name: string) => client.signIn(name, PASSWORD);

type Gen = { id: string; status: string; prompt: string };
type Share = { id: string; kind: string; generationId: string | null; boardId: string | null; title: string; createdBy: string; createdAt: string; expiresAt: string | null; url?: string; hiddenPictures?: number };

/** One request of `count` pictures, waited on until they are all completed (newest first). */
async function make(as: Who, prompt: string, count = 1): Promise<Gen[]> {
  const res = await routes.generations.POST(req("/api/generations", { method: "POST", as, body: { model: "nano_banana_2", prompt, count } }), undefined);
  expect(res.status).toBe(201);
  const made = ((await res.json()) as { generations: Gen[] }).generations;
  const done = await until(async () => {
    const rows = await Promise.all(made.map(async (g) => (await (await routes.generation.GET(req(`/api/generations/${g.id}`, { as }), ctx(g.id))).json()) as Gen));
    return rows.every((g) => g.status === "completed") ? rows : undefined;
  }, 30_000);
  return done.sort((a, b) => (a.id < b.id ? 1 : -1));
}
async function newBoard(as: Who, body: unknown, pictures: string[] = []): Promise<string> {
  const res = await routes.boards.POST(req("/api/boards", { method: "POST", as, body }), undefined);
  expect(res.status).toBe(201);
  const id = ((await res.json()) as { id: string }).id;
  if (pictures.length) expect((await routes.items.POST(req(`/api/boards/${id}/items`, { method: "POST", as, body: { generationIds: pictures } }), ctx(id))).status).toBe(200);
  return id;
}
/** A row straight into the database, for states a test cannot wait for (failed, in flight, many). */
async function rowOf(input: { createdBy: string; status: "failed" | "queued" | "completed"; prompt?: string }): Promise<string> {
  const now = Date.now();
  const id = newGenerationId(now);
  await studio.deps.db.insertGenerations({
    rows: [
      {
        ...FRESH_GENERATION,
        id,
        model: "nano_banana_2",
        prompt: input.prompt ?? `a ${input.status} picture`,
        aspectRatio: "1:1",
        imageSize: "1K",
        references: [],
        status: input.status,
        createdAt: now,
        updatedAt: now,
        createdBy: input.createdBy,
        ...(input.status === "completed" ? { imageKey: `images/${id}.png`, thumbKey: `thumbs/${id}.webp`, imageWidth: 1024, imageHeight: 1024, imageContentType: "image/png", imageBytes: 1 } : {}),
        ...(input.status === "failed" ? { errorCode: "failed", errorMessage: "the gateway refused" } : {}),
      },
    ],
  });
  return id;
}

const post = (as: Who, body: unknown) => routes.shares.POST(req("/api/shares", { method: "POST", as, body }), undefined);
async function shared(as: Who, body: unknown): Promise<Share & { url: string; token: string }> {
  const res = await post(as, body);
  expect(res.status).toBe(201);
  const share = (await res.json()) as Share & { url: string };
  const token = share.url.slice("/s/".length);
  tokens.push(token);
  return { ...share, token };
}
const listShares = async (as: Who, query = "") => routes.shares.GET(req(`/api/shares${query}`, { as }), undefined);
const sharesOf = async (as: Who, query = "") => ((await (await listShares(as, query)).json()) as { items: Share[] }).items;
const revoke = (as: Who, id: string) => routes.share.DELETE(req(`/api/shares/${id}`, { method: "DELETE", as }), ctx(id));
/** The public image route, as a stranger without a cookie. */
const image = async (token: string, id: string, query = "") =>
  readNow(await routes.sharedImage.GET(new Request(`${base}/s/${token}/images/${id}${query}`), { params: Promise.resolve({ token, id }) }));
const load = (token: string, before?: string, deps = studio.deps) => view.loadSharedView(deps, { token, before });

describe("share links", () => {
  let anns: Gen[];
  let bobs: Gen[];
  beforeAll(async () => {
    anns = await make("ann", "a lighthouse at dusk", 3);
    bobs = await make("bob", "灯塔 at dawn", 1);
  });

  it("shares a finished picture: a 43-character random token in the answer only, its SHA-256 alone in the database", async () => {
    const before = (await sharesOf("ann")).length;
    const share = await shared("ann", { generationId: anns[0].id });
    expect(share).toMatchObject({ kind: "generation", generationId: anns[0].id, boardId: null, title: "a lighthouse at dusk", createdBy: "ann", expiresAt: null });
    expect(share.id).toMatch(/^shr_/);
    expect(share.url).toMatch(/^\/s\/[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(share.token, "base64url")).toHaveLength(32);
    const again = await shared("ann", { generationId: anns[0].id });
    expect(again.token).not.toBe(share.token);

    const row = await studio.deps.db.getShare(share.id);
    expect(row!.tokenHash).toBe(createHash("sha256").update(share.token).digest("base64url"));
    expect(JSON.stringify(row)).not.toContain(share.token);
    // The list says what is shared, never the link.
    const listed = await sharesOf("ann");
    expect(listed).toHaveLength(before + 2);
    expect(listed[0]).toMatchObject({ id: again.id, kind: "generation", title: "a lighthouse at dusk", createdBy: "ann" });
    expect(listed[0]).not.toHaveProperty("url");
    expect(JSON.stringify(listed)).not.toMatch(/\/s\/|url|token/);
  });

  it("the shared picture's page data and images; no other picture through the same link", async () => {
    const { token } = await shared("ann", { generationId: anns[1].id, expiresInDays: 7 });
    const page = await load(token);
    expect(page).toMatchObject({ kind: "generation", title: "a lighthouse at dusk", olderUrl: null, firstUrl: null });
    expect(page!.pictures.map((p) => p.id)).toEqual([anns[1].id]);
    const picture = page!.pictures[0];
    expect(picture.thumbUrl).toBe(`/s/${token}/images/${anns[1].id}?variant=thumb`);
    expect(picture.fullUrl).toBe(`/s/${token}/images/${anns[1].id}`);

    const thumb = await image(token, anns[1].id, "?variant=thumb");
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    expect(thumb.headers.get("cache-control")).toBe("private, max-age=300");
    const bytes = Buffer.from(await thumb.arrayBuffer());
    // The width and height the page writes are the thumbnail's own (nothing shifts when it arrives).
    const meta = await sharp(bytes).metadata();
    expect([meta.width, meta.height]).toEqual([picture.thumbWidth, picture.thumbHeight]);
    const full = await image(token, anns[1].id);
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toMatch(/^image\//);
    expect(full.headers.get("cache-control")).not.toContain("immutable");
    expect((await sharp(Buffer.from(await full.arrayBuffer())).metadata()).width).toBe(picture.width);

    // The picture next to it, ann's own other one and bob's: 404, as is junk.
    for (const other of [anns[0].id, anns[2].id, bobs[0].id, "gen_nope", "../../api/images/x"]) {
      expect((await image(token, other, "?variant=thumb")).status).toBe(404);
    }
    // A cursor on a picture share means nothing: 404.
    expect(await load(token, anns[0].id)).toBeUndefined();
    expect((await image(token, anns[1].id, "?variant=huge")).status).toBe(400);
  });

  it("an unknown or malformed token is the same 404 as a revoked one", async () => {
    const unknown = Buffer.alloc(32, 7).toString("base64url");
    for (const token of [unknown, "short", unknown + "x", unknown.slice(0, 42) + "="]) {
      expect(await load(token)).toBeUndefined();
      expect((await image(token, anns[0].id)).status).toBe(404);
    }
  });

  it("who may share a picture: its creator or an admin; only a finished one; bad input changes nothing", async () => {
    const count = async () => (await sharesOf("root", "?all=1")).length;
    const before = await count();
    const foreign = await post("bob", { generationId: anns[0].id });
    expect(foreign.status).toBe(403);
    expect((await errorOf(foreign)).message).toMatch(/creator or an admin/);
    const failed = await post("ann", { generationId: await rowOf({ createdBy: "ann", status: "failed" }) });
    expect(failed.status).toBe(400);
    expect((await errorOf(failed)).message).toMatch(/finished picture.*failed/);
    const inFlight = await post("ann", { generationId: await rowOf({ createdBy: "ann", status: "queued" }) });
    expect(inFlight.status).toBe(400);
    expect((await errorOf(inFlight)).message).toMatch(/not finished yet/);
    expect((await post("ann", { generationId: newGenerationId() })).status).toBe(404);
    for (const body of [{}, { generationId: anns[0].id, boardId: "brd_01HZZZZZZZZZZZZZZZZZZZZZZZ" }, { generationId: "gen_x" }, { generationId: anns[0].id, expiresInDays: 0 }, { generationId: anns[0].id, expiresInDays: 366 }, { generationId: anns[0].id, extra: 1 }]) {
      expect((await post("ann", body)).status).toBe(400);
    }
    expect(await count()).toBe(before);
    // An admin may share anyone's picture.
    const byAdmin = await shared("root", { generationId: bobs[0].id });
    expect(byAdmin.createdBy).toBe("root");
  });

  it("a board: its owner or an admin shares it; someone else's private board is a 404; the page shows its pictures only", async () => {
    const team = await newBoard("ann", { name: "Harbour" }, [anns[0].id, anns[2].id, bobs[0].id]);
    const other = await newBoard("ann", { name: "Other" }, [anns[1].id]);
    const bobsPrivate = await newBoard("bob", { name: "Mine", visibility: "private" }, [bobs[0].id]);

    expect((await post("bob", { boardId: team })).status).toBe(403);
    expect((await post("ann", { boardId: bobsPrivate })).status).toBe(404);
    expect((await post("root", { boardId: bobsPrivate })).status).toBe(404);
    expect((await post("ann", { boardId: "brd_01HZZZZZZZZZZZZZZZZZZZZZZZ" })).status).toBe(404);

    const share = await shared("ann", { boardId: team });
    expect(share).toMatchObject({ kind: "board", boardId: team, generationId: null, title: "Harbour" });
    const page = await load(share.token);
    expect(page).toMatchObject({ kind: "board", title: "Harbour", olderUrl: null, firstUrl: null });
    // A member's board link shows the pictures she made: not bob's.
    expect(page!.pictures.map((p) => p.id)).toEqual([anns[0].id, anns[2].id]);
    expect((await image(share.token, anns[0].id, "?variant=thumb")).status).toBe(200);
    // Another board's picture, and one on no board at all.
    expect((await image(share.token, anns[1].id, "?variant=thumb")).status).toBe(404);
    expect((await image(share.token, anns[1].id)).status).toBe(404);
    // A cursor must be one of the board's pictures.
    expect((await load(share.token, anns[0].id))!.pictures.map((p) => p.id)).toEqual([anns[2].id]);
    expect(await load(share.token, anns[1].id)).toBeUndefined();
    expect(await load(share.token, "gen_junk")).toBeUndefined();
    // Taken off the board: gone from the link at once.
    expect((await routes.items.DELETE(req(`/api/boards/${team}/items`, { method: "DELETE", as: "ann", body: { generationIds: [anns[0].id] } }), ctx(team))).status).toBe(200);
    expect((await image(share.token, anns[0].id, "?variant=thumb")).status).toBe(404);
    expect((await load(share.token))!.pictures.map((p) => p.id)).toEqual([anns[2].id]);

    // An admin may share a team board; once its owner makes it private, only the owner's links still open it.
    const adminShare = await shared("root", { boardId: other });
    const ownerShare = await shared("ann", { boardId: other });
    expect((await routes.board.PATCH(req(`/api/boards/${other}`, { method: "PATCH", as: "ann", body: { visibility: "private" } }), ctx(other))).status).toBe(200);
    expect(await load(adminShare.token)).toBeUndefined();
    expect((await image(adminShare.token, anns[1].id)).status).toBe(404);
    expect(await load(ownerShare.token)).toBeDefined();
  });

  it("pages a large board 60 at a time, newest first, through its own pictures' ids", async () => {
    const rows: string[] = [];
    for (let i = 0; i < 65; i++) rows.push(await rowOf({ createdBy: "ann", status: "completed", prompt: `tile ${i}` }));
    const board = await newBoard("ann", { name: "Tiles" }, rows);
    const { token } = await shared("ann", { boardId: board });
    const first = (await load(token))!;
    expect(first.pictures).toHaveLength(view.SHARE_PAGE_SIZE);
    expect(first.pictures[0].id).toBe(rows[64]);
    expect(first.olderUrl).toBe(`/s/${token}?before=${rows[5]}`);
    const second = (await load(token, rows[5]))!;
    expect(second.pictures.map((p) => p.id)).toEqual(rows.slice(0, 5).reverse());
    expect(second).toMatchObject({ olderUrl: null, firstUrl: `/s/${token}` });
  });

  it("expiry: a link made for 7 days opens until then and is a 404 after", async () => {
    const share = await shared("ann", { generationId: anns[2].id, expiresInDays: 7 });
    expect(Date.parse(share.expiresAt!) - Date.parse(share.createdAt)).toBe(7 * 86_400_000);
    const at = (ms: number) => ({ ...studio.deps, now: () => Date.parse(share.createdAt) + ms });
    expect(await load(share.token, undefined, at(7 * 86_400_000 - 1000))).toBeDefined();
    expect(await load(share.token, undefined, at(7 * 86_400_000 + 1000))).toBeUndefined();
    // Already expired in the database: the image route is a 404 too.
    const { newShareToken, hashShareToken } = await import("@/lib/shares/token");
    const token = newShareToken();
    const { newShareId } = await import("@/lib/core/ids");
    await studio.deps.db.insertShare({ id: newShareId(), tokenHash: hashShareToken(token), generationId: anns[2].id, boardId: null, createdBy: ids.ann, createdAt: Date.now() - 2 * 86_400_000, expiresAt: Date.now() - 1000 });
    expect(await load(token)).toBeUndefined();
    expect((await image(token, anns[2].id)).status).toBe(404);
  });

  it("revoking: the creator or an admin; someone else's is a 404; the link is dead at once", async () => {
    const share = await shared("ann", { generationId: anns[0].id });
    expect((await image(share.token, anns[0].id)).status).toBe(200);
    const foreign = await revoke("bob", share.id);
    expect(foreign.status).toBe(404);
    expect((await revoke("ann", "shr_nope")).status).toBe(404);
    expect((await revoke("ann", share.id)).status).toBe(204);
    expect(await load(share.token)).toBeUndefined();
    expect((await image(share.token, anns[0].id)).status).toBe(404);
    expect((await revoke("ann", share.id)).status).toBe(404);
    expect((await sharesOf("ann")).map((s) => s.id)).not.toContain(share.id);

    const bobsShare = await shared("bob", { generationId: bobs[0].id });
    expect((await revoke("root", bobsShare.id)).status).toBe(204);
    expect(await load(bobsShare.token)).toBeUndefined();
  });

  it("lists one's own links; everyone's for an admin only", async () => {
    await shared("bob", { generationId: bobs[0].id });
    const bobs_ = await sharesOf("bob");
    expect(bobs_.length).toBeGreaterThan(0);
    expect(bobs_.every((s) => s.createdBy === "bob")).toBe(true);
    expect((await listShares("bob", "?all=1")).status).toBe(403);
    expect((await listShares("bob", "?all=maybe")).status).toBe(400);
    const everyone = await sharesOf("root", "?all=1");
    expect(new Set(everyone.map((s) => s.createdBy))).toEqual(new Set(["ann", "bob", "root"]));
    expect((await listShares("root")).status).toBe(200);
    expect((await routes.shares.GET(req("/api/shares"), undefined)).status).toBe(401);
  });

  it("a disabled person's links stop working, and work again when they are enabled", async () => {
    const share = await shared("bob", { generationId: bobs[0].id });
    const disable = (disabled: boolean) =>
      routes.user.PATCH(req(`/api/admin/users/${ids.bob}`, { method: "PATCH", as: "root", body: { disabled } }), ctx(ids.bob));
    expect((await disable(true)).status).toBe(200);
    expect(await load(share.token)).toBeUndefined();
    expect((await image(share.token, bobs[0].id)).status).toBe(404);
    expect((await disable(false)).status).toBe(200);
    expect(await load(share.token)).toBeDefined();
    people.bob = await signIn("bob");
  });

  it("links go with the picture or the board they share", async () => {
    const [picture] = await make("ann", "a short-lived picture");
    const pictureShare = await shared("ann", { generationId: picture.id });
    const board = await newBoard("ann", { name: "Short-lived" }, [picture.id]);
    const boardShare = await shared("ann", { boardId: board });
    expect((await routes.board.DELETE(req(`/api/boards/${board}`, { method: "DELETE", as: "ann" }), ctx(board))).status).toBe(204);
    expect(await studio.deps.db.getShare(boardShare.id)).toBeUndefined();
    expect(await load(boardShare.token)).toBeUndefined();
    expect(await load(pictureShare.token)).toBeDefined();
    expect((await routes.generation.DELETE(req(`/api/generations/${picture.id}`, { method: "DELETE", as: "ann" }), ctx(picture.id))).status).toBe(204);
    expect(await studio.deps.db.getShare(pictureShare.id)).toBeUndefined();
    expect(await load(pictureShare.token)).toBeUndefined();
    expect((await sharesOf("ann")).map((s) => s.id)).not.toContain(pictureShare.id);
  });

  it("rate-limits /s pages and their pictures per client address, with Retry-After", async () => {
    const { SHARE_PAGES_PER_MINUTE, SHARE_IMAGES_PER_MINUTE } = await import("@/lib/shares/throttle");
    const hit = (path: string, from: string) => proxy(new NextRequest(`${base}${path}`, { headers: { "x-forwarded-for": from, "accept-language": "zh-CN" } }));
    const token = tokens[0];
    for (let i = 0; i < SHARE_PAGES_PER_MINUTE; i++) expect((await hit(`/s/${token}`, "198.51.100.1")).status).not.toBe(429);
    const refused = await hit(`/s/${token}`, "198.51.100.1");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(refused.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await refused.text()).toContain("请求过于频繁");
    // Another address is not held back, and pictures have their own budget.
    expect((await hit(`/s/${token}`, "198.51.100.2")).status).not.toBe(429);
    for (let i = 0; i < SHARE_IMAGES_PER_MINUTE; i++) expect((await hit(`/s/${token}/images/${anns[0].id}`, "198.51.100.1")).status).not.toBe(429);
    const image429 = await hit(`/s/${token}/images/${anns[0].id}`, "198.51.100.1");
    expect(image429.status).toBe(429);
    expect(image429.headers.get("content-type")).toMatch(/^text\/plain/);
    // The studio's other pages are not counted.
    expect((await hit("/", "198.51.100.1")).status).not.toBe(429);
  });

  it("never writes a token into a log line", async () => {
    expect(tokens.length).toBeGreaterThan(5);
    const all = logged.join("\n");
    expect(all).toContain("share link created");
    expect(all).toContain("/s/[token]/images/");
    for (const token of tokens) expect(all).not.toContain(token);
  });
});

// A link never shows a picture its maker could not share
// alone. A member's board link shows the pictures she made; an admin's shows
// every picture; the maker's role is read when the link is opened. Whoever
// made a picture sees and may revoke every live link that shows it.
describe("a link shows only what its maker could share alone", () => {
  let anns: Gen[];
  let bobs: Gen[];
  beforeAll(async () => {
    anns = await make("ann", "a harbour crane", 2);
    bobs = await make("bob", "a teammate's lighthouse", 2);
  });
  async function setRole(who: "ada", role: "admin" | "member") {
    const res = await routes.user.PATCH(req(`/api/admin/users/${ids[who]}`, { method: "PATCH", as: "root", body: { role } }), ctx(ids[who]));
    // A new session, whatever a role change does to the old ones.
    people[who] = await signIn(who);
    return res;
  }
  const showing = async (as: Who, query = "") => routes.shares.GET(req(`/api/shares?showing=mine${query}`, { as }), undefined);
  const showingIds = async (as: Who) => ((await (await showing(as)).json()) as { items: Share[] }).items.map((s) => s.id);

  it("a member's board link leaves out a teammate's pictures: listing, image route (404), cover", async () => {
    const board = await newBoard("ann", { name: "Crane and lighthouse" }, [anns[0].id, bobs[0].id, anns[1].id, bobs[1].id]);
    const share = await shared("ann", { boardId: board });
    const page = (await load(share.token))!;
    // The page's count and its Open Graph cover (the first picture) come from this list: ann's alone.
    expect(page.pictures.map((p) => p.id)).toEqual([anns[0].id, anns[1].id]);
    for (const id of [bobs[0].id, bobs[1].id]) {
      expect((await image(share.token, id, "?variant=thumb")).status).toBe(404);
      expect((await image(share.token, id)).status).toBe(404);
      // Nor is a hidden picture a page cursor.
      expect(await load(share.token, id)).toBeUndefined();
    }
    expect((await image(share.token, anns[0].id, "?variant=thumb")).status).toBe(200);
  });

  it("the board share's answer, and a preview before the link is made, say how many pictures it leaves out", async () => {
    const preview = await import("@/app/api/shares/preview/route");
    const ask = (as: Who, boardId: string) => preview.GET(req(`/api/shares/preview?boardId=${boardId}`, { as }), undefined);
    const board = await newBoard("ann", { name: "Preview" }, [anns[0].id, bobs[0].id, bobs[1].id]);
    const before = await ask("ann", board);
    expect(before.status).toBe(200);
    expect(await before.json()).toEqual({ pictures: 1, hiddenPictures: 2 });
    // An admin's link leaves nothing out.
    expect(await (await ask("root", board)).json()).toEqual({ pictures: 3, hiddenPictures: 0 });
    // Only who may share the board may ask: bob sees it (403), a private board of someone else is a 404.
    expect((await ask("bob", board)).status).toBe(403);
    const secret = await newBoard("bob", { name: "Mine alone", visibility: "private" }, [bobs[0].id]);
    expect((await ask("ann", secret)).status).toBe(404);
    expect((await ask("ann", "nope")).status).toBe(400);

    const made = await shared("ann", { boardId: board });
    expect(made.hiddenPictures).toBe(2);
    expect((await shared("root", { boardId: board })).hiddenPictures).toBe(0);
    expect((await shared("ann", { generationId: anns[0].id })).hiddenPictures).toBe(0);
  });

  it("an admin's board link shows every picture, read from the maker's role when opened: demoted, only her own", async () => {
    const board = await newBoard("ann", { name: "Everyone's" }, [anns[0].id, bobs[0].id]);
    const share = await shared("ada", { boardId: board });
    expect((await load(share.token))!.pictures.map((p) => p.id)).toEqual([bobs[0].id, anns[0].id]);
    expect((await image(share.token, bobs[0].id)).status).toBe(200);

    expect((await setRole("ada", "member")).status).toBe(200);
    expect((await load(share.token))!.pictures).toEqual([]);
    expect((await image(share.token, bobs[0].id)).status).toBe(404);
    expect((await setRole("ada", "admin")).status).toBe(200);
    expect((await load(share.token))!.pictures.map((p) => p.id)).toEqual([bobs[0].id, anns[0].id]);
  });

  it("a board page holds only the maker's pictures, full pages, in SQL (paging stays right)", async () => {
    const rows: string[] = [];
    // Interleaved: bob's picture after each of ann's.
    for (let i = 0; i < 62; i++) {
      rows.push(await rowOf({ createdBy: "ann", status: "completed", prompt: `ann tile ${i}` }));
      await rowOf({ createdBy: "bob", status: "completed", prompt: `bob tile ${i}` }).then((id) => rows.push(id));
    }
    const board = await newBoard("ann", { name: "Interleaved" });
    for (let i = 0; i < rows.length; i += 100) {
      expect((await routes.items.POST(req(`/api/boards/${board}/items`, { method: "POST", as: "ann", body: { generationIds: rows.slice(i, i + 100) } }), ctx(board))).status).toBe(200);
    }
    const annsRows = rows.filter((_, i) => i % 2 === 0);
    const { token } = await shared("ann", { boardId: board });
    const first = (await load(token))!;
    expect(first.pictures.map((p) => p.id)).toEqual(annsRows.slice(2).reverse());
    expect(first.olderUrl).toBe(`/s/${token}?before=${annsRows[2]}`);
    const second = (await load(token, annsRows[2]))!;
    expect(second.pictures.map((p) => p.id)).toEqual([annsRows[1], annsRows[0]]);
    expect(second.olderUrl).toBeNull();
  });

  it("a picture link dies when its maker may no longer share the picture (an admin demoted)", async () => {
    const share = await shared("ada", { generationId: bobs[1].id });
    expect((await load(share.token))!.pictures.map((p) => p.id)).toEqual([bobs[1].id]);
    expect((await setRole("ada", "member")).status).toBe(200);
    expect(await load(share.token)).toBeUndefined();
    expect((await image(share.token, bobs[1].id)).status).toBe(404);
    expect((await setRole("ada", "admin")).status).toBe(200);
    expect(await load(share.token)).toBeDefined();
  });

  it("a creator lists the live links that show her pictures (an admin's board link too) and revokes one", async () => {
    const board = await newBoard("ann", { name: "Admin's pick" }, [anns[0].id, bobs[0].id]);
    const adminsBoardLink = await shared("root", { boardId: board });
    const adminsPictureLink = await shared("root", { generationId: bobs[0].id });
    // Links that do not show bob's pictures: ann's own board link (a member's: only ann's pictures), a link to ann's picture.
    const annsBoardLink = await shared("ann", { boardId: board });
    const annsPictureLink = await shared("ann", { generationId: anns[0].id });

    const listed = await showing("bob");
    expect(listed.status).toBe(200);
    const bobSees = await showingIds("bob");
    expect(bobSees).toEqual(expect.arrayContaining([adminsBoardLink.id, adminsPictureLink.id]));
    expect(bobSees).not.toContain(annsBoardLink.id);
    expect(bobSees).not.toContain(annsPictureLink.id);
    // ann sees the admin's board link (it shows her picture too) and her own links.
    expect(await showingIds("ann")).toEqual(expect.arrayContaining([adminsBoardLink.id, annsBoardLink.id, annsPictureLink.id]));

    expect((await revoke("bob", adminsBoardLink.id)).status).toBe(204);
    expect(await load(adminsBoardLink.token)).toBeUndefined();
    expect(await studio.deps.db.getShare(adminsBoardLink.id)).toBeUndefined();
    expect(await showingIds("bob")).not.toContain(adminsBoardLink.id);
    expect(logged.join("\n")).toContain("share link revoked");
  });

  it("someone whose pictures a link does not show cannot revoke it (404, the link still works)", async () => {
    const board = await newBoard("ann", { name: "Not cy's" }, [anns[0].id, bobs[0].id]);
    const link = await shared("root", { boardId: board });
    const annsLink = await shared("ann", { boardId: board });
    // cy made none of them; bob's pictures are not shown by ann's (a member's) link.
    for (const [who, id] of [["cy", link.id], ["bob", annsLink.id]] as const) {
      const refused = await revoke(who, id);
      expect(refused.status).toBe(404);
      expect(await studio.deps.db.getShare(id)).toBeDefined();
    }
    expect(await load(link.token)).toBeDefined();
    expect(await showingIds("cy")).toEqual([]);
    // showing=mine and all=1 are two lists: not both at once; showing takes only "mine".
    expect((await listShares("root", "?all=1&showing=mine")).status).toBe(400);
    expect((await listShares("bob", "?showing=everyone")).status).toBe(400);
    expect((await routes.shares.GET(req("/api/shares?showing=mine"), undefined)).status).toBe(401);
  });
});

// Share links per person are capped (live ones) and listed a page at a time.
describe("share link cap and pages", () => {
  it("past the cap of live links a new one is refused with 429 naming the cap; expired ones do not count", async () => {
    const [picture] = await make("cy", "cy's picture");
    const { newShareToken, hashShareToken } = await import("@/lib/shares/token");
    const { newShareId } = await import("@/lib/core/ids");
    // An expired link of cy's: not live, so not counted.
    await studio.deps.db.insertShare({ id: newShareId(), tokenHash: hashShareToken(newShareToken()), generationId: picture.id, boardId: null, createdBy: ids.cy, createdAt: Date.now() - 2 * 86_400_000, expiresAt: Date.now() - 1000 });
    for (let i = 0; i < LINK_CAP; i++) await shared("cy", { generationId: picture.id });
    const refused = await post("cy", { generationId: picture.id });
    expect(refused.status).toBe(429);
    const error = await errorOf(refused);
    expect(error.code).toBe("quota_exceeded");
    expect(error.message).toContain(String(LINK_CAP));
    expect((await sharesOf("cy")).length).toBe(LINK_CAP + 1);
    // Revoking one makes room.
    const [newest] = await sharesOf("cy");
    expect((await revoke("cy", newest.id)).status).toBe(204);
    expect((await post("cy", { generationId: picture.id })).status).toBe(201);
  });

  it("lists a page at a time, newest first, with nextCursor; every link once", async () => {
    const page = async (as: Who, query: string) => {
      const res = await listShares(as, query);
      expect(res.status).toBe(200);
      return (await res.json()) as { items: Share[]; nextCursor: string | null };
    };
    const all = (await page("cy", "?limit=100")).items.map((s) => s.id);
    expect(all.length).toBeGreaterThan(10);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const next: { items: Share[]; nextCursor: string | null } = await page("cy", `?limit=7${cursor ? `&cursor=${cursor}` : ""}`);
      expect(next.items.length).toBeLessThanOrEqual(7);
      seen.push(...next.items.map((s) => s.id));
      cursor = next.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect([...seen].sort().reverse()).toEqual(seen);
    // Everyone's, for an admin, pages the same way.
    const everyone = await page("root", "?all=1&limit=3");
    expect(everyone.items).toHaveLength(3);
    expect(everyone.nextCursor).toBe(everyone.items[2].id);
    for (const bad of ["?limit=0", "?limit=1000", "?cursor=gen_01HZZZZZZZZZZZZZZZZZZZZZZZ", "?cursor=x"]) expect((await listShares("cy", bad)).status).toBe(400);
  });
});
