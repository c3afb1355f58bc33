import fs from "node:fs";
import path from "node:path";
import type { Browser, Locator, Page } from "@playwright/test";
import { expect, test } from "./support/demo";
import { accountsStudio } from "./support/own-studio";
import { gallery } from "./support/studio-page";

// The studio on a phone (390×844, touch), as a member of a team with a daily
// limit and a monthly budget meets it: the gallery's
// filters read in full, the header keeps to two rows, and Generate is in
// reach without scrolling, covering neither the prompt nor the last pictures.
// A desktop check makes sure the wide layout did not move.

const ADMIN = { name: "admin", password: "admin-password-1" };
const DANA = { name: "dana", password: "dana-password-2026" };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const WORDS = {
  en: { composer: "Create", generate: "Generate", prompt: "Prompt", menu: `Account menu for ${DANA.name}`, signedIn: `Signed in as ${DANA.name}`, signOut: "Sign out" },
  zh: { composer: "创作", generate: "生成", prompt: "提示词", menu: `${DANA.name} 的账户菜单`, signedIn: `当前用户：${DANA.name}`, signOut: "退出登录" },
} as const;
type Locale = keyof typeof WORDS;
const SCREENS = path.join("test-results", "screens");

const studio = accountsStudio({ admin: ADMIN, env: { STUDIO_PRICES: "nano_banana_2=0.04" } });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // dana: a member with a daily limit and a monthly budget (the header's fullest case), and pictures in her gallery.
  const admin = await studio.signedIn(ADMIN);
  const created = await admin.post("/api/admin/users", { data: { name: DANA.name, password: DANA.password } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await admin.patch(`/api/admin/users/${id}`, { data: { dailyLimit: 50, monthlyBudget: 5 } })).ok()).toBe(true);
  const dana = await studio.signedIn(DANA);
  const made = await dana.post("/api/generations", { data: { model: "nano_banana_2", prompt: "a row of beach huts, pastel", count: 4 } });
  expect(made.status()).toBe(201);
  await expect
    .poll(async () => ((await (await dana.get("/api/generations")).json()) as { items: { status: string }[] }).items.map((g) => g.status), { timeout: 60_000 })
    .toEqual(["completed", "completed", "completed", "completed"]);
});

async function open(browser: Browser, input: { scheme: "light" | "dark"; locale: Locale; phone?: boolean }): Promise<Page> {
  const size = input.phone === false ? { viewport: { width: 1440, height: 900 } } : PHONE;
  const context = await browser.newContext({ ...size, baseURL: studio.url, colorScheme: input.scheme });
  expect((await context.request.post("/api/session", { data: DANA })).status()).toBe(204);
  const host = new URL(studio.url).hostname;
  await context.addCookies([
    { name: "studio-locale", value: input.locale, domain: host, path: "/" },
    { name: "studio-theme", value: input.scheme, domain: host, path: "/" },
  ]);
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("button", { name: WORDS[input.locale].generate, exact: true })).toBeVisible();
  await expect(gallery(page).getByRole("img").first()).toBeVisible();
  return page;
}

/** A select shows its chosen option in full: nothing scrolls inside it and the text fits between its paddings. */
async function selectFits(select: Locator) {
  return select.evaluate((el: HTMLSelectElement) => {
    const style = getComputedStyle(el);
    const ctx = document.createElement("canvas").getContext("2d")!;
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = el.selectedOptions[0]?.text ?? "";
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { text, fits: el.scrollWidth <= el.clientWidth && ctx.measureText(text).width <= room, textWidth: ctx.measureText(text).width, room };
  });
}

/** How many rows the header's visible pieces sit in (a piece starting below the last row's bottom opens a new one). */
async function headerRows(page: Page) {
  return page.getByRole("banner").evaluate((header) => {
    const pieces = Array.from(header.querySelectorAll<HTMLElement>("h1, button, select, [role=status], [role=radiogroup], [data-testid=allowance]"))
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 1 && r.height > 1)
      .sort((a, b) => a.top - b.top);
    let rows = 0;
    let bottom = -Infinity;
    for (const r of pieces) {
      if (r.top >= bottom - 1) {
        rows += 1;
        bottom = r.bottom;
      } else bottom = Math.max(bottom, r.bottom);
    }
    return { rows, height: header.getBoundingClientRect().height };
  });
}

/** The element at a point is `target` or inside it: nothing is drawn over it there. */
async function uncovered(page: Page, target: Locator, at: "center" | "bottom") {
  const box = (await target.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = at === "center" ? box.y + box.height / 2 : box.y + box.height - 4;
  return target.evaluate((el, p) => {
    const hit = document.elementFromPoint(p.x, p.y);
    return hit !== null && (el === hit || el.contains(hit));
  }, { x, y });
}

for (const { scheme, locale } of [
  { scheme: "light", locale: "en" },
  { scheme: "dark", locale: "zh" },
  { scheme: "dark", locale: "en" },
  { scheme: "light", locale: "zh" },
] as const) {
  test(`phone, ${scheme}, ${locale}: filters read in full, the header keeps to two rows, Generate is in reach`, async ({ browser }) => {
    const page = await open(browser, { scheme, locale });
    const words = WORDS[locale];
    fs.mkdirSync(SCREENS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENS, `phone-accounts-${scheme}-${locale}.png`) });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await test.step("the Model and Status filters show their whole choice", async () => {
      const selects = page.getByRole("search").getByRole("combobox");
      await expect(selects).toHaveCount(2);
      for (const select of await selects.all()) {
        const values = await select.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
        // The first choice ("All …") and the longest one.
        for (const value of [values[0], values.at(-1)!]) {
          await select.selectOption(value);
          const fit = await selectFits(select);
          expect.soft(fit.fits, `"${fit.text}" needs ${fit.textWidth.toFixed(0)} px, has ${fit.room.toFixed(0)}`).toBe(true);
        }
        await select.selectOption(values[0]);
      }
      await expect(gallery(page).getByRole("img").first()).toBeVisible();
    });

    await test.step("the header keeps to two rows", async () => {
      const header = await headerRows(page);
      expect.soft(header.rows, `header height ${header.height}`).toBeLessThanOrEqual(2);
      expect.soft(header.height).toBeLessThanOrEqual(2 * 48 + 12);
      await expect(page.getByTestId("allowance")).toBeInViewport();
      await expect(page.getByTestId("budget")).toBeInViewport();
    });

    await test.step("Generate is on the first screen, over nothing of the prompt", async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      const generate = page.getByRole("button", { name: words.generate, exact: true });
      const box = (await generate.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect.soft(box.y + box.height).toBeLessThanOrEqual(844);
      expect.soft(await uncovered(page, generate, "center")).toBe(true);
      const prompt = page.getByLabel(words.prompt, { exact: true });
      expect(await uncovered(page, prompt, "center")).toBe(true);
      expect(await uncovered(page, prompt, "bottom")).toBe(true);
    });

    await test.step("it stays in reach while the composer is scrolled", async () => {
      const generate = page.getByRole("button", { name: words.generate, exact: true });
      for (const y of [200, 400]) {
        await page.evaluate((to) => window.scrollTo(0, to), y);
        const composer = (await page.getByRole("region", { name: words.composer, exact: true }).boundingBox())!;
        if (composer.y + composer.height < 844) break;
        const box = (await generate.boundingBox())!;
        expect.soft(box.y + box.height, `after scrolling to ${y}`).toBeLessThanOrEqual(844);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect.soft(await uncovered(page, generate, "center")).toBe(true);
      }
    });

    await test.step("the page's last pictures are not covered", async () => {
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const last = gallery(page).getByRole("img").last();
      await expect(last).toBeInViewport();
      expect(await uncovered(page, last, "center")).toBe(true);
      expect(await uncovered(page, last, "bottom")).toBe(true);
    });

    await test.step("who is signed in, and Sign out, are in the account menu", async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByRole("button", { name: words.menu }).click();
      const menu = page.getByRole("menu");
      await expect(menu.getByText(words.signedIn)).toBeVisible();
      await expect(menu.getByRole("menuitem", { name: words.signOut, exact: true })).toBeVisible();
      await page.keyboard.press("Escape");
      await expect(menu).toHaveCount(0);
    });
    await page.context().close();
  });
}

test("desktop 1440×900 keeps its layout", async ({ browser }) => {
  const page = await open(browser, { scheme: "light", locale: "en", phone: false });
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, "desktop-accounts-light-en.png") });
  const box = async (locator: Locator) => (await locator.boundingBox())!;
  const header = await headerRows(page);
  expect(header.rows).toBe(1);
  const composer = await box(page.getByRole("region", { name: WORDS.en.composer, exact: true }));
  expect(composer.x).toBeCloseTo(20, 0);
  expect(composer.width).toBeCloseTo(400, 0);
  const [model, status] = await page.getByRole("search").getByRole("combobox").all();
  expect((await box(model)).width).toBeCloseTo(192, 0);
  expect((await box(status)).width).toBeCloseTo(144, 0);
  expect((await box(model)).y).toBeCloseTo((await box(page.getByRole("searchbox"))).y, 0);
  // The account's pieces stay in the header, not in the menu.
  await expect(page.getByRole("banner").getByText(WORDS.en.signedIn)).toBeVisible();
  await expect(page.getByRole("banner").getByRole("button", { name: WORDS.en.signOut, exact: true })).toBeVisible();
  const generate = await box(page.getByRole("button", { name: WORDS.en.generate, exact: true }));
  expect(generate.y + generate.height).toBeLessThanOrEqual(900);
  expect(generate.x).toBeGreaterThanOrEqual(composer.x);
  await page.context().close();
});
