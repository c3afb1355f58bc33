import { expect, test } from "./support/demo";
import { card, generate, pictureOf, screenshot, uniquePrompt } from "./support/studio-page";

test("the lightbox shows the picture and its actions: remix, use as reference, delete", async ({ page }) => {
  await page.goto("/");
  const first = uniquePrompt("first of two");
  const second = uniquePrompt("second of two");
  await generate(page, first);
  await page.getByRole("radiogroup", { name: "Aspect ratio" }).getByRole("radio", { name: /9:16/ }).click();
  await generate(page, second);
  await pictureOf(page, first);
  await pictureOf(page, second);

  // Open the newer one; ← / → move between pictures, Esc closes.
  await card(page, second).getByRole("button", { name: second, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(second)).toBeVisible();
  await expect(dialog.getByText("768 × 1376")).toBeVisible();
  await screenshot(page, "lightbox");
  await page.keyboard.press("ArrowRight");
  await expect(dialog.getByText(first)).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(dialog.getByText(second)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // Remix puts the prompt and settings back into the composer.
  await page.getByLabel("Prompt", { exact: true }).fill("something else");
  await page.getByRole("radiogroup", { name: "Aspect ratio" }).getByRole("radio", { name: /1:1/ }).click();
  await card(page, second).getByRole("button", { name: second, exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remix" }).click();
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue(second);
  await expect(page.getByRole("radiogroup", { name: "Aspect ratio" }).getByRole("radio", { name: /9:16/ })).toHaveAttribute("aria-checked", "true");

  // Use as reference adds the picture to the references.
  await card(page, first).getByRole("button", { name: first, exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Use as reference" }).click();
  await expect(page.getByRole("list", { name: "Selected references" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByText(/Image-to-image/)).toBeVisible();

  // Delete asks first, then the picture is gone for good.
  await card(page, first).getByRole("button", { name: first, exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(card(page, first)).toHaveCount(0);
  // The viewer closed by going Back from the picture's address (/p/<id>): reload once that has landed.
  await expect.poll(() => new URL(page.url()).pathname).toBe("/");
  await page.reload();
  await pictureOf(page, second);
  await expect(card(page, first)).toHaveCount(0);
});
