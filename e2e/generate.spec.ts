import { expect, test } from "./support/demo";
import { card, composerReady, dropFiles, generate, gallery, pasteImage, pictureOf, pngFile, screenshot, uniquePrompt } from "./support/studio-page";

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await composerReady(page);
});

test("text-to-image: from typing to the picture in the gallery", async ({ page }) => {
  const prompt = uniquePrompt("a lighthouse at dusk");
  await page.getByRole("radiogroup", { name: "Aspect ratio" }).getByRole("radio", { name: /16:9/ }).click();
  await generate(page, prompt);

  // The card appears at once, with a live progress bar.
  const progress = card(page, prompt).getByRole("progressbar");
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("aria-valuenow", /\d+/);

  const img = await pictureOf(page, prompt);
  const box = await img.boundingBox();
  expect(box!.width / box!.height).toBeCloseTo(1376 / 768, 1);
  await expect(card(page, prompt).getByRole("progressbar")).toHaveCount(0);
  await screenshot(page, "text-to-image");
});

test("image-to-image with two dropped files", async ({ page }) => {
  const prompt = uniquePrompt("merge these two");
  await dropFiles(page, page.locator("body"), [await pngFile("red.png", "#e11d48"), await pngFile("blue.png", "#2563eb")]);
  const tray = page.getByRole("list", { name: "Selected references" });
  await expect(tray.getByRole("listitem")).toHaveCount(2);
  await expect(page.getByText(/Image-to-image/)).toBeVisible();
  await generate(page, prompt);
  await pictureOf(page, prompt);
  await screenshot(page, "image-to-image");
});

test("a pasted image becomes a reference", async ({ page }) => {
  await page.getByLabel("Prompt", { exact: true }).click();
  await pasteImage(page, await pngFile("pasted.png", "#16a34a"));
  await expect(page.getByRole("list", { name: "Selected references" }).getByRole("listitem")).toHaveCount(1);
  // Text pastes into the prompt keep working.
  await page.getByLabel("Prompt", { exact: true }).fill("typed after paste");
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue("typed after paste");
});

test("a too-long prompt and a sixth reference are refused with messages", async ({ page }) => {
  await page.getByLabel("Prompt", { exact: true }).fill("x".repeat(10_005));
  await expect(page.getByText(/5 characters over the 10,000/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Generate", exact: true })).toBeDisabled();

  const files = await Promise.all(["#111", "#222", "#333", "#444", "#555", "#666"].map((c, i) => pngFile(`ref${i + 1}.png`, c)));
  await page.getByLabel("Reference images").setInputFiles(files);
  await expect(page.getByRole("list", { name: "Selected references" }).getByRole("listitem")).toHaveCount(5);
  await expect(page.getByRole("alert").filter({ hasText: /At most 5/ })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: /ref6\.png/ })).toBeVisible();
  await screenshot(page, "refusals");
});

test("a failed task shows its reason and can be retried", async ({ page }) => {
  const prompt = uniquePrompt("this will #error");
  await generate(page, prompt);
  const failed = card(page, prompt).first();
  await expect(failed.getByText(/model stopped/i)).toBeVisible({ timeout: 30_000 });
  await screenshot(page, "failed");
  const before = await failed.locator("[data-card]").getAttribute("data-card");
  await failed.getByRole("button", { name: /^Retry "/ }).click();
  // The retry is a new generation in the failed one's place (it fails again, by design of #error): one card, another id.
  await expect(card(page, prompt).locator("[data-card]")).not.toHaveAttribute("data-card", before!);
  await expect(card(page, prompt)).toHaveCount(1);
});

test("a picture refused by the safety filter says so, and offers to edit the prompt instead of a retry", async ({ page }) => {
  const prompt = uniquePrompt("this will #fail");
  await generate(page, prompt);
  const failed = card(page, prompt).first();
  await expect(failed.getByText(/safety filter/i)).toBeVisible({ timeout: 30_000 });
  await expect(failed.getByRole("button", { name: /^Retry/ })).toHaveCount(0);
  await failed.getByRole("button", { name: `Edit the prompt of "${prompt}"` }).click();
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue(prompt);
});

test("reload keeps the gallery", async ({ page }) => {
  const prompt = uniquePrompt("kept after reload");
  await generate(page, prompt);
  await pictureOf(page, prompt);
  await page.reload();
  await expect(gallery(page)).toBeVisible();
  await pictureOf(page, prompt);
});

test("a page opened while a picture is in progress follows it at once, not at the teammates' check", async ({ page, request }) => {
  // The studio's HTML carries the pictures in progress. SWR's poll reads its
  // own cache, which did not hold that answer, so such a page used to sit
  // still until the 20 s check for teammates' pictures read the list.
  const prompt = uniquePrompt("a slow 4K harbour");
  const made = await request.post("/api/generations", { data: { model: "nano_banana_pro", imageSize: "4K", prompt } });
  expect(made.status()).toBe(201);
  await page.goto("about:blank");
  const activeRead = page.waitForRequest((r) => r.url().includes("status=active"), { timeout: 8_000 });
  await page.goto("/");
  await expect(card(page, prompt).getByRole("progressbar")).toBeVisible();
  await activeRead;
  await expect(card(page, prompt).getByRole("img", { name: prompt })).toBeVisible();
});
