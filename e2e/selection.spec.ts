import { expect, test } from "@playwright/test";
import { card, gallery, pictureOf, uniquePrompt } from "./support/studio-page";

// A selection of pictures, at its edges: a ZIP the server refuses, focus
// after a delete, and how a phone (no hover, no checkboxes showing) starts one.

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

test("after deleting a selection with the keyboard, focus is on the picture that followed it", async ({ page, request }) => {
  // The Delete button goes with the selection: focus used to fall to the
  // page's <body>, and a keyboard or screen-reader user lost their place.
  const prompt = uniquePrompt("three lanterns to delete");
  const made = await request.post("/api/generations", { data: { model: "nano_banana_2", prompt, count: 3 } });
  expect(made.status()).toBe(201);
  // Newest first in the gallery: the last made is shown first.
  const ids = ((await made.json()) as { generations: { id: string }[] }).generations.map((g) => g.id).sort().reverse();

  await page.goto("/");
  await expect(card(page, prompt).getByRole("img", { name: prompt })).toHaveCount(3, { timeout: 45_000 });
  const boxes = card(page, prompt).getByRole("checkbox", { name: "Select picture" });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const selection = page.getByRole("toolbar", { name: "Selection" });
  await expect(selection.getByText("2 selected")).toBeVisible();
  await selection.getByRole("button", { name: "Delete" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog");
  await dialog.getByRole("button", { name: "Delete 2" }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(card(page, prompt)).toHaveCount(1);

  await expect(page.locator(`#gallery-open-${ids[2]}`)).toBeFocused();
});

test("a phone says how a selection starts, and press and hold starts one", async ({ browser, page, request }) => {
  const prompt = uniquePrompt("two kites to hold");
  expect((await request.post("/api/generations", { data: { model: "nano_banana_2", prompt, count: 2 } })).status()).toBe(201);
  const hint = (p: typeof page) => p.getByText("Press and hold a picture to select several.");

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const phone = await context.newPage();
  await phone.goto("/");
  await expect(card(phone, prompt).getByRole("img", { name: prompt })).toHaveCount(2, { timeout: 45_000 });
  await expect(hint(phone)).toBeVisible();
  // The checkbox is there for screen readers, but shows no one it exists.
  await expect(card(phone, prompt).first().locator("label").filter({ has: phone.getByRole("checkbox") })).toHaveCSS("opacity", "0");

  // A finger held on the picture for longer than the hold time, then lifted.
  const picture = card(phone, prompt).first().getByRole("img", { name: prompt });
  await picture.scrollIntoViewIfNeeded();
  const box = (await picture.boundingBox())!;
  const touch = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const cdp = await context.newCDPSession(phone);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [touch] });
  await phone.waitForTimeout(800);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await expect(phone.getByRole("toolbar", { name: "Selection" }).getByText("1 selected")).toBeVisible();
  await expect(phone.getByRole("dialog")).toHaveCount(0);
  await context.close();

  // With a mouse the checkboxes show on hover: no hint.
  await page.goto("/");
  await expect(card(page, prompt).getByRole("img", { name: prompt })).toHaveCount(2, { timeout: 45_000 });
  await expect(hint(page)).toBeHidden();
});
