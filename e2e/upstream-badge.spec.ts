import { expect, test } from "./support/demo";

test("the studio says it runs on the demo upstream", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Nano Studio" })).toBeVisible();
  const badge = page.getByRole("status").filter({ hasText: "Demo upstream" });
  await expect(badge).toBeVisible();
  await page.screenshot({ path: "test-results/screens/foundation-en.png" });
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "accept-language": "zh-CN,zh;q=0.9" } });
  test("the badge is in the browser's language", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("status").filter({ hasText: "演示上游" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  });
});
