import Database from "better-sqlite3";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { expect, test } from "./support/demo";
import { accountsStudio } from "./support/own-studio";

// A person shares a picture and a board; someone without an account opens the
// links in a fresh browser: the pictures and prompts are there, nothing else
// of the studio is (no link elsewhere, no call to /api), the preview tags point
// at a picture that loads, a click opens the full picture, and once the link
// is revoked it is a plain 404.

const ADMIN = { name: "admin", password: "admin-password-1" };
const SHOTS = path.join(import.meta.dirname, "screenshots");
let owner: APIRequestContext;

test.describe.configure({ mode: "serial" });

const studio = accountsStudio({ admin: ADMIN });
test.beforeAll(async () => {
  owner = await studio.signedIn(ADMIN);
});

type Gen = { id: string; status: string; prompt: string };

/** One request through the API, waited on until its pictures are stored. */
async function makePictures(prompt: string, count = 1): Promise<Gen[]> {
  const res = await owner.post("/api/generations", { data: { model: "nano_banana_2", prompt, count, aspectRatio: "16:9" } });
  expect(res.status()).toBe(201);
  const made = ((await res.json()) as { generations: Gen[] }).generations;
  const done: Gen[] = [];
  for (const g of made) {
    await expect.poll(async () => ((await (await owner.get(`/api/generations/${g.id}`)).json()) as Gen).status, { timeout: 45_000 }).toBe("completed");
    done.push(g);
  }
  return done;
}

async function share(body: unknown): Promise<{ id: string; url: string }> {
  const res = await owner.post("/api/shares", { data: body });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; url: string };
}

/** A browser with no cookie at all, that notes every request it makes. */
async function stranger(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}) {
  const context = await browser.newContext({ baseURL: studio.url, ...options });
  expect(await context.cookies()).toEqual([]);
  const page = await context.newPage();
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  return { context, page, requests };
}

/** Every link on the page stays on this share: its own pages, its pictures, or a place on the page. */
async function linksStayOnShare(page: Page, shareUrl: string) {
  const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) {
    const url = new URL(href);
    expect(url.origin, href).toBe(new URL(studio.url).origin);
    expect(url.pathname === shareUrl || url.pathname.startsWith(`${shareUrl}/images/`), href).toBe(true);
  }
  expect(await page.locator("form").count()).toBe(0);
}

const meta = (page: Page, key: string) => page.locator(`meta[property="${key}"], meta[name="${key}"]`).first().getAttribute("content");

test("a shared picture opens for someone without an account, shows nothing else, and dies when revoked", async ({ browser }) => {
  test.setTimeout(120_000);
  const [picture] = await makePictures("a red kite over the dunes at noon");
  const [other] = await makePictures("an unshared secret prompt");
  const link = await share({ generationId: picture.id });
  expect(link.url).toMatch(/^\/s\/[A-Za-z0-9_-]{43}$/);
  const { context, page, requests } = await stranger(browser);

  await test.step("the page shows the picture and its prompt, without signing in", async () => {
    const response = await page.goto(link.url);
    expect(response!.status()).toBe(200);
    await expect(page).toHaveURL(new RegExp(`${link.url}$`));
    await expect(page.getByRole("figure").getByText("a red kite over the dunes at noon", { exact: true })).toBeVisible();
    const thumb = page.getByRole("link", { name: /^View the full picture/ }).getByRole("img");
    await expect(thumb).toBeVisible();
    await expect.poll(() => thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await expect(page.getByText("Nano Banana 2")).toBeVisible();
    const html = await page.content();
    expect(html).not.toContain(other.id);
    expect(html).not.toContain("unshared secret prompt");
    await expect(page.getByLabel("Prompt", { exact: true })).toHaveCount(0);
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, "share-picture.png"), fullPage: true });
  });

  await test.step("Open Graph and Twitter tags point at a picture that loads", async () => {
    expect(await meta(page, "og:title")).toBe("a red kite over the dunes at noon");
    expect(await meta(page, "twitter:card")).toBe("summary_large_image");
    expect(await meta(page, "robots")).toMatch(/noindex/);
    const ogImage = (await meta(page, "og:image"))!;
    expect(ogImage.startsWith(`${studio.url}${link.url}/images/${picture.id}`)).toBe(true);
    expect(Number(await meta(page, "og:image:width"))).toBeGreaterThan(0);
    expect(Number(await meta(page, "og:image:height"))).toBeGreaterThan(0);
    // As a chat app's crawler fetches it: no cookie.
    const crawler = await playwrightRequest.newContext();
    const image = await crawler.get(ogImage);
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toMatch(/^image\//);
    expect(image.headers()["cache-control"]).not.toContain("immutable");
    await crawler.dispose();
  });

  await test.step("nothing else of the studio is linked, and the page asks nothing of /api", async () => {
    await linksStayOnShare(page, link.url);
    expect(requests.filter((url) => new URL(url).pathname.startsWith("/api"))).toEqual([]);
    expect(requests.filter((url) => new URL(url).origin !== new URL(studio.url).origin)).toEqual([]);
  });

  await test.step("a click on the thumbnail opens the full picture; Close goes back", async () => {
    await page.getByRole("link", { name: /^View the full picture/ }).click();
    const viewer = page.getByRole("region", { name: "a red kite over the dunes at noon" });
    const full = viewer.getByRole("img");
    await expect(full).toBeVisible();
    await expect.poll(() => full.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(512);
    expect(await full.getAttribute("src")).toBe(`${link.url}/images/${picture.id}`);
    await page.screenshot({ path: path.join(SHOTS, "share-viewer.png") });
    await viewer.getByRole("link", { name: "Close" }).click();
    await expect(viewer).toBeHidden();
  });

  await test.step("revoked: the page and its picture are a plain 404", async () => {
    const ogImage = (await meta(page, "og:image"))!;
    expect((await owner.delete(`/api/shares/${link.id}`)).status()).toBe(204);
    const response = await page.goto(link.url);
    expect(response!.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
    await expect(page.getByText("a red kite over the dunes at noon")).toHaveCount(0);
    expect((await page.request.get(ogImage)).status()).toBe(404);
    // An unknown token looks exactly the same.
    const unknown = await page.goto(`/s/${"A".repeat(43)}`);
    expect(unknown!.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
  });
  await context.close();
});

test("a shared board: its pictures newest first, light, dark and on a phone", async ({ browser }) => {
  test.setTimeout(120_000);
  const first = await makePictures("a lighthouse in fog, soft morning light", 2);
  const second = await makePictures("灯塔与海鸥，黄昏", 2);
  const boardRes = await owner.post("/api/boards", { data: { name: "Coast ideas" } });
  expect(boardRes.status()).toBe(201);
  const board = ((await boardRes.json()) as { id: string }).id;
  expect((await owner.post(`/api/boards/${board}/items`, { data: { generationIds: [...first, ...second].map((g) => g.id) } })).status()).toBe(200);
  const link = await share({ boardId: board, expiresInDays: 30 });

  for (const scheme of ["light", "dark"] as const) {
    const { context, page, requests } = await stranger(browser, { colorScheme: scheme, viewport: { width: 1280, height: 800 } });
    const response = await page.goto(link.url);
    expect(response!.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Coast ideas", level: 1 })).toBeVisible();
    expect(await meta(page, "og:title")).toBe("Coast ideas");
    const thumbs = page.getByRole("link", { name: /^View the full picture/ });
    await expect(thumbs).toHaveCount(4);
    // Newest first: the second request's pictures lead.
    await expect(thumbs.first()).toHaveAccessibleName(/灯塔与海鸥/);
    for (const img of await page.getByRole("listitem").getByRole("img").all()) {
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    }
    await linksStayOnShare(page, link.url);
    expect(requests.filter((url) => new URL(url).pathname.startsWith("/api"))).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, `share-${scheme}.png`), fullPage: true });
    await context.close();
  }

  const { context, page } = await stranger(browser, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "zh-CN" });
  await page.goto(link.url);
  await expect(page.getByText("分享的画板")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Coast ideas" })).toBeVisible();
  for (const img of await page.getByRole("listitem").getByRole("img").all()) {
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  }
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: path.join(SHOTS, "share-phone.png"), fullPage: true });
  await context.close();
});

/** A GET from a chosen loopback address, so the server sees another client (Linux routes all of 127/8 to lo). */
function getFrom(localAddress: string, pathname: string): Promise<{ status: number; retryAfter?: string }> {
  const { hostname, port } = new URL(studio.url);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path: pathname, localAddress }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode!, retryAfter: res.headers["retry-after"] as string | undefined }));
      })
      .on("error", reject);
  });
}

test("share pages are rate-limited per client address, as the server sees it", async () => {
  const unknownLink = `/s/${"B".repeat(43)}`;
  // Fixed windows of a minute: if one turns meanwhile the count restarts, so at most twice the budget passes.
  const statuses: number[] = [];
  let refused: { status: number; retryAfter?: string } | undefined;
  for (let i = 0; i < 121 && !refused; i++) {
    const answer = await getFrom("127.0.0.3", unknownLink);
    if (answer.status === 429) refused = answer;
    else statuses.push(answer.status);
  }
  expect(refused, "a 429 within two windows' budget").toBeDefined();
  expect(statuses.length).toBeGreaterThanOrEqual(60);
  expect(new Set(statuses)).toEqual(new Set([404]));
  expect(Number(refused!.retryAfter)).toBeGreaterThanOrEqual(1);
  // Another address is its own client, not held back by the first.
  expect((await getFrom("127.0.0.4", unknownLink)).status).toBe(404);
  // Counted in the database every instance shares, not in this
  // process's memory: the proxy got it from the server at start-up.
  const db = new Database(path.join(studio.dataDir, "studio.db"), { readonly: true });
  try {
    const counted = db.prepare("select sum(count) as n from rate_counters where key = 'share-page:127.0.0.3'").get() as { n: number | null };
    expect(counted.n).toBeGreaterThan(0);
  } finally {
    db.close();
  }
});
