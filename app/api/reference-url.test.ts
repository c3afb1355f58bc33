import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "@/lib/contract";
import { accountsClient, ctx as id, type ApiRequestInit } from "@/lib/testing/accounts-client";
import { ADMIN, bootAccountsStudio } from "@/lib/testing/accounts-studio";
import { startScriptedServer } from "@/lib/testing/http-server";
import type { Studio } from "@/lib/testing/studio";

// Through the real route handlers: a link is checked when
// it is added, not at Generate. POST /api/references with JSON { url } makes
// the studio fetch it (public addresses only, 7 MB, a picture that decodes),
// store it as an upload and answer it like one, or refuse it with 4xx and
// nothing stored. Who may call: a signed-in person or their token, as for
// uploads (anonymous 401, another site's page 403, a disabled person 403);
// the daily upload allowance counts it.

type Uploaded = { id: string; url: string; width: number; height: number };

let studio: Studio;
let picture: Buffer;
let host: Awaited<ReturnType<typeof startScriptedServer>>;
let routes: {
  users: typeof import("@/app/api/admin/users/route");
  user: typeof import("@/app/api/admin/users/[id]/route");
  tokens: typeof import("@/app/api/tokens/route");
  references: typeof import("@/app/api/references/route");
  reference: typeof import("@/app/api/references/[id]/route");
  generations: typeof import("@/app/api/generations/route");
};
const { req, signIn } = accountsClient();
let admin = "";

beforeAll(async () => {
  picture = await sharp({ create: { width: 90, height: 60, channels: 3, background: "#0e7490" } }).png().toBuffer();
  // Room for two copies of the picture a day, not three.
  studio = await bootAccountsStudio({ STUDIO_UPLOAD_BYTES_PER_DAY: String(2 * picture.length + 100) });
  routes = {
    users: await import("@/app/api/admin/users/route"),
    user: await import("@/app/api/admin/users/[id]/route"),
    tokens: await import("@/app/api/tokens/route"),
    references: await import("@/app/api/references/route"),
    reference: await import("@/app/api/references/[id]/route"),
    generations: await import("@/app/api/generations/route"),
  };
  host = await startScriptedServer((r) => {
    if (r.url === "/page.html") return { status: 200, body: "<html><body>not a picture</body></html>", headers: { "content-type": "text/html" } };
    if (r.url === "/fake.png") return { status: 200, body: "these bytes are no picture at all", headers: { "content-type": "image/png" } };
    if (r.url === "/gone.png") return { status: 404, body: "" };
    return { status: 200, body: picture, headers: { "content-type": "image/png" } };
  });
  admin = await signIn(ADMIN.name, ADMIN.password);
});
afterAll(async () => {
  await host?.close();
  studio?.cleanup();
});
afterEach(() => {
  delete (studio.deps as { referenceFetch?: unknown }).referenceFetch;
});

/** The picture host runs on loopback, which the studio refuses by design: reachable in the tests that say so. */
const allowLoopback = () => Object.assign(studio.deps, { referenceFetch: { allow: ["127.0.0.1"] } });

async function member(name: string): Promise<{ id: string; cookie: string }> {
  const password = `${name}-password-2026`;
  const made = await routes.users.POST(req("/api/admin/users", { method: "POST", cookie: admin, body: { name, password } }), undefined);
  expect(made.status).toBe(201);
  const { id: userId } = (await made.json()) as { id: string };
  return { id: userId, cookie: await signIn(name, password) };
}

const addLink = (auth: ApiRequestInit, url: unknown) => routes.references.POST(req("/api/references", { ...auth, method: "POST", body: { url } }), undefined);
const referenceFiles = () => studio.files().filter((f) => f.startsWith("files/references/"));
const errorOf = async (res: Response) => ((await res.json()) as ErrorBody).error;

describe("POST /api/references { url }: checked when added", () => {
  it("stores the picture behind a link and answers it like an upload, fetched once", async () => {
    const { cookie } = await member("lia");
    allowLoopback();
    const before = { files: referenceFiles().length, requests: host.requests.length };
    const res = await addLink({ cookie }, `${host.url}/style.png`);
    expect(res.status).toBe(201);
    const ref = (await res.json()) as Uploaded;
    expect(ref).toEqual({ id: expect.stringMatching(/^ref_[0-9A-Z]{26}$/), url: `/api/references/${ref.id}`, width: 90, height: 60 });
    expect(referenceFiles()).toHaveLength(before.files + 1);
    expect(host.requests.length - before.requests).toBe(1);
    const served = await routes.reference.GET(req(ref.url, { cookie }), id(ref.id));
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(picture)).toBe(true);
    // It is then named by id, like any upload: nothing is fetched again.
    const made = await routes.generations.POST(req("/api/generations", { cookie, method: "POST", body: { model: "nano_banana_2", prompt: "in this style", references: [ref.id] } }), undefined);
    expect(made.status).toBe(201);
    expect(host.requests.length - before.requests).toBe(1);
  });

  it("a loopback address is refused (400 naming url) before anything is fetched or stored", async () => {
    const { cookie } = await member("max");
    const before = { files: studio.files(), requests: host.requests.length };
    for (const url of ["http://127.0.0.1/", `${host.url}/style.png`, "http://localhost:9/a.png", "http://[::1]/a.png"]) {
      const res = await addLink({ cookie }, url);
      expect(res.status, url).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe("invalid_request");
      expect(error.issues?.[0]?.path).toBe("url");
    }
    expect(host.requests.length).toBe(before.requests);
    expect(studio.files()).toEqual(before.files);
  });

  it("a page, bytes that are no picture, or a 404 are refused with 400 and nothing stored", async () => {
    const { cookie } = await member("ned");
    allowLoopback();
    const before = studio.files();
    const expected: Record<string, RegExp> = { "/page.html": /not a picture/, "/fake.png": /./, "/gone.png": /HTTP 404/ };
    for (const [path, reason] of Object.entries(expected)) {
      const res = await addLink({ cookie }, `${host.url}${path}`);
      expect(res.status, path).toBe(400);
      const error = await errorOf(res);
      expect(error.issues?.[0]).toMatchObject({ path: "url", message: expect.stringMatching(reason) });
    }
    expect(studio.files()).toEqual(before);
  });

  it("refuses what is not an http(s) link, or one with credentials, with 400", async () => {
    const { cookie } = await member("ola");
    for (const url of ["ftp://example.com/a.png", "not a link", "https://user:secret@example.com/a.png", 42, "data:image/png;base64,AAAA"]) {
      const res = await addLink({ cookie }, url);
      expect(res.status, String(url)).toBe(400);
      expect((await errorOf(res)).code).toBe("invalid_request");
    }
    const extra = await routes.references.POST(req("/api/references", { cookie, method: "POST", body: { url: `${host.url}/a.png`, more: 1 } }), undefined);
    expect(extra.status).toBe(400);
  });

  it("counts against the daily upload allowance: past it, 429 and nothing stored or fetched", async () => {
    const { cookie } = await member("pia");
    allowLoopback();
    expect((await addLink({ cookie }, `${host.url}/one.png`)).status).toBe(201);
    expect((await addLink({ cookie }, `${host.url}/two.png`)).status).toBe(201);
    const before = studio.files();
    const res = await addLink({ cookie }, `${host.url}/three.png`);
    expect(res.status).toBe(429);
    expect((await errorOf(res)).code).toBe("quota_exceeded");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(studio.files()).toEqual(before);
  });
});

describe("POST /api/references { url }: who may call", () => {
  it("nobody signed in: 401, nothing fetched or stored", async () => {
    allowLoopback();
    const before = { files: studio.files(), requests: host.requests.length };
    const res = await addLink({}, `${host.url}/anon.png`);
    expect(res.status).toBe(401);
    expect(host.requests.length).toBe(before.requests);
    expect(studio.files()).toEqual(before.files);
  });

  it("a person's API token may, as for uploads", async () => {
    const { cookie } = await member("quin");
    const made = await routes.tokens.POST(req("/api/tokens", { cookie, method: "POST", body: { name: "script" } }), undefined);
    expect(made.status).toBe(201);
    const { token } = (await made.json()) as { token: string };
    allowLoopback();
    const res = await addLink({ bearer: token }, `${host.url}/by-token.png`);
    expect(res.status).toBe(201);
  });

  it("another site's page (a cookie write from elsewhere) and a disabled person get 403, nothing fetched or stored", async () => {
    const rae = await member("rae");
    allowLoopback();
    const before = { files: studio.files(), requests: host.requests.length };
    const foreign = await addLink({ cookie: rae.cookie, headers: { origin: "https://elsewhere.example", "sec-fetch-site": "cross-site" } }, `${host.url}/x.png`);
    expect(foreign.status).toBe(403);
    expect((await routes.user.PATCH(req(`/api/admin/users/${rae.id}`, { method: "PATCH", cookie: admin, body: { disabled: true } }), id(rae.id))).status).toBe(200);
    const disabled = await addLink({ cookie: rae.cookie }, `${host.url}/y.png`);
    expect(disabled.status).toBe(403);
    expect(host.requests.length).toBe(before.requests);
    expect(studio.files()).toEqual(before.files);
  });
});
