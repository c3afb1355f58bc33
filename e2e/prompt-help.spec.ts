import { expect, test } from "./support/demo";
import { composerReady, uniquePrompt } from "./support/studio-page";

// Help with the words in demo mode (the simulator answers the chat
// completions): Improve shows the change as a word diff, Accept puts the
// suggestion in the prompt box, Discard leaves the prompt as it was; in
// English and in Chinese, each in the language it was written in.

const prompt = (page: import("@playwright/test").Page, label: string) => page.getByLabel(label, { exact: true });

test("Improve in English: the change as a diff, Discard keeps the prompt, Accept takes the suggestion", async ({ page }) => {
  await page.goto("/");
  await composerReady(page);
  const words = uniquePrompt("a red fox in the snow");
  await prompt(page, "Prompt").fill(words);
  const improve = page.getByRole("button", { name: /Improve$/ });

  await improve.click();
  const suggestion = page.getByRole("region", { name: "Suggested prompt" });
  await expect(suggestion).toBeVisible();
  // Added words underlined (ins), the first word's capital a change of its own (del + ins).
  await expect(suggestion.locator("ins").filter({ hasText: /detailed/ })).toHaveCount(1);
  await expect(suggestion.locator("del")).toContainText(["a"]);
  await suggestion.getByRole("button", { name: "Discard" }).click();
  await expect(suggestion).toHaveCount(0);
  await expect(prompt(page, "Prompt")).toHaveValue(words);

  await improve.click();
  await page.getByRole("region", { name: "Suggested prompt" }).getByRole("button", { name: "Accept" }).click();
  await expect(prompt(page, "Prompt")).toHaveValue(`A${words.slice(1)}, detailed, soft natural light, sharp focus, high quality`);
});

test("Improve in Chinese keeps the prompt's language", async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: "studio-locale", value: "zh", domain: new URL(baseURL!).hostname, path: "/" }]);
  await page.goto("/");
  await composerReady(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  const words = uniquePrompt("一只红狐狸在雪地里");
  await prompt(page, "提示词").fill(words);
  await page.getByRole("button", { name: /改进$/ }).click();
  const suggestion = page.getByRole("region", { name: "建议的提示词" });
  await expect(suggestion.locator("ins").filter({ hasText: /细节丰富/ })).toHaveCount(1);
  await suggestion.getByRole("button", { name: "采用" }).click();
  await expect(prompt(page, "提示词")).toHaveValue(`${words}，细节丰富，柔和的自然光，清晰对焦，高质量`);
});
