import { expect, test } from "@playwright/test";
import { card, gallery, pictureOf, uniquePrompt } from "./support/studio-page";

// The ZIP is downloaded through a real form post, so the browser streams it
// to disk. A refusal (a picture deleted meanwhile, a stored file gone during
// a storage outage) must be said in the studio, not replace the studio with
// the error's JSON and lose the selection.

test("a ZIP that cannot be made is said in the studio, and the selection stays", async ({ page, request }) => {
  const prompt = uniquePrompt("two lanterns to download");
  const made = await request.post("/api/generations", { data: { model: "nano_banana_2", prompt, count: 2 } });
  expect(made.status()).toBe(201);
  const [kept, gone] = ((await made.json()) as { generations: { id: string }[] }).generations.map((g) => g.id);

  await page.goto("/");
  await pictureOf(page, prompt);
  await expect(card(page, prompt).getByRole("img", { name: prompt })).toHaveCount(2, { timeout: 45_000 });
  const boxes = card(page, prompt).getByRole("checkbox", { name: "Select picture" });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const selection = page.getByRole("toolbar", { name: "Selection" });
  await expect(selection.getByText("2 selected")).toBeVisible();

  // A teammate deletes one of them before the download starts.
  expect((await request.delete(`/api/generations/${gone}`)).status()).toBe(204);
  let downloaded = false;
  page.on("download", () => (downloaded = true));
  await selection.getByRole("button", { name: "Download ZIP" }).click();

  await expect(page.getByRole("alert").filter({ hasText: "The ZIP could not be made" })).toContainText(gone);
  expect(new URL(page.url()).pathname).toBe("/");
  await expect(gallery(page)).toBeVisible();
  await expect(selection.getByText("2 selected")).toBeVisible();
  expect(downloaded).toBe(false);
  expect(kept).toMatch(/^gen_/);
});
