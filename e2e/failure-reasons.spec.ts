import type { Page } from "@playwright/test";
import { expect, test } from "./support/demo";
import { rewriteGenerations } from "./support/rewrite";
import { card, gallery, screenshot, uniquePrompt } from "./support/studio-page";

// In Chinese, a failed picture's reason is Chinese too: the
// reasons the studio knows are translated by their code, and words it does
// not know are quoted as the gateway's own.

const FAILED = "这张没能生成";

async function generateZh(page: Page, prompt: string) {
  await page.getByLabel("提示词", { exact: true }).fill(prompt);
  await page.getByRole("button", { name: "生成", exact: true }).click();
}

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: "studio-locale", value: "zh", url: baseURL! }]);
  await page.goto("/");
  await expect(gallery(page).or(page.getByText("图库还空着"))).toBeVisible();
});
test.afterEach(async ({ page }) => {
  await page.unrouteAll({ behavior: "ignoreErrors" });
});

test("zh: the simulator's safety refusal reads in Chinese, not the gateway's English", async ({ page }) => {
  const prompt = uniquePrompt("雨中的猫 #fail");
  await generateZh(page, prompt);
  const failed = card(page, prompt).filter({ hasText: FAILED }).first();
  await expect(failed).toBeVisible({ timeout: 30_000 });
  await expect(failed).toContainText("网关的安全过滤拦截了这张图片。");
  await expect(failed).not.toContainText("safety filter");
  await expect(failed).not.toContainText("The gateway");
  await screenshot(page, "failed-zh");
});

test("zh: a reason the studio does not know is quoted as the gateway's words; one it knows is translated", async ({ page }) => {
  // The simulator fails only for its safety filter: other reasons are written into the answers on their way in.
  await rewriteGenerations(page, (g) => {
    if (g.status !== "failed") return g;
    if (g.prompt.includes("#odd")) return { ...g, error: { code: "upstream_failed", message: "The gateway could not make this picture: the horse has six legs" } };
    if (g.prompt.includes("#late")) return { ...g, error: { code: "timeout", message: "Timed out: the gateway did not finish this picture within 10 minutes" } };
    return g;
  });
  const odd = uniquePrompt("一匹马 #odd #fail");
  const late = uniquePrompt("一座桥 #late #fail");
  await generateZh(page, odd);
  await generateZh(page, late);
  const oddCard = card(page, odd).filter({ hasText: FAILED }).first();
  await expect(oddCard).toContainText("网关说：“the horse has six legs”", { timeout: 30_000 });
  await expect(oddCard).not.toContainText("could not make");
  const lateCard = card(page, late).filter({ hasText: FAILED }).first();
  await expect(lateCard).toContainText("已超时：网关没有在规定时间内完成这张图片。", { timeout: 30_000 });
  await expect(lateCard).not.toContainText("Timed out");
});
