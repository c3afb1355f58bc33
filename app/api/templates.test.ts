import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompletedRow, makeRow } from "@/lib/db/shared/test-rows";
import { accountsClient, ctx, errorOf } from "@/lib/testing/accounts-client";
import { bootStudio, type Studio } from "@/lib/testing/studio";

// Templates through the real route handlers, on STUDIO_AUTH=accounts with an
// admin and two members: who sees and changes which template, the blanks
// read from the prompt, bad input answered 400 naming the field and nothing
// changed, and the references a template carries kept from the pruner.

const PASSWORD = "template-password-2026";
let studio: Studio;
let routes: {
  users: typeof import("@/app/api/admin/users/route");
  references: typeof import("@/app/api/references/route");
  templates: typeof import("@/app/api/templates/route");
  template: typeof import("@/app/api/templates/[id]/route");
  prune: typeof import("@/lib/generations/prune-references");
};
const people: Record<"root" | "ann" | "bob", string> = { root: "", ann: "", bob: "" };

beforeAll(async () => {
  studio = await bootStudio({ STUDIO_AUTH: "accounts", STUDIO_ADMIN_NAME: "root", STUDIO_ADMIN_PASSWORD: PASSWORD, STUDIO_TRUSTED_PROXIES: "1" });
  routes = {
    users: await import("@/app/api/admin/users/route"),
    references: await import("@/app/api/references/route"),
    templates: await import("@/app/api/templates/route"),
    template: await import("@/app/api/templates/[id]/route"),
    // After the boot: the studio's modules read its settings once.
    prune: await import("@/lib/generations/prune-references"),
  };
  people.root = await signIn("root");
  for (const name of ["ann", "bob"] as const) {
    const res = await routes.users.POST(req("/api/admin/users", { method: "POST", as: "root", body: { name, password: PASSWORD } }), undefined);
    expect(res.status).toBe(201);
    people[name] = await signIn(name);
  }
});
afterAll(() => studio.cleanup());

const client = accountsClient();
type Who = keyof typeof people;
type Init = { method?: string; as?: Who; body?: unknown };
const req = (path: string, init: Init = {}) => client.req(path, { method: init.method, body: init.body, cookie: init.as && people[init.as] });
const signIn = (name: string) => client.signIn(name, PASSWORD);

type Template = {
  id: string;
  name: string;
  prompt: string;
  variables: string[];
  model: string;
  aspectRatio: string;
  imageSize: string | null;
  count: number;
  references: string[];
  visibility: string;
  owner: string;
  uses: number;
  canManage: boolean;
};

const post = (as: Who | undefined, body: unknown) => routes.templates.POST(req("/api/templates", { method: "POST", as, body }), undefined);
async function newTemplate(as: Who, body: Record<string, unknown>): Promise<Template> {
  const res = await post(as, { model: "nano_banana_2", ...body });
  expect(res.status).toBe(201);
  return (await res.json()) as Template;
}
const listOf = async (as: Who) => ((await (await routes.templates.GET(req("/api/templates", { as }), undefined)).json()) as { items: Template[] }).items;
const get = (as: Who, id: string) => routes.template.GET(req(`/api/templates/${id}`, { as }), ctx(id));
const patch = (as: Who, id: string, body: unknown) => routes.template.PATCH(req(`/api/templates/${id}`, { method: "PATCH", as, body }), ctx(id));
const remove = (as: Who, id: string) => routes.template.DELETE(req(`/api/templates/${id}`, { method: "DELETE", as }), ctx(id));

async function upload(as: Who): Promise<string> {
  const bytes = await sharp({ create: { width: 16, height: 12, channels: 3, background: { r: 200, g: 40, b: 90 } } }).png().toBuffer();
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type: "image/png" }), "reference.png");
  const res = await routes.references.POST(new Request("http://studio.test/api/references", { method: "POST", body: form, headers: { cookie: people[as] } }), undefined);
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe("/api/templates", () => {
  it("answers 401 without a session", async () => {
    expect((await routes.templates.GET(req("/api/templates"), undefined)).status).toBe(401);
    expect((await post(undefined, { name: "x", prompt: "y", model: "nano_banana_2" })).status).toBe(401);
  });

  it("creates a template with its blanks (any script) and defaults, lists the team's and one's own private ones, gets one", async () => {
    const shot = await newTemplate("ann", { name: "Product shot", prompt: "product photo of {product} on {surface}, {product} again, {产品} 的 {颜色_2}" });
    expect(shot).toMatchObject({
      name: "Product shot",
      variables: ["product", "surface", "产品", "颜色_2"],
      model: "nano_banana_2",
      aspectRatio: "auto",
      imageSize: null,
      count: 1,
      references: [],
      visibility: "team",
      owner: "ann",
      uses: 0,
      canManage: true,
    });
    expect(shot.id).toMatch(/^tpl_[0-9A-Z]{26}$/);
    const hidden = await newTemplate("ann", { name: "Ann's own", prompt: "just mine", visibility: "private", aspectRatio: "16:9", imageSize: "2K", count: 3 });
    expect(hidden).toMatchObject({ visibility: "private", aspectRatio: "16:9", imageSize: "2K", count: 3, variables: [] });

    const bobSees = await listOf("bob");
    expect(bobSees.map((t) => t.id)).toContain(shot.id);
    expect(bobSees.map((t) => t.id)).not.toContain(hidden.id);
    expect(bobSees.find((t) => t.id === shot.id)?.canManage).toBe(false);
    expect((await listOf("ann")).map((t) => t.id)).toEqual(expect.arrayContaining([shot.id, hidden.id]));
    // An admin sees nothing of someone's private template either.
    expect((await listOf("root")).map((t) => t.id)).not.toContain(hidden.id);

    const got = await get("bob", shot.id);
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual({ ...shot, canManage: false });
  });

  it("its owner changes it; another member gets 403 and nothing changes; someone else's private one is 404; an admin manages a team one", async () => {
    const t = await newTemplate("ann", { name: "Mine", prompt: "a {thing}" });
    const changed = await patch("ann", t.id, { name: "Renamed", prompt: "a {thing} by {place}", count: 2 });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ name: "Renamed", variables: ["thing", "place"], count: 2 });

    for (const res of [await patch("bob", t.id, { name: "Bob's now" }), await remove("bob", t.id)]) {
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe("forbidden");
    }
    expect(await (await get("ann", t.id)).json()).toMatchObject({ name: "Renamed", count: 2 });

    const secret = await newTemplate("ann", { name: "Secret", prompt: "hush", visibility: "private" });
    for (const res of [await get("bob", secret.id), await patch("bob", secret.id, { name: "x" }), await remove("root", secret.id), await get("root", secret.id)]) {
      expect(res.status).toBe(404);
    }
    expect((await get("ann", secret.id)).status).toBe(200);

    // The admin manages a team one, but may not make it private (that is its owner's).
    const byAdmin = await patch("root", t.id, { name: "Admin's fix" });
    expect(byAdmin.status).toBe(200);
    expect(await byAdmin.json()).toMatchObject({ name: "Admin's fix", owner: "ann", canManage: true });
    expect((await patch("root", t.id, { visibility: "private" })).status).toBe(403);
    expect((await remove("root", t.id)).status).toBe(204);
    expect((await get("ann", t.id)).status).toBe(404);
    expect((await remove("ann", "tpl_01ARZ3NDEKTSV4RRFFQ69G5FAV")).status).toBe(404);
  });

  it("refuses bad input with 400 naming the field, and makes or changes nothing", async () => {
    const before = (await listOf("bob")).length;
    const cases: [unknown, RegExp][] = [
      [{ name: "", prompt: "p", model: "nano_banana_2" }, /name/],
      [{ name: "x".repeat(101), prompt: "p", model: "nano_banana_2" }, /name/],
      [{ name: "n", prompt: "   ", model: "nano_banana_2" }, /prompt/],
      [{ name: "n", prompt: "p", model: "dall-e" }, /model/],
      [{ name: "n", prompt: "p", model: "nano_banana_2", count: 9 }, /count/],
      [{ name: "n", prompt: "p", model: "nano_banana_2", aspectRatio: "7:1" }, /aspectRatio/],
      [{ name: "n", prompt: "p", model: "nano_banana_2", visibility: "everyone" }, /visibility/],
      [{ name: "n", prompt: "p", model: "nano_banana_2", references: ["data:image/png;base64,AAAA"] }, /POST \/api\/references/],
      [{ name: "n", prompt: "p", model: "nano_banana_2", references: Array.from({ length: 6 }, () => "ref_01ARZ3NDEKTSV4RRFFQ69G5FAV") }, /at most 5/],
      [{ name: "n", prompt: "p", model: "nano_banana_2", extra: 1 }, /extra/],
    ];
    for (const [body, message] of cases) {
      const res = await post("bob", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).message).toMatch(message);
    }
    const t = await newTemplate("bob", { name: "Bob's", prompt: "p" });
    const bad = await patch("bob", t.id, { count: 0 });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toMatch(/count/);
    expect((await patch("bob", t.id, {})).status).toBe(400);
    expect(await (await get("bob", t.id)).json()).toMatchObject({ count: 1 });
    expect((await listOf("bob")).length).toBe(before + 1);
  });

  it("takes the caller's own uploads as references, refuses someone else's, and a copy carries a team template's", async () => {
    const anns = await upload("ann");
    const bobs = await upload("bob");
    const refused = await post("ann", { name: "n", prompt: "p", model: "nano_banana_2", references: [anns, bobs] });
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).message).toMatch(new RegExp(`references\\.1: ${bobs} is not a stored upload of yours.*POST /api/references`));
    const missing = await post("ann", { name: "n", prompt: "p", model: "nano_banana_2", references: ["ref_01ARZ3NDEKTSV4RRFFQ69G5FAV"] });
    expect(missing.status).toBe(400);

    const t = await newTemplate("ann", { name: "With refs", prompt: "{x} like this", references: [anns] });
    expect(t.references).toEqual([anns]);
    // Anyone may copy one: its fields, posted, references and all.
    const { id: _id, owner: _owner, uses: _uses, variables: _variables, canManage: _canManage, createdAt: _createdAt, ...fields } = t as Template & { createdAt: string };
    const copy = await newTemplate("bob", { ...fields, name: "Bob's copy", visibility: "private" });
    expect(copy).toMatchObject({ owner: "bob", references: [anns], visibility: "private", variables: ["x"] });
    // Not someone else's upload by a patch either.
    const swapped = await patch("ann", t.id, { references: [anns, bobs] });
    expect(swapped.status).toBe(400);
    expect(await (await get("ann", t.id)).json()).toMatchObject({ references: [anns] });
  });

  it("saves a template from a teammate's finished picture with its references; a reference of a picture not made, or a loose upload, is still refused", async () => {
    const [used, unfinished, loose] = [await upload("bob"), await upload("bob"), await upload("bob")];
    const stored = (id: string) => ({ kind: "stored" as const, id });
    // Bob's pictures, as the poller leaves them: one made with `used`, one that failed with `unfinished`.
    await studio.deps.db.insertGenerations({
      rows: [
        makeCompletedRow({ createdBy: "bob", prompt: "bob's lighthouse", references: [stored(used)] }),
        makeRow({ createdBy: "bob", status: "failed", references: [stored(unfinished)] }),
      ],
    });
    const fromPicture = await newTemplate("ann", { name: "From Bob's picture", prompt: "bob's lighthouse", aspectRatio: "16:9", imageSize: "2K", references: [used], visibility: "private" });
    expect(fromPicture).toMatchObject({ owner: "ann", references: [used], visibility: "private" });

    const before = (await listOf("ann")).length;
    for (const [i, other] of [unfinished, loose].entries()) {
      const refused = await post("ann", { name: `Not hers ${i}`, prompt: "p", model: "nano_banana_2", references: [used, other] });
      expect(refused.status).toBe(400);
      expect((await errorOf(refused)).message).toMatch(new RegExp(`references\\.1: ${other} is not a stored upload of yours`));
    }
    expect((await listOf("ann")).length).toBe(before);
  });

  it("a template's reference survives the pruning of unused uploads; once nothing carries it, it goes", async () => {
    const kept = await upload("bob");
    const loose = await upload("bob");
    const t = await newTemplate("bob", { name: "Keeps its picture", prompt: "like {this}", references: [kept] });
    const { UNUSED_UPLOAD_TTL_MS, pruneUnusedUploads } = routes.prune;
    const later = { ...studio.deps, now: () => Date.now() + UNUSED_UPLOAD_TTL_MS + 60_000 };
    expect(await pruneUnusedUploads(later)).toBeGreaterThanOrEqual(1);
    expect(await studio.deps.db.getReference(loose)).toBeUndefined();
    expect(await studio.deps.db.getReference(kept)).toBeDefined();
    expect(await (await get("bob", t.id)).json()).toMatchObject({ references: [kept] });

    expect((await remove("bob", t.id)).status).toBe(204);
    await pruneUnusedUploads(later);
    expect(await studio.deps.db.getReference(kept)).toBeUndefined();
  });

  it("countTemplateUse counts a use", async () => {
    const t = await newTemplate("ann", { name: "Used", prompt: "p" });
    expect(await studio.deps.db.countTemplateUse(t.id)).toBe(true);
    expect(await (await get("ann", t.id)).json()).toMatchObject({ uses: 1 });
  });
});
