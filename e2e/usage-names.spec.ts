import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/demo";
import { accountsStudio } from "./support/own-studio";

// The usage page names models as people know them, in both
// languages, and shows per-person views only when there are people to compare:
// a member sees only themself, so their page has no "per person" chart or table.

const ADMIN = { name: "admin", password: "admin-password-1" };
const EVA = { name: "eva", password: "eva-password-2026" };

const studio = accountsStudio({ admin: ADMIN, env: { STUDIO_PRICES: "nano_banana_2=0.04,nano_banana_pro-4K=0.24" } });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const admin = await studio.signedIn(ADMIN);
  expect((await admin.post("/api/admin/users", { data: { name: EVA.name, password: EVA.password } })).status()).toBe(201);
  const eva = await studio.signedIn(EVA);
  // Two models for eva (one whose id fixes its size), one for the admin: two people, a stacked day.
  for (const [who, model] of [[eva, "nano_banana_pro-4K"], [eva, "nano_banana_2"], [admin, "nano_banana_2"]] as const) {
    expect((await who.post("/api/generations", { data: { model, prompt: `a usage test in ${model}` } })).status()).toBe(201);
  }
  for (const who of [eva, admin]) {
    await expect
      .poll(async () => ((await (await who.get("/api/generations?mine=1")).json()) as { items: { status: string }[] }).items.every((g) => g.status === "completed"), { timeout: 60_000 })
      .toBe(true);
  }
});

async function usagePage(browser: Browser, who: { name: string; password: string }, locale: "en" | "zh"): Promise<Page> {
  const context = await browser.newContext({ baseURL: studio.url, viewport: { width: 1440, height: 900 } });
  expect((await context.request.post("/api/session", { data: who })).status()).toBe(204);
  await context.addCookies([{ name: "studio-locale", value: locale, url: studio.url }]);
  const page = await context.newPage();
  await page.goto("/usage");
  return page;
}

for (const { locale, perDay, spend, byPerson, byDay } of [
  { locale: "en", perDay: "Pictures per day", spend: "Spend per person", byPerson: "By person", byDay: "By day, newest first" },
  { locale: "zh", perDay: "每日图片数", spend: "每人花费", byPerson: "按人", byDay: "按天（最新在前）" },
] as const) {
  test(`${locale}: the admin's charts name the models, not their ids; two people, so a chart per person`, async ({ browser }) => {
    const page = await usagePage(browser, ADMIN, locale);
    const day = page.getByRole("figure", { name: perDay });
    await expect(day.locator(".recharts-bar-rectangle").first()).toBeVisible();
    await expect(day.locator(".recharts-legend-wrapper")).toContainText("Nano Banana Pro · 4K");
    await expect(day.locator(".recharts-legend-wrapper")).toContainText("Nano Banana 2");
    await expect(day).not.toContainText("nano_banana");
    await expect(page.getByRole("figure", { name: spend }).locator(".recharts-bar-rectangle")).toHaveCount(2);
    await expect(page.getByRole("table", { name: byPerson })).toBeVisible();
    await page.context().close();
  });

  test(`${locale}: a member's own page has no per-person chart or table of one`, async ({ browser }) => {
    const page = await usagePage(browser, EVA, locale);
    const day = page.getByRole("figure", { name: perDay });
    await expect(day.locator(".recharts-bar-rectangle").first()).toBeVisible();
    await expect.soft(day.locator(".recharts-legend-wrapper")).toContainText("Nano Banana Pro · 4K");
    await expect(page.getByRole("table", { name: byDay })).toBeVisible();
    await expect(page.getByRole("figure", { name: spend })).toHaveCount(0);
    await expect(page.getByRole("table", { name: byPerson })).toHaveCount(0);
    await page.context().close();
  });
}
