import { expect, test } from "./support/demo";
import { composerReady, uniquePrompt } from "./support/studio-page";

// Templates in the composer (demo mode): the prompt and settings saved as a
// template, then found by a word of it and chosen, which puts them back.

test("save the composer as a template, then find it and choose it: the prompt and settings come back", async ({ page }) => {
  await page.goto("/");
  await composerReady(page);
  const words = uniquePrompt("product photo of {product} on {surface}, soft window light");
  const name = uniquePrompt("Product shot");
  await page.getByLabel("Prompt", { exact: true }).fill(words);
  await page.getByRole("radiogroup", { name: "Aspect ratio" }).getByRole("radio", { name: /16:9/ }).click();

  await page.getByRole("button", { name: "Save as template", exact: true }).click();
  const save = page.getByRole("form", { name: "Save the prompt and settings as a template" });
  await save.getByLabel("Template name").fill(name);
  await save.getByRole("radio", { name: "Only me" }).check();
  await save.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByTestId("templates").getByRole("status")).toHaveText(`Template “${name}” saved.`);

  // Another prompt and ratio in the composer; the template brings its own back.
  await page.getByLabel("Prompt", { exact: true }).fill("something else");
  await page.getByRole("radiogroup", { name: "Aspect ratio" }).getByRole("radio", { name: /1:1/ }).click();
  await page.getByRole("button", { name: "Templates" }).click();
  await page.getByRole("searchbox", { name: "Search templates" }).fill(name.split(" ").at(-1)!);
  const list = page.getByRole("list", { name: "Templates" });
  await expect(list.getByRole("button")).toHaveCount(1);
  await expect(list.getByRole("button")).toContainText("Only me");
  await expect(list.getByRole("button")).toContainText("Blanks: product, surface");
  await list.getByRole("button").click();
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue(words);
  await expect(page.getByRole("radiogroup", { name: "Aspect ratio" }).getByRole("radio", { name: /16:9/ })).toBeChecked();
  await expect(page.getByTestId("templates").getByRole("status")).toHaveText(`Template “${name}” is in the composer.`);
});
