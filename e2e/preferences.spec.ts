import { expect, test } from "./support/demo";
import { composerReady, generate, pictureOf, screenshot, uniquePrompt } from "./support/studio-page";

test("light, English, desktop", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await composerReady(page);
  await page.getByRole("radiogroup", { name: "Theme" }).getByRole("radio", { name: "Light" }).click();
  const prompt = uniquePrompt("a quiet harbour at sunrise");
  await generate(page, prompt);
  await pictureOf(page, prompt);
  await expect(page.locator("html")).toHaveClass(/light/);
  await screenshot(page, "light-en-desktop");
});

test("language and theme switches are remembered; dark Chinese on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await page.getByLabel("Language").selectOption("zh");
  await expect(page.getByRole("button", { name: "生成", exact: true })).toBeVisible();
  await page.getByRole("radiogroup", { name: "主题" }).getByRole("radio", { name: "深色" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);

  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByLabel("提示词", { exact: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "演示上游" })).toBeVisible();

  const prompt = uniquePrompt("雨后的江南小镇");
  await page.getByLabel("提示词", { exact: true }).fill(prompt);
  await page.getByRole("button", { name: "生成", exact: true }).click();
  await pictureOf(page, prompt);
  // Composer above the gallery on a phone.
  const composerBox = await page.getByLabel("提示词", { exact: true }).boundingBox();
  const galleryBox = await page.getByRole("list", { name: "图库" }).boundingBox();
  expect(composerBox!.y).toBeLessThan(galleryBox!.y);
  await screenshot(page, "dark-zh-phone");

  // Back to English for the other specs' sake (cookies are per test anyway).
  await page.getByLabel("语言").selectOption("en");
  await expect(page.getByRole("button", { name: "Generate", exact: true })).toBeVisible();
});
