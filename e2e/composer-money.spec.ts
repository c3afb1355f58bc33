import type { Browser, Page } from "@playwright/test";
import sharp from "sharp";
import { expect, test } from "./support/demo";
import { accountsStudio } from "./support/own-studio";
import { composerReady, screenshot, uniquePrompt } from "./support/studio-page";

// As a team meets it in the composer: the price of a request and
// what is left, from the server's own prices (item 1); Generate off, with the
// reason and when the limit resets, when the request cannot fit (items 1, 2);
// the model, ratio, size and count kept across a reload (item 6); a link
// reference checked when it is added (item 17).

const ADMIN = { name: "admin", password: "admin-password-26" };

test.describe.configure({ mode: "serial" });

const studio = accountsStudio({
  admin: ADMIN,
  env: { STUDIO_PRICES: "nano_banana_2=0.04,nano_banana_2-2K=0.08,nano_banana_pro-4K=0.24" },
});

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: studio.url, viewport: { width: 1440, height: 900 } });
  return context.newPage();
}

async function signIn(page: Page, who: { name: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Your name").fill(who.name);
  await page.getByLabel("Your password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${studio.url}/`);
  await composerReady(page);
}

/** A member with these limits, made by the admin through the API. */
async function member(admin: Page, name: string, limits: { dailyLimit?: number; monthlyBudget?: number }) {
  const password = `${name}-password-2026`;
  const made = await admin.request.post("/api/admin/users", { data: { name, password } });
  expect(made.status()).toBe(201);
  const { id } = (await made.json()) as { id: string };
  expect((await admin.request.patch(`/api/admin/users/${id}`, { data: limits })).status()).toBe(200);
  return { name, password };
}

/** The composer's card (the gallery's filters have a Model box too). */
const composer = (page: Page) => page.getByRole("region", { name: "Create" });
const generateButton = (page: Page) => page.getByRole("button", { name: "Generate", exact: true });
const sizes = (page: Page) => composer(page).getByRole("radiogroup", { name: "Size" });
const counts = (page: Page) => composer(page).getByRole("radiogroup", { name: "Pictures" });
const ratios = (page: Page) => composer(page).getByRole("radiogroup", { name: "Aspect ratio" });
const modelBox = (page: Page) => composer(page).getByRole("combobox", { name: "Model" });

/**
 * Types a prompt and waits for the summary to follow it, which only the
 * page's code does: a click before that would be lost.
 */
async function typePrompt(page: Page, text: string) {
  await page.getByLabel("Prompt", { exact: true }).fill(text);
  await expect(page.getByText("Write a prompt to start")).toHaveCount(0);
}

async function pickModel(page: Page, label: string) {
  await modelBox(page).click();
  await composer(page).getByRole("option", { name: label, exact: true }).click();
}

test("the summary prices the request with the server's prices, and the price follows size and count", async ({ browser }) => {
  const page = await newPage(browser);
  await signIn(page, ADMIN);
  await typePrompt(page, uniquePrompt("a lighthouse"));
  await expect(page.getByText("1 picture · Nano Banana 2 · 1K · Auto · $0.04", { exact: true })).toBeVisible();
  await sizes(page).getByRole("radio", { name: "2K" }).click();
  await expect(page.getByText("1 picture · Nano Banana 2 · 2K · Auto · $0.08", { exact: true })).toBeVisible();
  await counts(page).getByRole("radio", { name: "3" }).click();
  await expect(page.getByText("3 pictures · Nano Banana 2 · 2K · Auto · $0.24", { exact: true })).toBeVisible();
  // What is left, beside it, and both are what Generate is described by.
  await expect(page.getByText("200 left today", { exact: true })).toBeVisible();
  await expect(generateButton(page)).toHaveAccessibleDescription(/\$0\.24.*200 left today/);
  // The fixed-size 4K model has its own price.
  await pickModel(page, "Nano Banana Pro 4K");
  await expect(page.getByText("3 pictures · Nano Banana Pro 4K · 4K · Auto · $0.72", { exact: true })).toBeVisible();
  await screenshot(page, "composer-price-light-en");
  await page.context().close();
});

test("the model, ratio, size and count last used survive a reload", async ({ browser }) => {
  const page = await newPage(browser);
  await signIn(page, ADMIN);
  await typePrompt(page, uniquePrompt("settings to keep"));
  await pickModel(page, "Nano Banana Pro");
  await ratios(page).getByRole("radio", { name: "Landscape 16:9" }).click();
  await sizes(page).getByRole("radio", { name: "4K" }).click();
  await counts(page).getByRole("radio", { name: "2" }).click();
  // Kept in this browser as they change.
  await expect
    .poll(() => page.evaluate(() => JSON.parse(localStorage.getItem("nano-studio.composer-settings") ?? "{}")))
    .toEqual({ model: "nano_banana_pro", aspectRatio: "16:9", imageSize: "4K", count: 2 });
  await page.reload();
  await expect(modelBox(page)).toContainText("Nano Banana Pro");
  await expect(modelBox(page)).not.toContainText("Nano Banana Pro 4K");
  await expect(ratios(page).getByRole("radio", { name: "Landscape 16:9" })).toBeChecked();
  await expect(sizes(page).getByRole("radio", { name: "4K" })).toBeChecked();
  await expect(counts(page).getByRole("radio", { name: "2" })).toBeChecked();
  // What was stored is checked when read: a model that no longer exists falls back to the default.
  await page.evaluate(() =>
    localStorage.setItem("nano-studio.composer-settings", JSON.stringify({ model: "nano_banana_1", aspectRatio: "9:16", imageSize: "2K", count: 3 })),
  );
  await page.reload();
  await expect(modelBox(page)).toContainText("Nano Banana 2");
  await expect(ratios(page).getByRole("radio", { name: "Portrait 9:16" })).toBeChecked();
  await expect(counts(page).getByRole("radio", { name: "3" })).toBeChecked();
  await page.context().close();
});

test("a member with a daily limit of 2 sees Generate off with the reason once it is used, in English and Chinese", async ({ browser }) => {
  const admin = await newPage(browser);
  await signIn(admin, ADMIN);
  const mo = await member(admin, "mo", { dailyLimit: 2 });
  const page = await newPage(browser);
  await signIn(page, mo);
  await typePrompt(page, uniquePrompt("two boats"));
  await expect(page.getByText("2 left today", { exact: true })).toBeVisible();
  // Three would not fit: Generate is off at once, saying why.
  await counts(page).getByRole("radio", { name: "3" }).click();
  await expect(generateButton(page)).toBeDisabled();
  await expect(generateButton(page)).toHaveAccessibleDescription(/Only 2 left today: ask for fewer, or wait until it resets at midnight UTC \(in \d+ (h|min|s)\)\./);
  await counts(page).getByRole("radio", { name: "2" }).click();
  await expect(generateButton(page)).toBeEnabled();
  await generateButton(page).click();
  await expect(page.getByText("Started 2 pictures")).toBeVisible();

  const reason = /No pictures left today\. It resets at midnight UTC \(in \d+ (h|min|s)\)\./;
  await counts(page).getByRole("radio", { name: "1" }).click();
  await expect(page.getByText(reason)).toBeVisible();
  await expect(generateButton(page)).toBeDisabled();
  await expect(generateButton(page)).toHaveAccessibleDescription(reason);
  // As the server sends it with the page: still off after a reload.
  await page.reload();
  await expect(generateButton(page)).toBeDisabled();
  await expect(page.getByText(reason)).toBeVisible();

  await page.getByLabel("Language").selectOption("zh");
  await expect(page.getByText(/^今日额度已用完，将于UTC 午夜（\d+ (小时|分钟|秒)后）重置。$/)).toBeVisible();
  await expect(page.getByRole("button", { name: "生成", exact: true })).toBeDisabled();
  await page.getByRole("radiogroup", { name: "主题" }).getByRole("radio", { name: "深色" }).click();
  await screenshot(page, "composer-daily-used-dark-zh");
  await page.context().close();
  await admin.context().close();
});

test("under a monthly budget: the price counts against what is left, the reset day is named, an unpriced model is off", async ({ browser }) => {
  const admin = await newPage(browser);
  await signIn(admin, ADMIN);
  const nia = await member(admin, "nia", { monthlyBudget: 0.1 });
  const page = await newPage(browser);
  await signIn(page, nia);
  await typePrompt(page, uniquePrompt("a red kite"));
  await expect(page.getByText("200 left today · $0.10 left this month", { exact: true })).toBeVisible();
  await counts(page).getByRole("radio", { name: "2" }).click();
  await generateButton(page).click();
  await expect(page.getByText("Started 2 pictures")).toBeVisible();

  // $0.08 spent of $0.10: two more at $0.04 do not fit; the budget starts afresh on the 1st (UTC).
  const now = new Date();
  const firstOfNextMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone: "UTC" }).format(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1),
  );
  const reason = `This costs $0.08 and $0.02 of your monthly budget is left. It resets on ${firstOfNextMonth}.`;
  await expect(page.getByText(reason, { exact: true })).toBeVisible();
  await expect(generateButton(page)).toBeDisabled();
  await expect(generateButton(page)).toHaveAccessibleDescription(new RegExp(reason.replace(/[$.()]/g, "\\$&")));
  await expect(page.getByText("$0.02 of $0.10 left this month")).toBeVisible();

  // nano_banana_pro has no price: under a budget the server refuses it (before counting), so Generate says that.
  await pickModel(page, "Nano Banana Pro");
  await expect(page.getByText(/^Nano Banana Pro 1K has no price, and a monthly budget applies to you/)).toBeVisible();
  await expect(generateButton(page)).toBeDisabled();
  await page.context().close();
  await admin.context().close();
});

test("a link reference is checked when it is added: a bad one says why at once and nothing is kept", async ({ browser }) => {
  const page = await newPage(browser);
  await signIn(page, ADMIN);
  await typePrompt(page, uniquePrompt("in the style of a link"));
  const link = page.getByLabel("Image URL");
  // This machine's own address: the studio never fetches private addresses.
  await link.fill(`${studio.url}/favicon.ico`);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /^That link cannot be used as a reference: could not be fetched: .*(loopback|private)/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "Selected references" })).toHaveCount(0);
  await expect(link).toHaveValue(`${studio.url}/favicon.ico`);
  await expect(page.getByText(/^Text-to-image/)).toBeVisible();
  await expect(generateButton(page)).toBeEnabled();
  await screenshot(page, "composer-link-refused");

  // A link the studio takes shows its stored picture at once. (No public picture
  // host is reachable from here, so the studio's answer is played back: a real
  // upload of this person's, as POST /api/references { url } answers one.)
  const png = await sharp({ create: { width: 120, height: 80, channels: 3, background: "#0e7490" } }).png().toBuffer();
  const uploaded = await page.request.post("/api/references", { multipart: { file: { name: "teal.png", mimeType: "image/png", buffer: png } } });
  expect(uploaded.status()).toBe(201);
  const stored = (await uploaded.json()) as { id: string; url: string };
  const sent: unknown[] = [];
  await page.route("**/api/references", async (route) => {
    sent.push(route.request().postDataJSON());
    await route.fulfill({ status: 201, contentType: "application/json", body: JSON.stringify({ ...stored, width: 120, height: 80 }) });
  });
  await link.fill("https://pictures.example/teal.png");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const thumb = page.getByRole("list", { name: "Selected references" }).getByRole("img", { name: "Reference 1: teal.png" });
  await expect(thumb).toHaveAttribute("src", stored.url);
  await expect.poll(() => thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(120);
  expect(sent).toEqual([{ url: "https://pictures.example/teal.png" }]);
  await expect(link).toHaveValue("");
  // The request names the stored copy by id: nothing is fetched again at Generate.
  const request = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/generations");
  await generateButton(page).click();
  expect(((await request).postDataJSON() as { references: string[] }).references).toEqual([stored.id]);
  await page.context().close();
});
