import type { Browser, BrowserContextOptions, Locator, Page } from "@playwright/test";
import { expect, test } from "./support/demo";
import { accountsStudio, type Person } from "./support/own-studio";
import { composerReady, finishedPicture, generate, hydrated, pictureOf, uniquePrompt } from "./support/studio-page";

// Edit threads in the viewer, as people use them on a team (STUDIO_AUTH=accounts,
// the demo simulator drawing each edit from its parent): a picture edited twice
// in words, a branch from its original, the tree after a reload and in a
// teammate's browser, a limit's refusal said by the field; on a phone in dark
// mode (Render larger), and in Chinese (Vary).

const ADMIN = { name: "admin", password: "admin-password-1" };
const MIA = { name: "mia", password: "mia-password-2026" };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const WORDS = {
  en: { field: "Describe a change", tree: "Versions of this picture", original: "Original" },
  zh: { field: "描述修改", tree: "这张图片的版本", original: "原图" },
} as const;
type Locale = keyof typeof WORDS;

const studio = accountsStudio({ admin: ADMIN, env: { STUDIO_PRICES: "nano_banana_2=0.04,nano_banana_pro-2K=0.134,nano_banana_pro-4K=0.24" } });

test.beforeAll(async () => {
  const admin = await studio.signedIn(ADMIN);
  expect((await admin.post("/api/admin/users", { data: { name: MIA.name, password: MIA.password } })).status()).toBe(201);
});

/**
 * A browser signed in as `who`, in a language and a theme, on the studio page
 * (or a picture's address, `path`), hydrated: a picture's page opens with the
 * viewer, which makes the page behind it inert, so its field is waited on.
 */
async function open(browser: Browser, input: { who: Person; locale?: Locale; options?: BrowserContextOptions; path?: string }): Promise<Page> {
  const context = await browser.newContext({ baseURL: studio.url, ...input.options });
  expect((await context.request.post("/api/session", { data: input.who })).status()).toBe(204);
  const host = new URL(studio.url).hostname;
  const scheme = input.options?.colorScheme === "dark" ? "dark" : "light";
  await context.addCookies([
    { name: "studio-locale", value: input.locale ?? "en", domain: host, path: "/" },
    { name: "studio-theme", value: scheme, domain: host, path: "/" },
  ]);
  const page = await context.newPage();
  await page.goto(input.path ?? "/");
  await ready(page, input.locale);
  return page;
}

/**
 * Until the page has hydrated: the composer's Generate, or on a picture's
 * address the viewer's field. The viewer of the server's HTML is replaced by
 * the page's own once it runs, so the field is looked up afresh each time.
 */
async function ready(page: Page, locale: Locale = "en") {
  if (!/^\/p\//.test(new URL(page.url()).pathname)) return composerReady(page);
  await expect
    .poll(() => field(page, locale).evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactProps$"))).catch(() => false), { timeout: 30_000 })
    .toBe(true);
}

const viewer = (page: Page) => page.getByRole("dialog");
const field = (page: Page, locale: Locale = "en") => viewer(page).getByRole("textbox", { name: WORDS[locale].field });
const versions = (page: Page, locale: Locale = "en") => viewer(page).getByRole("list", { name: WORDS[locale].tree });
const version = (page: Page, words: string | RegExp, locale: Locale = "en") => versions(page, locale).getByRole("button").filter({ hasText: words });
/** The versions' ids in the order the tree lists them. */
const order = (list: Locator) => list.locator("[data-version]").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-version")));
const idInAddress = (page: Page) => /\/p\/(gen_[0-9A-Z]+)/.exec(new URL(page.url()).pathname)?.[1];

/** The viewer shows this picture, whole, and the tree marks it as the one shown. */
async function showing(page: Page, prompt: string, locale: Locale = "en") {
  const img = viewer(page).getByRole("img", { name: prompt, exact: true });
  await expect(img).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0), { timeout: 30_000 }).toBe(true);
  await expect(version(page, prompt, locale)).toHaveAttribute("aria-current", "true");
  await expect(versions(page, locale).locator("[aria-current]")).toHaveCount(1);
}

/** An edit in words from the viewer's field: Enter sends it. */
async function edit(page: Page, words: string, locale: Locale = "en") {
  await field(page, locale).fill(words);
  await field(page, locale).press("Enter");
  // Sent: the field empties for the next change while this one is made.
  await expect(field(page, locale)).toHaveValue("", { timeout: 15_000 });
}

test("edit in place twice, branch from the original, reload, and a teammate sees the same tree", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await open(browser, { who: ADMIN, options: { viewport: { width: 1440, height: 900 } } });
  const prompt = uniquePrompt("a red fox in a meadow");
  await generate(page, prompt);
  await (await pictureOf(page, prompt)).click();
  await expect(viewer(page)).toBeVisible();
  const originalId = idInAddress(page)!;
  expect(originalId).toBeTruthy();
  // A single version has no tree yet; the field is under the picture, with its settings as they were.
  await expect(versions(page)).toHaveCount(0);
  await expect(viewer(page).getByRole("combobox", { name: "Model of the new version" })).toHaveValue("nano_banana_2");
  await expect(viewer(page).getByText("$0.04 a picture")).toBeVisible();

  await test.step("two edits: each shows in the viewer, the newest marked in the tree", async () => {
    await edit(page, "make it night");
    await showing(page, "make it night");
    const nightId = idInAddress(page);
    expect(nightId).not.toBe(originalId);
    await edit(page, "add snow");
    await showing(page, "add snow");
    await expect(versions(page).getByRole("button")).toHaveCount(3);
    // The path from the original to the shown version: all three, the original first.
    expect(await order(versions(page))).toEqual([originalId, nightId, idInAddress(page)]);
  });

  await test.step("the original, clicked in the tree, shows; its edit starts a branch", async () => {
    await version(page, WORDS.en.original).click();
    await showing(page, prompt);
    expect(idInAddress(page)).toBe(originalId);
    await edit(page, "black and white");
    await showing(page, "black and white");
    const rows = versions(page).getByRole("button");
    await expect(rows).toHaveCount(4);
    // The branch is listed under the version it grew from, before the first line goes on.
    await expect(rows.nth(0)).toContainText(prompt);
    await expect(rows.nth(1)).toContainText("black and white");
    await expect(rows.nth(2)).toContainText("make it night");
    await expect(rows.nth(3)).toContainText("add snow");
    await page.screenshot({ path: "e2e/screenshots/edit-threads-tree.png" });
  });

  await test.step("the tree by keyboard: one tab stop on the shown version, ↑/↓ between versions, Enter shows one", async () => {
    await version(page, "black and white").focus();
    await page.keyboard.press("ArrowDown");
    await expect(version(page, "make it night")).toBeFocused();
    await page.keyboard.press("Enter");
    await showing(page, "make it night");
    await expect(version(page, "make it night")).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await showing(page, "black and white");
  });

  const branchId = idInAddress(page)!;
  const tree = await order(versions(page));

  await test.step("a reload of the picture's address finds the same tree; so does a version the gallery does not list", async () => {
    await page.reload();
    await ready(page);
    await showing(page, "black and white");
    expect(await order(versions(page))).toEqual(tree);
    const nightId = tree[2]!;
    await page.goto(`/p/${nightId}`);
    await ready(page);
    await showing(page, "make it night");
    expect(await order(versions(page))).toEqual(tree);
    // ← / → go on from the tree's place in the gallery.
    await expect(viewer(page).getByText(/^1 of \d+$/)).toBeVisible();
  });

  await test.step("a teammate opens the picture and sees the same tree; a limit's refusal is said by the field, the words kept", async () => {
    const admin = await studio.signedIn(ADMIN);
    const people = (await (await admin.get("/api/admin/users")).json()) as { items: { id: string; name: string }[] };
    const mia = people.items.find((p) => p.name === MIA.name)!;
    expect((await admin.patch(`/api/admin/users/${mia.id}`, { data: { dailyLimit: 1 } })).status()).toBe(200);

    const teammate = await open(browser, { who: MIA, path: `/p/${branchId}`, options: { viewport: { width: 1280, height: 860 } } });
    await showing(teammate, "black and white");
    expect(await order(versions(teammate))).toEqual(tree);
    await expect(version(teammate, "add snow")).toContainText(`by ${ADMIN.name}`);
    // Her edit of another's picture is hers, in the same tree.
    await edit(teammate, "make it autumn");
    await showing(teammate, "make it autumn");
    await expect(version(teammate, "make it autumn")).toContainText("by you");
    await expect(versions(teammate).getByRole("button")).toHaveCount(5);
    // Her day's one picture is spent: the server's 429, said under the field, and what she typed stays.
    await field(teammate).fill("add a rainbow");
    await field(teammate).press("Enter");
    await expect(viewer(teammate).getByRole("alert").filter({ hasText: /limit|today|tomorrow/i })).toBeVisible();
    await expect(field(teammate)).toHaveValue("add a rainbow");
    await expect(versions(teammate).getByRole("button")).toHaveCount(5);
    await teammate.context().close();
  });

  await test.step("a deleted middle version stays in its place as deleted; the version below it says its parent is gone", async () => {
    const [nightId, snowId] = [tree[2]!, tree[3]!];
    expect((await page.request.delete(`/api/generations/${nightId}`)).status()).toBe(204);
    await page.goto(`/p/${snowId}`);
    await ready(page);
    await showing(page, "add snow");
    await expect(versions(page).getByText("Deleted version")).toBeVisible();
    await expect(versions(page).getByRole("button")).toHaveCount(4);
    await expect(version(page, "add snow")).toContainText("parent deleted");
    expect(await order(versions(page))).not.toContain(nightId);
  });
  await page.context().close();
});

test("on a phone in dark mode: the field under the picture, the tree below it, Render larger at 2K", async ({ browser }) => {
  test.setTimeout(90_000);
  const admin = await studio.signedIn(ADMIN);
  const prompt = uniquePrompt("a lighthouse on a cliff");
  const id = await finishedPicture(admin, { prompt });
  const page = await open(browser, { who: ADMIN, path: `/p/${id}`, options: { ...PHONE, colorScheme: "dark" } });
  await expect(page.locator("html")).toHaveClass(/dark/);

  await edit(page, "make it night");
  await showing(page, "make it night");
  // Nothing is wider than the phone: the field, its settings row, the tree.
  const overflow = await viewer(page).evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = (await field(page).boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);

  // Render larger: a new generation (priced as one, and it says so), Nano Banana Pro at the size picked.
  // 2K rather than 4K: the same path, without a 23 MB picture drawn and shrunk on a loaded test machine.
  await viewer(page).getByRole("combobox", { name: "Size to render at" }).selectOption("4K");
  await expect(viewer(page).getByText(/Render larger 4K: \$0\.24/)).toBeVisible();
  await viewer(page).getByRole("combobox", { name: "Size to render at" }).selectOption("2K");
  const larger = viewer(page).getByRole("button", { name: "Render larger" });
  await expect(larger).toHaveAttribute("title", /not an upscaler/);
  await expect(viewer(page).getByText(/Render larger 2K: \$0\.13\b/)).toBeVisible();
  await larger.click();
  await showing(page, "Render this picture larger; keep it unchanged.");
  await expect(viewer(page).locator("dd").filter({ hasText: /^Nano Banana Pro$/ })).toBeVisible();
  await expect(viewer(page).getByText("2752 × 1536 px")).toBeVisible();
  await expect(versions(page).getByRole("button")).toHaveCount(3);
  await versions(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/screenshots/edit-threads-phone-dark.png" });
  await page.context().close();
});

test("in Chinese: the field, the tree and Vary speak the person's language", async ({ browser }) => {
  test.setTimeout(90_000);
  const admin = await studio.signedIn(ADMIN);
  const prompt = uniquePrompt("一只红狐狸");
  const id = await finishedPicture(admin, { prompt });
  const page = await open(browser, { who: ADMIN, locale: "zh", path: `/p/${id}`, options: { viewport: { width: 1440, height: 900 } } });
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(field(page, "zh")).toHaveAttribute("placeholder", "描述一个修改…");

  await edit(page, "加雪", "zh");
  await showing(page, "加雪", "zh");
  await expect(version(page, WORDS.zh.original, "zh")).toBeVisible();
  await expect(version(page, "加雪", "zh")).toContainText("你制作");

  const vary = viewer(page).getByRole("button", { name: "变体" });
  await expect(vary).toHaveAttribute("title", /不是放大工具/);
  await vary.click();
  await showing(page, "这张图片的一个变体：加雪", "zh");
  await expect(versions(page, "zh").getByRole("button")).toHaveCount(3);
  await expect(viewer(page).getByText("3 个版本")).toBeVisible();
  await page.context().close();
});

/** Tab until `target` has the focus (at most `limit` presses): the keyboard's way there. */
async function tabTo(page: Page, target: Locator, limit = 60) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("Tab never reached the element");
}

test("compare the original with the newest version using only the keyboard: slider, side by side, the instructions between", async ({ browser }) => {
  test.setTimeout(90_000);
  const admin = await studio.signedIn(ADMIN);
  const prompt = uniquePrompt("a lighthouse on a cliff");
  const original = await finishedPicture(admin, { prompt });
  const night = await finishedPicture(admin, { prompt: "make it night", parentId: original });
  const newest = await finishedPicture(admin, { prompt: "add snow", parentId: night });
  const page = await open(browser, { who: ADMIN, path: `/p/${newest}`, options: { viewport: { width: 1440, height: 900 } } });
  await showing(page, "add snow");

  const compare = viewer(page).getByRole("button", { name: "Compare" });
  await hydrated(compare);
  await tabTo(page, compare);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Compare versions" });
  await expect(dialog).toBeVisible();
  // The original before, the version shown after, and the two instructions between them, in order.
  await expect(dialog.getByRole("combobox", { name: "Before" })).toHaveValue(original);
  await expect(dialog.getByRole("combobox", { name: "After" })).toHaveValue(newest);
  await expect(dialog.getByTestId("compare-steps").getByRole("listitem")).toHaveText([/make it night/, /add snow/]);

  // The slider, by keys alone: its value is what a screen reader reads.
  const slider = dialog.getByRole("slider");
  await tabTo(page, slider);
  await expect(slider).toHaveAttribute("aria-valuenow", "50");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect(slider).toHaveAttribute("aria-valuenow", "40");
  await expect(slider).toHaveAttribute("aria-valuetext", "Before and after: 40% of the after picture shown");
  await page.screenshot({ path: "e2e/screenshots/edit-threads-compare.png" });
  await page.keyboard.press("End");
  await expect(slider).toHaveAttribute("aria-valuenow", "100");
  await expect(dialog.getByTestId("compare-after-layer")).toHaveCSS("clip-path", "inset(0px 0% 0px 0px)");
  // The arrows moved the slider, not the viewer behind the dialog.
  expect(idInAddress(page)).toBe(newest);

  // Side by side: both pictures, named by their prompts.
  await tabTo(page, dialog.getByRole("radio", { name: "Side by side" }));
  await page.keyboard.press("Space");
  await expect(dialog.getByRole("img", { name: prompt, exact: true })).toBeVisible();
  await expect(dialog.getByRole("img", { name: "add snow", exact: true })).toBeVisible();

  // Esc closes it, and the focus is back on Compare.
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(compare).toBeFocused();
  await expect(viewer(page)).toBeVisible();
  await page.context().close();
});
