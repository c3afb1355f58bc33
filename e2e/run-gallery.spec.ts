import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, test } from "./support/demo";
import { gallery, hydrated, uniquePrompt } from "./support/studio-page";

// A bulk run in the gallery (issue 24, demo studio): a template with two
// blanks run over a three-row table, then /?run=<id>: the run's header with
// its template, who ran it and its progress, each row's pictures in their
// batch frame, the run's ZIP, ✕ back to the whole gallery, where a row's
// "Run" link leads back. Once in Chinese, once on a phone in dark mode.

const TABLE = "product,surface\nmug,oak\nlamp,marble\nvase,slate";
const ROWS = [
  ["mug", "oak"],
  ["lamp", "marble"],
  ["vase", "slate"],
] as const;

type Made = { id: string; name: string; prompts: string[]; createdBy: string };

/** A template "{product} on {surface}, <unique words>" making `count` pictures a row, run over TABLE. */
async function startRun(request: APIRequestContext, count: 1 | 2): Promise<Made> {
  const tail = uniquePrompt("studio light");
  const name = uniquePrompt("Catalogue shot");
  const template = await request.post("/api/templates", {
    data: { name, prompt: `{product} on {surface}, ${tail}`, model: "nano_banana_2", aspectRatio: "1:1", count, visibility: "private" },
  });
  expect(template.status()).toBe(201);
  const templateId = ((await template.json()) as { id: string }).id;
  const run = await request.post("/api/runs", { data: { templateId, table: TABLE } });
  expect(run.status()).toBe(201);
  const id = ((await run.json()) as { id: string }).id;
  const read = (await (await request.get(`/api/runs/${id}`)).json()) as { createdBy: string };
  return { id, name, prompts: ROWS.map(([product, surface]) => `${product} on ${surface}, ${tail}`), createdBy: read.createdBy };
}

const runHeader = (page: Page, name: "Run" | "批量运行" = "Run") => page.getByRole("region", { name, exact: true });

async function openRun(page: Page, id: string) {
  await page.goto(`/?run=${id}`);
  await hydrated(page.getByRole("button", { name: /^(Generate|生成)$/ }).first());
}

test("a run's pictures as one group: its header, progress, ZIP, and the way back to it from the whole gallery", async ({ page, request }) => {
  // A picture of no run, to see it is left out of the run's group.
  const other = uniquePrompt("a lone teapot");
  expect((await request.post("/api/generations", { data: { model: "nano_banana_2", prompt: other, aspectRatio: "1:1", count: 1 } })).status()).toBe(201);
  const run = await startRun(request, 2);

  await openRun(page, run.id);
  const header = runHeader(page);
  await expect(header.getByRole("heading", { name: run.name })).toBeVisible();
  await expect(header).toContainText(`by ${run.createdBy} · 3 rows`);
  await expect(header.getByTestId("run-progress")).toHaveText("6 of 6 done", { timeout: 60_000 });
  const bar = header.getByRole("progressbar", { name: "Progress of the run" });
  await expect(bar).toHaveAttribute("aria-valuenow", "6");
  await expect(bar).toHaveAttribute("aria-valuemax", "6");
  await expect(bar).toHaveAttribute("aria-valuetext", "6 of 6 done");

  // Each row is one batch frame of its two pictures, and nothing else is listed.
  for (const prompt of run.prompts) {
    const frame = gallery(page).getByRole("group", { name: `Batch of 2: ${prompt}` });
    await expect(frame.getByRole("img", { name: prompt })).toHaveCount(2);
  }
  await expect(gallery(page).getByRole("group")).toHaveCount(3);
  await expect(gallery(page).getByRole("img", { name: other })).toHaveCount(0);
  // Already in the run: its frames need no link to it.
  await expect(gallery(page).getByRole("link", { name: /^Run:/ })).toHaveCount(0);
  await header.screenshot({ path: "test-results/screens/run-header.png" });

  const [download] = await Promise.all([page.waitForEvent("download"), header.getByRole("button", { name: "Download ZIP" }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  await expect(page).toHaveURL(new RegExp(`\\?run=${run.id}$`));

  // ✕: the whole gallery, the lone picture in it.
  await header.getByRole("button", { name: "Leave the run and show the whole gallery" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(runHeader(page)).toHaveCount(0);
  await expect(gallery(page).getByRole("img", { name: other })).toBeVisible();

  // From any row's frame, by keyboard: its "Run" link leads to the whole run again.
  const lamp = gallery(page).getByRole("group", { name: `Batch of 2: ${run.prompts[1]}` });
  const link = lamp.getByRole("link", { name: "Run: show the whole run this batch belongs to" });
  await lamp.screenshot({ path: "test-results/screens/run-frame.png" });
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`\\?run=${run.id}$`));
  await expect(runHeader(page).getByRole("heading", { name: run.name })).toBeVisible();
  await expect(gallery(page).getByRole("img", { name: other })).toHaveCount(0);

  // Back leaves the run, as it left "Show batch".
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(runHeader(page)).toHaveCount(0);
});

test("a run there is none of: the header says so, and the gallery is still there", async ({ page }) => {
  await openRun(page, "run_00000000000000000000000000");
  await expect(runHeader(page).getByRole("status")).toHaveText("There is no such run: it may have been deleted, or the link is wrong.");
  await expect(page.getByRole("button", { name: "Download ZIP" })).toHaveCount(0);
  await runHeader(page).getByRole("button", { name: "Leave the run and show the whole gallery" }).click();
  await expect(runHeader(page)).toHaveCount(0);
});

/** A fresh browser of the demo studio in a language and a theme. */
async function openIn(browser: Browser, baseURL: string, input: { locale: "en" | "zh"; dark?: boolean; phone?: boolean }): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    colorScheme: input.dark ? "dark" : "light",
    ...(input.phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const host = new URL(baseURL).hostname;
  await context.addCookies([
    { name: "studio-locale", value: input.locale, domain: host, path: "/" },
    { name: "studio-theme", value: input.dark ? "dark" : "light", domain: host, path: "/" },
  ]);
  return context.newPage();
}

test("in Chinese: the run's header and each one-picture row's frame with its link", async ({ browser, baseURL, request }) => {
  const run = await startRun(request, 1);
  const page = await openIn(browser, baseURL!, { locale: "zh" });
  await openRun(page, run.id);
  const header = runHeader(page, "批量运行");
  await expect(header.getByRole("heading", { name: run.name })).toBeVisible();
  await expect(header).toContainText(`由 ${run.createdBy} 运行 · 3 行`);
  await expect(header.getByTestId("run-progress")).toHaveText("已完成 3/3", { timeout: 60_000 });
  await expect(header.getByRole("button", { name: "下载 ZIP" })).toBeEnabled();
  // A one-picture row is framed too, so the whole gallery offers its run.
  await header.getByRole("button", { name: "离开该运行，显示整个图库" }).click();
  const frame = gallery(page).getByRole("group").filter({ has: page.getByRole("img", { name: run.prompts[2] }) });
  await frame.getByRole("link", { name: "批量运行：显示此批次所属的整个运行" }).click();
  await expect(page).toHaveURL(new RegExp(`\\?run=${run.id}$`));
  await expect(gallery(page).getByRole("group")).toHaveCount(3);
  await page.context().close();
});

test("on a phone in dark mode: the header fits the screen, dark, its actions at hand", async ({ browser, baseURL, request }) => {
  const run = await startRun(request, 1);
  const page = await openIn(browser, baseURL!, { locale: "en", dark: true, phone: true });
  await openRun(page, run.id);
  await expect(page.locator("html")).toHaveClass(/dark/);
  const header = runHeader(page);
  await expect(header.getByTestId("run-progress")).toHaveText("3 of 3 done", { timeout: 60_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // On a phone the gallery is below the composer.
  await header.scrollIntoViewIfNeeded();
  const box = (await header.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  for (const name of ["Download ZIP", "Leave the run and show the whole gallery"]) {
    await expect(header.getByRole("button", { name })).toBeInViewport();
  }
  // Dark, not white: the text is light, for the page's dark background (Tailwind's colours come as oklch, lab or rgb).
  const color = await header.evaluate((el) => getComputedStyle(el).color);
  const [first, ...rest] = (color.match(/[\d.]+/g) ?? []).map(Number);
  const lightness = color.startsWith("oklch") ? first : color.startsWith("lab") ? first / 100 : Math.max(first, ...rest.slice(0, 2)) / 255;
  expect(lightness, color).toBeGreaterThan(0.8);
  await page.screenshot({ path: "test-results/screens/run-phone-dark.png" });
  await page.context().close();
});
