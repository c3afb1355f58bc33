import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Generation } from "@/lib/contract";
import { accountsClient, ctx, errorOf } from "@/lib/testing/accounts-client";
import { ADMIN, bootAccountsStudio } from "@/lib/testing/accounts-studio";
import { readZip } from "@/lib/downloads/read-zip-for-tests";
import { until, type Studio } from "@/lib/testing/studio";

// Bulk runs through the real route handlers, on STUDIO_AUTH=accounts: a
// template run from a pasted table (preview, then the batches), every bad
// table answered 400 naming its row and column, a run that does not fit the
// limits refused whole (nothing stored, nothing sent), someone else's private
// template a 404, the same key answered with the same run, and a request
// from the composer that names its template.

let studio: Studio;
let routes: {
  users: typeof import("@/app/api/admin/users/route");
  user: typeof import("@/app/api/admin/users/[id]/route");
  references: typeof import("@/app/api/references/route");
  templates: typeof import("@/app/api/templates/route");
  template: typeof import("@/app/api/templates/[id]/route");
  runs: typeof import("@/app/api/runs/route");
  run: typeof import("@/app/api/runs/[id]/route");
  generations: typeof import("@/app/api/generations/route");
  downloads: typeof import("@/app/api/downloads/route");
  usage: typeof import("@/app/api/usage/route");
  reference: typeof import("@/app/api/references/[id]/route");
};
const { req, signIn } = accountsClient();
const people: Record<"root" | "ann" | "bob" | "cy", string> = { root: "", ann: "", bob: "", cy: "" };
type Who = keyof typeof people;

beforeAll(async () => {
  studio = await bootAccountsStudio({ STUDIO_TRUSTED_PROXIES: "1", STUDIO_PRICES: "nano_banana_2=0.04" });
  routes = {
    users: await import("@/app/api/admin/users/route"),
    user: await import("@/app/api/admin/users/[id]/route"),
    references: await import("@/app/api/references/route"),
    templates: await import("@/app/api/templates/route"),
    template: await import("@/app/api/templates/[id]/route"),
    runs: await import("@/app/api/runs/route"),
    run: await import("@/app/api/runs/[id]/route"),
    generations: await import("@/app/api/generations/route"),
    downloads: await import("@/app/api/downloads/route"),
    usage: await import("@/app/api/usage/route"),
    reference: await import("@/app/api/references/[id]/route"),
  };
  people.root = await signIn(ADMIN.name, ADMIN.password);
  // cy's day allows five pictures: a run of six is one too many.
  for (const [name, limits] of [["ann", {}], ["bob", {}], ["cy", { dailyLimit: 5 }]] as const) {
    const password = `${name}-password-2026`;
    const made = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: people.root, body: { name, password } }), undefined);
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    if (Object.keys(limits).length > 0) expect((await routes.user.PATCH(req(`/api/admin/users/${id}`, { method: "PATCH", cookie: people.root, body: limits }), ctx(id))).status).toBe(200);
    people[name] = await signIn(name, password);
  }
});
afterAll(() => studio.cleanup());

type Template = { id: string; uses: number; references: string[] };
async function newTemplate(as: Who, body: Record<string, unknown>): Promise<Template> {
  const res = await routes.templates.POST(req("/api/templates", { method: "POST", cookie: people[as], body: { model: "nano_banana_2", ...body } }), undefined);
  expect(res.status).toBe(201);
  return (await res.json()) as Template;
}
const templateOf = async (as: Who, id: string) => (await (await routes.template.GET(req(`/api/templates/${id}`, { cookie: people[as] }), ctx(id))).json()) as Template;
const postRun = (as: Who | undefined, body: Record<string, unknown>) =>
  routes.runs.POST(req("/api/runs", { method: "POST", cookie: as && people[as], body }), undefined);
const getRun = (as: Who | undefined, id: string) => routes.run.GET(req(`/api/runs/${id}`, { cookie: as && people[as] }), ctx(id));
const listed = async (as: Who, query: string) =>
  ((await (await routes.generations.GET(req(`/api/generations?${query}`, { cookie: people[as] }), undefined)).json()) as { items: Generation[] }).items;
/** Everything a refused run could have left: rows of anyone, gateway submits. */
const footprint = async () => ({ rows: await studio.deps.db.countGenerations({}), submits: studio.sim.stats().submits });

async function upload(as: Who): Promise<string> {
  const bytes = await sharp({ create: { width: 16, height: 12, channels: 3, background: { r: 20, g: 140, b: 90 } } }).png().toBuffer();
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type: "image/png" }), "reference.png");
  const res = await routes.references.POST(new Request("http://studio.test/api/references", { method: "POST", body: form, headers: { cookie: people[as] } }), undefined);
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const TABLE = "product\tsurface\nceramic mug\toak\nbrass lamp\tmarble\n绿茶罐\t石板\n";

describe("/api/runs", () => {
  let team: Template;
  let annsPrivate: Template;
  let annsUpload: string;
  beforeAll(async () => {
    annsUpload = await upload("ann");
    team = await newTemplate("ann", { name: "Product shot", prompt: "product photo of {product} on {surface}", count: 2, references: [annsUpload] });
    annsPrivate = await newTemplate("ann", { name: "Mine", prompt: "{product} alone", visibility: "private" });
  });

  it("shows a team template's reference to whoever sees the template, and a private template's to nobody else", async () => {
    const open = (as: Who, id: string) => routes.reference.GET(req(`/api/references/${id}`, { cookie: people[as] }), ctx(id));
    // No picture has used ann's upload yet: bob sees it only because the team template carries it.
    const shown = await open("bob", annsUpload);
    expect(shown.status).toBe(200);
    await shown.arrayBuffer();
    const loose = await upload("ann");
    expect((await open("bob", loose)).status).toBe(403);
    const secret = await upload("ann");
    await newTemplate("ann", { name: "Secret", prompt: "{x}", visibility: "private", references: [secret] });
    expect((await open("bob", secret)).status).toBe(403);
    const own = await open("ann", secret);
    expect(own.status).toBe(200);
    await own.arrayBuffer();
  });

  it("answers 401 without a session", async () => {
    expect((await postRun(undefined, { templateId: team.id, table: TABLE })).status).toBe(401);
    expect((await getRun(undefined, "run_01JQ3Z5D1S7ZKW0VGE0BQ8N8T0")).status).toBe(401);
  });

  it("previews a pasted table: every prompt, the pictures, the price and what it leaves, with nothing stored or sent", async () => {
    const before = await footprint();
    const res = await postRun("bob", { templateId: team.id, table: TABLE, dryRun: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      prompts: ["product photo of ceramic mug on oak", "product photo of brass lamp on marble", "product photo of 绿茶罐 on 石板"],
      rows: [
        { product: "ceramic mug", surface: "oak" },
        { product: "brass lamp", surface: "marble" },
        { product: "绿茶罐", surface: "石板" },
      ],
      pictures: 6,
      price: 0.24,
      currency: "USD",
      // 200 a day, 8 in flight and 20 in the queue: what stays after these six.
      left: { today: 194, inFlight: 22, month: null },
      refusal: null,
    });
    expect(await footprint()).toEqual(before);
  });

  it("answers a bad table 400, each mistake naming its row and column, with nothing stored or sent", async () => {
    const before = await footprint();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ table: "product,colour\nmug,red" }, ["Row 1, column “colour”: unknown column, not a blank of this template (its blanks: product, surface)", "Row 1: no column for the blank “surface”"]],
      [{ table: "product,surface\nmug,\nlamp,oak,extra" }, ["Row 2, column “surface”: empty value", "Row 3 is too long: 3 values, but the header names 2 columns (column 3 has no name)"]],
      [{ table: 'product,surface\n"mug,oak' }, ['Row 2: a quote (") is opened and never closed']],
      [{ table: "product,surface\n" }, ["The table has a header row and no rows of values"]],
      [{ table: ["product,surface", ...Array.from({ length: 101 }, (_, i) => `p${i},s`)].join("\n") }, ["The table has 101 rows of values: at most 100 in one run"]],
      [{ rows: [{ product: "mug", surface: "oak", colour: "red" }, { product: "lamp" }] }, ["Row 1, column “colour”: not a blank of this template (its blanks: product, surface)", "Row 2, column “surface”: empty value"]],
    ];
    for (const [body, messages] of cases) {
      const res = await postRun("bob", { templateId: team.id, ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { error } = (await res.json()) as { error: { code: string; issues: { path: string; message: string }[] } };
      expect(error.code).toBe("invalid_request");
      expect(error.issues.map((i) => i.message)).toEqual(messages);
    }
    expect((await postRun("bob", { templateId: team.id, table: TABLE, rows: [] })).status).toBe(400);
    expect((await postRun("bob", { templateId: "tpl_01JQ3Z5D1S7ZKW0VGE0BQ8N8T0", table: TABLE })).status).toBe(404);
    expect(await footprint()).toEqual(before);
  });

  it("refuses someone else's private template as if it were not there: 404, nothing stored or sent", async () => {
    const before = await footprint();
    const res = await postRun("bob", { templateId: annsPrivate.id, table: "product\nmug" });
    expect(res.status).toBe(404);
    expect(await footprint()).toEqual(before);
    expect((await templateOf("ann", annsPrivate.id)).uses).toBe(0);
  });

  it("refuses a run that does not fit the day whole: 429 naming the limit and by how much, zero rows and zero gateway submits", async () => {
    const before = await footprint();
    const preview = (await (await postRun("cy", { templateId: team.id, table: TABLE, dryRun: true })).json()) as { left: { today: number }; refusal: string };
    expect(preview.left.today).toBe(-1);
    expect(preview.refusal).toMatch(/^Daily limit: this run makes 6 pictures and 5 are left today, 1 too many\./);
    const res = await postRun("cy", { templateId: team.id, table: TABLE });
    expect(res.status).toBe(429);
    const error = (await errorOf(res)) as { code: string; message: string; limit?: string };
    expect(error).toMatchObject({ code: "quota_exceeded", limit: "daily" });
    expect(error.message).toContain("6 pictures and 5 are left today, 1 too many");
    expect(await footprint()).toEqual(before);
    expect(await listed("cy", "mine=1&versions=all")).toEqual([]);
    expect((await templateOf("ann", team.id)).uses).toBe(0);
  });

  it("runs a teammate's team template from a table: a batch per row with its prompt and the template's reference, the run readable with its progress, one use counted", async () => {
    const submitsBefore = studio.sim.stats().submits;
    const res = await postRun("bob", { templateId: team.id, table: TABLE, idempotencyKey: "bob-run-1" });
    expect(res.status).toBe(201);
    const run = (await res.json()) as { id: string; batchIds: string[] };
    expect(run.id).toMatch(/^run_/);
    expect(run.batchIds).toHaveLength(3);
    expect(studio.sim.stats().submits - submitsBefore).toBe(6);

    const pictures = await listed("bob", `run=${run.id}`);
    expect(pictures).toHaveLength(6);
    for (const [i, batchId] of run.batchIds.entries()) {
      const batch = pictures.filter((g) => g.batchId === batchId);
      expect(batch.map((g) => g.prompt)).toEqual(Array(2).fill(["product photo of ceramic mug on oak", "product photo of brass lamp on marble", "product photo of 绿茶罐 on 石板"][i]));
      expect(batch.every((g) => g.runId === run.id && g.templateId === team.id && g.createdBy === "bob")).toBe(true);
      expect(batch[0].references).toEqual([{ url: `/api/references/${annsUpload}` }]);
    }
    expect((await listed("ann", `template=${team.id}`)).map((g) => g.id).sort()).toEqual(pictures.map((g) => g.id).sort());
    expect((await templateOf("ann", team.id)).uses).toBe(1);

    const read = await getRun("ann", run.id);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      id: run.id,
      templateId: team.id,
      templateName: "Product shot",
      createdBy: "bob",
      rows: [
        { product: "ceramic mug", surface: "oak" },
        { product: "brass lamp", surface: "marble" },
        { product: "绿茶罐", surface: "石板" },
      ],
      batchIds: run.batchIds,
      counts: { done: 0, failed: 0, active: 6 },
    });
    // As pictures finish, the run says so.
    const { refreshGeneration } = await import("@/lib/generations");
    await until(async () => {
      for (const g of pictures) await refreshGeneration(studio.deps, g.id);
      const counts = ((await (await getRun("bob", run.id)).json()) as { counts: { done: number } }).counts;
      return counts.done === 6 ? counts : undefined;
    });

    // The run's ZIP: every finished picture in the table's order, and metadata.json with each row's values.
    const zip = await routes.downloads.POST(req("/api/downloads", { method: "POST", cookie: people.ann, body: { runId: run.id } }), undefined);
    expect(zip.status).toBe(200);
    const listing = await readZip(new Uint8Array(await zip.arrayBuffer()));
    expect(listing.crcOk).toBe(true);
    const metadata = listing.metadata as { file: string; runId: string; templateId: string; values: Record<string, string>; prompt: string }[];
    expect(metadata.map((m) => [m.values, m.runId, m.templateId])).toEqual(
      [
        { product: "ceramic mug", surface: "oak" },
        { product: "ceramic mug", surface: "oak" },
        { product: "brass lamp", surface: "marble" },
        { product: "brass lamp", surface: "marble" },
        { product: "绿茶罐", surface: "石板" },
        { product: "绿茶罐", surface: "石板" },
      ].map((values) => [values, run.id, team.id]),
    );
    expect(listing.entries.map((e) => e.name)).toEqual(["metadata.json", ...metadata.map((m) => m.file)]);
    const form = await routes.downloads.POST(
      req("/api/downloads", { method: "POST", cookie: people.bob, body: `runId=${run.id}`, headers: { "content-type": "application/x-www-form-urlencoded" } }),
      undefined,
    );
    expect(form.status).toBe(200);
    await form.arrayBuffer();
    expect((await routes.downloads.POST(req("/api/downloads", { method: "POST", cookie: people.bob, body: { runId: "run_01JQ3Z5D1S7ZKW0VGE0BQ8N8T0" } }), undefined)).status).toBe(404);
    expect((await routes.downloads.POST(req("/api/downloads", { method: "POST", body: { runId: run.id } }), undefined)).status).toBe(401);

    // The same key and table: the same run, nothing sent again; the same key with another table: 422.
    const again = await postRun("bob", { templateId: team.id, table: TABLE, idempotencyKey: "bob-run-1" });
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(run);
    expect(studio.sim.stats().submits - submitsBefore).toBe(6);
    expect((await postRun("bob", { templateId: team.id, table: "product,surface\nx,y", idempotencyKey: "bob-run-1" })).status).toBe(422);
    expect((await templateOf("ann", team.id)).uses).toBe(1);
    const missing = await getRun("bob", "run_01JQ3Z5D1S7ZKW0VGE0BQ8N8T0");
    expect(missing.status).toBe(404);
    // A read is kept by the browser but asked again (the back/forward cache allows it); a write or an error is never kept.
    expect(missing.headers.get("cache-control")).toBe("no-store");
    expect((await getRun("bob", run.id)).headers.get("cache-control")).toBe("private, no-cache");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("a composer request names its template: the pictures carry it, a use is counted, the template's references are usable by a teammate, and a template one may not see is a 404 with nothing made", async () => {
    const usesBefore = (await templateOf("ann", team.id)).uses;
    const res = await routes.generations.POST(
      req("/api/generations", { method: "POST", cookie: people.bob, body: { model: "nano_banana_2", prompt: "product photo of a kettle on slate", templateId: team.id, references: [annsUpload] } }),
      undefined,
    );
    expect(res.status).toBe(201);
    const [made] = ((await res.json()) as { generations: Generation[] }).generations;
    expect(made).toMatchObject({ templateId: team.id, runId: null, references: [{ url: `/api/references/${annsUpload}` }] });
    expect((await templateOf("ann", team.id)).uses).toBe(usesBefore + 1);

    // Without the template, ann's upload is not bob's to send.
    const without = await routes.generations.POST(req("/api/generations", { method: "POST", cookie: people.bob, body: { model: "nano_banana_2", prompt: "x", references: [annsUpload] } }), undefined);
    expect(without.status).toBe(400);
    const before = await footprint();
    const hidden = await routes.generations.POST(req("/api/generations", { method: "POST", cookie: people.bob, body: { model: "nano_banana_2", prompt: "x", templateId: annsPrivate.id } }), undefined);
    expect(hidden.status).toBe(404);
    expect(await footprint()).toEqual(before);
    expect((await templateOf("ann", annsPrivate.id)).uses).toBe(0);
  });

  it("usage by template: each template's pictures under its name, a private one of someone else unnamed, pictures of no template under \"\"", async () => {
    // ann makes one picture from her private template and one from none.
    const made = (body: Record<string, unknown>) =>
      routes.generations.POST(req("/api/generations", { method: "POST", cookie: people.ann, body: { model: "nano_banana_2", prompt: "a mug alone", ...body } }), undefined);
    expect((await made({ templateId: annsPrivate.id })).status).toBe(201);
    expect((await made({})).status).toBe(201);
    type Usage = { rows: { key: string; label?: string | null; pictures: number; failed: number; inFlight: number }[] };
    const usage = async (as: Who) => (await (await routes.usage.GET(req("/api/usage?groupBy=template", { cookie: people[as] }), undefined)).json()) as Usage;
    const count = (row: Usage["rows"][number]) => row.pictures + row.failed + row.inFlight;
    // bob's own: the run's six and the composer's one, all from the team template.
    expect((await usage("bob")).rows.map((row) => [row.key, row.label, count(row)])).toEqual([[team.id, "Product shot", 7]]);
    // The admin sees everyone's: ann's private template is not named to him.
    const all = (await usage("root")).rows.map((row) => [row.key, row.label ?? null, count(row)]);
    expect(all).toEqual(
      expect.arrayContaining([
        ["", null, 1],
        [team.id, "Product shot", 7],
        [annsPrivate.id, null, 1],
      ]),
    );
    expect((await usage("ann")).rows.find((row) => row.key === annsPrivate.id)?.label).toBe("Mine");
  });
});
