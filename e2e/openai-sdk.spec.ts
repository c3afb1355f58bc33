import OpenAI, { toFile } from "openai";
import sharp from "sharp";
import { expect, test } from "./support/demo";
import { accountsStudio } from "./support/own-studio";

// The official `openai` npm package, as a person would point it at the studio
// (`new OpenAI({ baseURL: `${url}/v1`, apiKey })`), against the built studio
// on the simulator, with STUDIO_AUTH=accounts and personal API tokens. No
// browser page: these are a script's steps. What the calls return is printed
// (console.log) so the note can quote it.

const ADMIN = { name: "admin", password: "admin-password-2026" };
const MIA = { name: "mia", password: "mia-password-2026" };

let adminCookie = "";
let adminToken = "";

test.describe.configure({ mode: "serial" });

const studio = accountsStudio({ admin: ADMIN });
test.beforeAll(async () => {
  adminCookie = await signIn(ADMIN);
  adminToken = (await newToken(adminCookie, "sdk e2e")).token;
});

/** POST /api/session → the session cookie. */
async function signIn(who: { name: string; password: string }): Promise<string> {
  const res = await fetch(`${studio.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(who) });
  expect(res.status).toBe(204);
  return res.headers.get("set-cookie")!.split(";")[0];
}

async function api<T>(cookie: string, method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${studio.url}${route}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function newToken(cookie: string, name: string): Promise<{ id: string; token: string }> {
  const res = await api<{ id: string; token: string }>(cookie, "POST", "/api/tokens", { name, expiresInDays: 30 });
  expect(res.status).toBe(201);
  expect(res.body.token).toMatch(/^nst_/);
  return res.body;
}

const client = (apiKey: string) => new OpenAI({ baseURL: `${studio.url}/v1`, apiKey });

async function dimensions(b64: string) {
  const meta = await sharp(Buffer.from(b64, "base64")).metadata();
  return { width: meta.width!, height: meta.height!, format: meta.format! };
}

test("models.list names the studio's models", async () => {
  const models = await client(adminToken).models.list();
  const ids = models.data.map((m) => m.id);
  console.log(`models.list() → ${ids.length} models: ${ids.join(", ")}`);
  expect(ids).toEqual(["nano_banana_2", "nano_banana_pro", "nano_banana_pro-1K", "nano_banana_pro-2K", "nano_banana_pro-4K"]);
  expect(models.data[0]).toMatchObject({ object: "model", owned_by: "nano-studio" });
});

test("images.generate: b64_json by default, 16:9 is landscape, n=2 gives two", async () => {
  test.setTimeout(120_000);
  const openai = client(adminToken);
  const wide = await openai.images.generate({ model: "nano_banana_2", prompt: "a lighthouse on a cliff at dusk", size: "1792x1024" });
  const wideSize = await dimensions(wide.data![0].b64_json!);
  console.log(
    `images.generate({ model: "nano_banana_2", size: "1792x1024" }) → ${wide.data!.length} picture, b64_json ${wide.data![0].b64_json!.length} chars, ` +
      `${wideSize.format} ${wideSize.width}×${wideSize.height}`,
  );
  expect(wide.data).toHaveLength(1);
  expect(wideSize.width).toBeGreaterThan(wideSize.height);

  const two = await openai.images.generate({ model: "nano_banana_2", prompt: "two tall paper lanterns", n: 2, size: "1024x1792" });
  const twoSizes = await Promise.all(two.data!.map((d) => dimensions(d.b64_json!)));
  console.log(`images.generate({ n: 2, size: "1024x1792" }) → ${two.data!.length} pictures: ${twoSizes.map((s) => `${s.format} ${s.width}×${s.height}`).join(", ")}`);
  expect(two.data).toHaveLength(2);
  for (const s of twoSizes) expect(s.height).toBeGreaterThan(s.width);

  // Made as the token's person, and in the gallery like any other picture.
  const gallery = await api<{ items: { prompt: string; createdBy: string; status: string }[] }>(adminCookie, "GET", "/api/generations?limit=10");
  const ours = gallery.body.items.filter((g) => g.prompt === "a lighthouse on a cliff at dusk" || g.prompt === "two tall paper lanterns");
  console.log(`gallery: ${ours.length} of these pictures, by ${[...new Set(ours.map((g) => g.createdBy))].join(", ")}, ${ours.map((g) => g.status).join(", ")}`);
  expect(ours).toHaveLength(3);
  for (const g of ours) expect(g).toMatchObject({ createdBy: ADMIN.name, status: "completed" });
});

test("images.generate with response_format url: a signed link that opens without a cookie", async () => {
  const result = await client(adminToken).images.generate({ model: "nano_banana_2", prompt: "a harbour at night", response_format: "url", size: "1536x1024" });
  const url = result.data![0].url!;
  const res = await fetch(url);
  const bytes = Buffer.from(await res.arrayBuffer());
  const meta = await sharp(bytes).metadata();
  console.log(`images.generate({ response_format: "url" }) → ${url.replace(/sig=[^&]+/, "sig=…")} → ${res.status} ${res.headers.get("content-type")} ${meta.width}×${meta.height}, ${bytes.length} bytes`);
  expect(url.startsWith(`${studio.url}/api/images/gen_`)).toBe(true);
  expect(res.status).toBe(200);
  expect(meta.width!).toBeGreaterThan(meta.height!);
  const tampered = await fetch(url.replace(/sig=./, (m) => (m.endsWith("A") ? "sig=B" : "sig=A")));
  const unsigned = await fetch(url.split("?")[0]);
  console.log(`the same link tampered → ${tampered.status}; without exp and sig and without a cookie → ${unsigned.status}`);
  expect(tampered.status).toBe(403);
  expect(unsigned.status).toBe(401);
});

test("images.edit with a reference file", async () => {
  test.setTimeout(120_000);
  const openai = client(adminToken);
  const reference = await sharp({ create: { width: 320, height: 200, channels: 3, background: "#f59e0b" } }).png().toBuffer();
  const edited = await openai.images.edit({
    model: "nano_banana_2",
    image: await toFile(reference, "reference.png", { type: "image/png" }),
    prompt: "the same scene under snow",
    size: "1536x1024",
  });
  const size = await dimensions(edited.data![0].b64_json!);
  console.log(`images.edit({ image: toFile(reference.png 320×200) }) → ${edited.data!.length} picture, ${size.format} ${size.width}×${size.height}`);
  expect(edited.data).toHaveLength(1);
  expect(size.width).toBeGreaterThan(size.height);

  const two = await openai.images.edit({
    model: "nano_banana_2",
    image: [await toFile(reference, "a.png", { type: "image/png" }), await toFile(reference, "b.png", { type: "image/png" })],
    prompt: "both, side by side",
  });
  console.log(`images.edit({ image: [two files] }) → ${two.data!.length} picture`);
  expect(two.data).toHaveLength(1);

  const gallery = await api<{ items: { prompt: string; referenceCount: number }[] }>(adminCookie, "GET", "/api/generations?limit=5");
  const refs = Object.fromEntries(gallery.body.items.map((g) => [g.prompt, g.referenceCount]));
  console.log(`gallery: "the same scene under snow" has ${refs["the same scene under snow"]} reference, "both, side by side" ${refs["both, side by side"]}`);
  expect(refs["the same scene under snow"]).toBe(1);
  expect(refs["both, side by side"]).toBe(2);
});

test("bad input is a BadRequestError naming the field", async () => {
  const openai = client(adminToken);
  const error = await openai.images.generate({ model: "nano_banana_2", prompt: "a cat", n: 5 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  const bad = error as InstanceType<typeof OpenAI.BadRequestError>;
  console.log(`images.generate({ n: 5 }) → ${bad.constructor.name} ${bad.status} param=${bad.param} "${bad.message}"`);
  expect(bad.param).toBe("n");
});

test("a revoked token is an AuthenticationError", async () => {
  const spare = await newToken(adminCookie, "to revoke");
  const openai = client(spare.token);
  expect((await openai.models.list()).data.length).toBe(5);
  expect((await api(adminCookie, "DELETE", `/api/tokens/${spare.id}`)).status).toBe(204);
  const error = await openai.images.generate({ model: "nano_banana_2", prompt: "after the token was revoked" }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
  const auth = error as InstanceType<typeof OpenAI.AuthenticationError>;
  console.log(`revoked token: images.generate → ${auth.constructor.name} ${auth.status} "${auth.message}"`);
  const models = await openai.models.list().catch((e: unknown) => e);
  expect(models).toBeInstanceOf(OpenAI.AuthenticationError);
});

test("a daily limit is a RateLimitError, and the picture before it is the person's", async () => {
  test.setTimeout(120_000);
  const made = await api<{ id: string }>(adminCookie, "POST", "/api/admin/users", { name: MIA.name, password: MIA.password });
  expect(made.status).toBe(201);
  expect((await api(adminCookie, "PATCH", `/api/admin/users/${made.body.id}`, { dailyLimit: 1 })).status).toBe(200);
  const mia = client((await newToken(await signIn(MIA), "mia's script")).token);

  const first = await mia.images.generate({ model: "nano_banana_2", prompt: "mia's only picture today" });
  expect(first.data).toHaveLength(1);
  const error = await mia.images.generate({ model: "nano_banana_2", prompt: "one too many" }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.RateLimitError);
  const limit = error as InstanceType<typeof OpenAI.RateLimitError>;
  console.log(`daily limit 1: the first images.generate → ${first.data!.length} picture; the second → ${limit.constructor.name} ${limit.status} "${limit.message}"`);
  expect(limit.message).toMatch(/Daily limit reached/);

  const gallery = await api<{ items: { prompt: string; createdBy: string }[] }>(adminCookie, "GET", "/api/generations?limit=5");
  expect(gallery.body.items.find((g) => g.prompt === "mia's only picture today")?.createdBy).toBe(MIA.name);
  expect(gallery.body.items.some((g) => g.prompt === "one too many")).toBe(false);
});
