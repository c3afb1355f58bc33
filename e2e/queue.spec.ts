import type { Page } from "@playwright/test";
import { expect, test } from "./support/demo";
import { ownStudio } from "./support/own-studio";
import { card, composerReady, gallery, screenshot, uniquePrompt } from "./support/studio-page";

// As a person meets it: past their in-flight cap a request is
// queued, not refused. The studio here lets one picture be in flight at once
// and four wait; a picture takes a few seconds (simulator at half speed), so
// the waiting cards can be read, and one cancelled, before their turn comes.

const studio = ownStudio({ env: { STUDIO_MAX_ACTIVE: "1", STUDIO_MAX_QUEUED: "4", SIMULATOR_SPEED: "0.5", STUDIO_POLL_INTERVAL_MS: "500" } });

async function ask(page: Page, input: { prompt: string; count: number; generate: string; countsLabel: string }) {
  await composerReady(page);
  await page.getByLabel(input.generate === "生成" ? "提示词" : "Prompt", { exact: true }).fill(input.prompt);
  await page.getByRole("radiogroup", { name: input.countsLabel }).getByRole("radio", { name: String(input.count) }).click();
  await page.getByRole("button", { name: input.generate, exact: true }).click();
}

test("four pictures at a cap of one: three wait their turn, one is cancelled for free, the rest complete", async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto(`${studio.url}/`);
  const prompt = uniquePrompt("a queue of paper boats");
  await ask(page, { prompt, count: 4, generate: "Generate", countsLabel: "Pictures" });

  // Accepted, not refused: the composer says how many wait.
  await expect(page.getByText("Started 4 pictures · 3 waiting their turn")).toBeVisible();
  const cards = card(page, prompt);
  await expect(cards).toHaveCount(4);
  await expect(cards.filter({ hasText: "Waiting · next" })).toHaveCount(1);
  await expect(cards.filter({ hasText: "Waiting · 1 ahead of you" })).toHaveCount(1);
  const last = cards.filter({ hasText: "Waiting · 2 ahead of you" });
  await expect(last).toHaveCount(1);
  await expect(last.getByText("Not sent yet: cancelling is free.")).toBeVisible();
  await screenshot(page, "queue-waiting");

  // The last one is cancelled: the dialog says it is free, the card says nothing was billed.
  await last.getByRole("button", { name: /^Cancel "/ }).click();
  const dialog = page.getByRole("alertdialog", { name: "Cancel this picture?" });
  await expect(dialog).toContainText("cancelling it is free, nothing is billed");
  await dialog.getByRole("button", { name: "Cancel picture" }).click();
  await expect(cards.filter({ hasText: "Cancelled before it was sent; nothing was billed." })).toHaveCount(1);

  // The poller sends the others in order as the one slot frees, and they complete.
  await expect(gallery(page).getByRole("img", { name: prompt })).toHaveCount(3, { timeout: 120_000 });
  await expect(cards.filter({ hasText: /Waiting/ })).toHaveCount(0);
});

test("in Chinese: the waiting card says how many are ahead", async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto(`${studio.url}/`);
  await page.getByLabel("Language").selectOption("zh");
  await expect(page.getByRole("button", { name: "生成", exact: true })).toBeVisible();
  const prompt = uniquePrompt("排队的纸船");
  await ask(page, { prompt, count: 3, generate: "生成", countsLabel: "张数" });
  const cards = card(page, prompt);
  await expect(cards.filter({ hasText: "排队中 · 下一张就是它" })).toHaveCount(1);
  await expect(cards.filter({ hasText: "排队中 · 前面还有 1 张" })).toHaveCount(1);
  await page.getByRole("radiogroup", { name: "主题" }).getByRole("radio", { name: "深色" }).click();
  await screenshot(page, "queue-waiting-dark-zh");
  await expect(gallery(page).getByRole("img", { name: prompt })).toHaveCount(3, { timeout: 120_000 });
});
