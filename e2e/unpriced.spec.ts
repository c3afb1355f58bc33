import { expect, test } from "./support/demo";
import { composerReady } from "./support/studio-page";
import { accountsStudio } from "./support/own-studio";

// As an admin meets it: with a studio-wide budget and prices for
// some models only, start-up warns once naming the unpriced ones, /admin
// flags them (in English and Chinese) and offers a row to price each; once
// priced, the flag goes.

const ADMIN = { name: "admin", password: "admin-password-21" };

const studio = accountsStudio({
  admin: ADMIN,
  env: { STUDIO_PRICES: "nano_banana_2=0.04,nano_banana_pro=0.13,nano_banana_pro-1K=0.13,nano_banana_pro-2K=0.13", STUDIO_MONTHLY_BUDGET: "20" },
});

test("start-up warns, /admin flags the unpriced model and prices it", async ({ page }) => {
  // The start-up warning (LOG_LEVEL=warn in e2e): one line naming what has no price.
  expect(studio.output()).toMatch(/Budgets are set but these have no price: nano_banana_pro-4K\b/);

  await page.goto(`${studio.url}/sign-in`);
  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Your password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${studio.url}/`);
  await composerReady(page);
  await page.goto(`${studio.url}/admin`);

  const note = page.getByRole("note", { name: "Without a price" });
  await expect(note).toBeVisible();
  await expect(note).toContainText("nano_banana_pro-4K");
  await note.getByRole("button", { name: "Set a price for nano_banana_pro-4K" }).click();
  await page.getByRole("spinbutton", { name: "New price" }).fill("0.24");
  await page.getByRole("button", { name: "Save prices" }).click();
  await expect(page.getByText("Prices saved.")).toBeVisible();
  await expect(note).toBeHidden();

  // Taken away again: flagged again, and in Chinese too.
  await page.getByRole("button", { name: "Stop setting the price of nano_banana_pro-4K here" }).click();
  await page.getByRole("button", { name: "Save prices" }).click();
  await expect(note).toBeVisible();
  await page.goto(`${studio.url}/`);
  await page.getByLabel("Language").selectOption("zh");
  await page.goto(`${studio.url}/admin`);
  const zhNote = page.getByRole("note", { name: "尚无价格" });
  await expect(zhNote).toContainText("nano_banana_pro-4K");
  await expect(zhNote.getByRole("button", { name: "为 nano_banana_pro-4K 设置价格" })).toBeVisible();
});
