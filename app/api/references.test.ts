import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Generation } from "@/lib/contract";
import type { PreparedSubmit } from "@/lib/gateway";
import { startScriptedServer } from "@/lib/testing/http-server";
import { bootStudio, type Studio } from "@/lib/testing/studio";

// References uploaded once (POST /api/references) and named by id, and URL
// references copied once by the studio, through the real route handlers.

type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

let studio: Studio;
/** metadata.urls of every task the simulator was sent, in order. */
const submitted: string[][] = [];

beforeAll(async () => {
  studio = await bootStudio();
  const { startPoller } = await import("@/lib/generations");
  startPoller(studio.deps);
  const submit = studio.deps.gateway.submit;
  studio.deps.gateway.submit = (input) => {
    const body = JSON.parse(new TextDecoder().decode((input as PreparedSubmit).body)) as { metadata: { urls: string[] } };
    submitted.push(body.metadata.urls);
    return submit(input);
  };
});
afterAll(() => studio.cleanup());
afterEach(() => {
  vi.restoreAllMocks();
  delete (studio.deps as { referenceFetch?: unknown }).referenceFetch;
});

const png = (width: number, height: number, color = "#d97706") =>
  sharp({ create: { width, height, channels: 3, background: color } }).png().toBuffer();

const referenceFiles = () => studio.files().filter((f) => f.startsWith("files/references/"));

async function upload(bytes: Buffer): Promise<{ id: string; url: string; width: number; height: number }> {
  const res = await studio.uploadReference(bytes);
  expect(res.status).toBe(201);
  return res.json();
}

const generations = async (res: Response) => ((await res.json()) as { generations: Generation[] }).generations;

describe("POST /api/references", () => {
  it("stores a PNG and answers its id, URL and size", async () => {
    const before = referenceFiles().length;
    const ref = await upload(await png(120, 90));
    expect(ref).toEqual({ id: expect.stringMatching(/^ref_[0-9A-Z]{26}$/), url: `/api/references/${ref.id}`, width: 120, height: 90 });
    expect(referenceFiles()).toHaveLength(before + 1);
    const served = await studio.reference(ref.id);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(120);
  });

  it("refuses a text file with 400 naming the field file, storing nothing", async () => {
    const before = studio.files();
    const res = await studio.uploadReference(Buffer.from("just some words, not a picture"), { name: "notes.png", type: "image/png" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.issues?.[0].path).toBe("file");
    expect(studio.files()).toEqual(before);
  });

  it("takes a picture of 6 MB: its route's limit is the picture's, not the 16 KB of the JSON routes", async () => {
    const raw = Buffer.alloc(1450 * 1450 * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
    const png = await sharp(raw, { raw: { width: 1450, height: 1450, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    expect(png.length).toBeGreaterThan(6 * 1024 * 1024);
    const res = await studio.uploadReference(png);
    expect(res.status).toBe(201);
  });

  it("refuses an 8 MB upload with 413, storing nothing", async () => {
    const before = studio.files();
    const res = await studio.uploadReference(Buffer.alloc(8 * 1024 * 1024, 7));
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe("payload_too_large");
    expect(studio.files()).toEqual(before);
  });

  it("refuses a body without the field file", async () => {
    const form = new FormData();
    form.append("picture", "no");
    const { POST } = await import("@/app/api/references/route");
    const res = await POST(new Request("http://studio.test/api/references", { method: "POST", body: form }), undefined);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.issues?.[0].path).toBe("file");
  });
});

describe("references given by id", () => {
  it("count 4 makes four generations linking the one stored file, each task sent its picture", async () => {
    const bytes = await png(64, 48, "#2563eb");
    const ref = await upload(bytes);
    const filesBefore = referenceFiles().length;
    const sentBefore = submitted.length;
    const res = await studio.create({ model: "nano_banana_2", prompt: "four from one upload", references: [ref.id], count: 4 });
    expect(res.status).toBe(201);
    const made = await generations(res);
    expect(made).toHaveLength(4);
    for (const g of made) expect(g.references).toEqual([{ url: `/api/references/${ref.id}` }]);
    for (const g of made) expect((await studio.deps.db.getGeneration(g.id))?.references).toEqual([{ kind: "stored", id: ref.id }]);
    // No second copy was stored, and the simulator got the picture itself, four times.
    expect(referenceFiles()).toHaveLength(filesBefore);
    const sent = submitted.slice(sentBefore);
    expect(sent).toHaveLength(4);
    for (const urls of sent) expect(urls).toEqual([`data:image/png;base64,${bytes.toString("base64")}`]);
    // Deleting three keeps the file for the fourth.
    for (const g of made.slice(0, 3)) expect((await studio.remove(g.id)).status).toBe(204);
    expect((await studio.reference(ref.id)).status).toBe(200);
  });

  it("a create that fails keeps the upload (it was not that request's to discard), and a later one uses it", async () => {
    const ref = await upload(await png(50, 50, "#16a34a"));
    const dataUrl = `data:image/png;base64,${(await png(40, 40, "#9333ea")).toString("base64")}`;
    const filesBefore = referenceFiles().length;
    vi.spyOn(studio.deps.db, "insertGenerations").mockRejectedValueOnce(new Error("database went away"));
    const failed = await studio.create({ model: "nano_banana_2", prompt: "fails after storing", references: [ref.id, dataUrl] });
    expect(failed.status).toBe(500);
    // The upload stays; the data URL this request stored is gone again.
    expect(await studio.deps.db.getReference(ref.id)).toBeDefined();
    expect((await studio.reference(ref.id)).status).toBe(200);
    expect(referenceFiles()).toHaveLength(filesBefore);

    const again = await studio.create({ model: "nano_banana_2", prompt: "the upload again", references: [ref.id] });
    expect(again.status).toBe(201);
  });

  it("someone else's upload, or an unknown id, is refused with 400 naming references.N", async () => {
    const { uploadReference } = await import("@/lib/generations");
    const theirs = await uploadReference(studio.deps, { bytes: await png(30, 30), createdBy: "bob" });
    const mine = await upload(await png(30, 30));
    const submitsBefore = studio.sim.stats().submits;
    for (const other of [theirs.id, "ref_01ARZ3NDEKTSV4RRFFQ69G5FAV"]) {
      const res = await studio.create({ model: "nano_banana_2", prompt: "borrowed", references: [mine.id, other] });
      expect(res.status).toBe(400);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.issues).toEqual([{ path: "references.1", message: "there is no uploaded reference with this id" }]);
    }
    expect(studio.sim.stats().submits).toBe(submitsBefore);
    expect(await studio.deps.db.getReference(theirs.id)).toBeDefined();
  });
});

describe("references given as http(s) URLs", () => {
  let server: Awaited<ReturnType<typeof startScriptedServer>>;
  let picture: Buffer;
  beforeAll(async () => {
    picture = await png(70, 40, "#e11d48");
    server = await startScriptedServer((req) =>
      req.url === "/page.html"
        ? { status: 200, body: "<html><body>not a picture</body></html>", headers: { "content-type": "text/html" } }
        : { status: 200, body: picture, headers: { "content-type": "image/png" } },
    );
  });
  afterAll(() => server.close());

  it("a loopback URL is refused by the private-address guard: 400 references.0, nothing fetched or sent", async () => {
    const before = { requests: server.requests.length, submits: studio.sim.stats().submits };
    const res = await studio.create({ model: "nano_banana_2", prompt: "from my own machine", references: [`${server.url}/a.png`] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.issues?.[0]).toMatchObject({ path: "references.0", message: expect.stringMatching(/loopback/) });
    expect(server.requests.length).toBe(before.requests);
    expect(studio.sim.stats().submits).toBe(before.submits);
  });

  it("is fetched once and stored: the Generation shows our copy, the gateway still gets the URL", async () => {
    Object.assign(studio.deps, { referenceFetch: { allow: ["127.0.0.1"] } });
    const url = `${server.url}/style.png`;
    const before = { requests: server.requests.length, sent: submitted.length };
    const res = await studio.create({ model: "nano_banana_2", prompt: "in this style", references: [url], count: 2 });
    expect(res.status).toBe(201);
    const made = await generations(res);
    expect(server.requests.length - before.requests).toBe(1);
    const shown = made[0].references[0].url;
    expect(shown).toMatch(/^\/api\/references\/ref_/);
    expect(made[1].references[0].url).toBe(shown);
    const copy = await studio.reference(shown.split("/").pop()!);
    expect(copy.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await copy.arrayBuffer()).equals(picture)).toBe(true);
    expect(submitted.slice(before.sent)).toEqual([[url], [url]]);
    const row = await studio.deps.db.getGeneration(made[0].id);
    expect(row?.references).toEqual([{ kind: "stored", id: shown.split("/").pop(), url }]);

    // The copy lives as long as a generation uses it, like any stored reference.
    expect((await studio.remove(made[0].id)).status).toBe(204);
    expect((await studio.reference(shown.split("/").pop()!)).status).toBe(200);
    expect((await studio.remove(made[1].id)).status).toBe(204);
    expect((await studio.reference(shown.split("/").pop()!)).status).toBe(404);
  });

  it("a URL answering HTML is refused with 400 references.N and nothing is submitted", async () => {
    Object.assign(studio.deps, { referenceFetch: { allow: ["127.0.0.1"] } });
    const submitsBefore = studio.sim.stats().submits;
    const filesBefore = referenceFiles().length;
    const dataUrl = `data:image/png;base64,${(await png(20, 20)).toString("base64")}`;
    const res = await studio.create({ model: "nano_banana_2", prompt: "a page", references: [dataUrl, `${server.url}/page.html`] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.issues?.[0]).toMatchObject({ path: "references.1", message: expect.stringMatching(/not a picture/) });
    expect(studio.sim.stats().submits).toBe(submitsBefore);
    expect(referenceFiles()).toHaveLength(filesBefore);
  });
});
