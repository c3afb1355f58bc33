import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./support/demo";
import { card, gallery, uniquePrompt } from "./support/studio-page";

// A selection of pictures, at its edges: a ZIP the server refuses, focus
// after a delete, and how a phone (no hover, no checkboxes showing) starts one.

// The ZIP is downloaded through a real form post, so the browser streams it
// to disk. A refusal (a picture deleted meanwhile, a stored file gone during
// a storage outage) must be said in the studio, not replace the studio with
// the error's JSON and lose the selection.

/** `count` pictures of one request, their ids as the gallery shows them (newest first). */
async function makePictures(request: APIRequestContext, words: string, count: number) {
  const prompt = uniquePrompt(words);
  const made = await request.post("/api/generations", { data: { model: "nano_banana_2", prompt, count } });
  expect(made.status()).toBe(201);
  const ids = ((await made.json()) as { generations: { id: string }[] }).generations.map((g) => g.id).sort().reverse();
  return { prompt, ids };
}

/** Opens the studio once all `count` pictures are there, and selects the first two. */
async function selectFirstTwo(page: Page, prompt: string, count: number) {
  await page.goto("/");
  await expect(card(page, prompt).getByRole("img", { name: prompt })).toHaveCount(count, { timeout: 45_000 });
  const boxes = card(page, prompt).getByRole("checkbox", { name: /^Select “/ });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const selection = page.getByRole("toolbar", { name: "Selection" });
  await expect(selection.getByText("2 selected")).toBeVisible();
  return selection;
}

test("a ZIP that cannot be made is said in the studio, and the selection stays", async ({ page, request }) => {
  const { prompt, ids } = await makePictures(request, "two lanterns to download", 2);
  const selection = await selectFirstTwo(page, prompt, 2);

  // A teammate deletes one of them before the download starts.
  const gone = ids[1];
  expect((await request.delete(`/api/generations/${gone}`)).status()).toBe(204);
  let downloaded = false;
  page.on("download", () => (downloaded = true));
  await selection.getByRole("button", { name: "Download ZIP" }).click();

  await expect(page.getByRole("alert").filter({ hasText: "The ZIP could not be made" })).toContainText(gone);
  expect(new URL(page.url()).pathname).toBe("/");
  await expect(gallery(page)).toBeVisible();
  await expect(selection.getByText("2 selected")).toBeVisible();
  expect(downloaded).toBe(false);
});

test("after deleting a selection with the keyboard, focus is on the picture that followed it", async ({ page, request }) => {
  // The Delete button goes with the selection: focus used to fall to the
  // page's <body>, and a keyboard or screen-reader user lost their place.
  const { prompt, ids } = await makePictures(request, "three lanterns to delete", 3);
  const selection = await selectFirstTwo(page, prompt, 3);
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
  const { prompt } = await makePictures(request, "two kites to hold", 2);
  const hint = (p: typeof page) => p.getByText("Press and hold a picture to select several.");

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const phone = await context.newPage();
  await phone.goto("/");
  await expect(card(phone, prompt).getByRole("img", { name: prompt })).toHaveCount(2, { timeout: 45_000 });
  await expect(hint(phone)).toBeVisible();
  // The checkbox is there for screen readers, but shows no one it exists.
  await expect(card(phone, prompt).first().locator("label").filter({ has: phone.getByRole("checkbox") })).toHaveCSS("opacity", "0");

  // A finger held on the picture until the selection starts (however late a
  // busy machine runs the hold's timer), then lifted.
  const picture = card(phone, prompt).first().getByRole("img", { name: prompt });
  await picture.scrollIntoViewIfNeeded();
  const box = (await picture.boundingBox())!;
  const touch = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const cdp = await context.newCDPSession(phone);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [touch] });
  await expect(phone.getByRole("toolbar", { name: "Selection" }).getByText("1 selected")).toBeVisible();
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  // The lift's click is the hold's, not an "open": still selected, no lightbox.
  await phone.waitForTimeout(300);
  await expect(phone.getByRole("toolbar", { name: "Selection" }).getByText("1 selected")).toBeVisible();
  await expect(phone.getByRole("dialog")).toHaveCount(0);
  await context.close();

  // With a mouse the checkboxes show on hover: no hint.
  await page.goto("/");
  await expect(card(page, prompt).getByRole("img", { name: prompt })).toHaveCount(2, { timeout: 45_000 });
  await expect(hint(page)).toBeHidden();
});
