import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { expect, test } from "./support/demo";
import { card, dropFiles, generate, pasteImage, screenshot, uniquePrompt } from "./support/studio-page";

// References are uploaded once, as soon as they are added, and a request
// names them by id: five big pictures fit in one request, and a count of 4
// sends no picture bytes at all.

/** A PNG of noise (it hardly compresses): 700 × 700 is about 1.5 MB. */
async function noisyPng(name: string) {
  const width = 700;
  const height = 700;
  const pixels = randomBytes(width * height * 3);
  const buffer = await sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
  return { name, mimeType: "image/png", buffer };
}

const isPost = (path: string) => (request: { method(): string; url(): string }) =>
  request.method() === "POST" && new URL(request.url()).pathname === path;

test.beforeEach(async ({ page }) => {
  await page.goto("/");
});

test("five big pictures are uploaded once each; a count of 4 sends only their ids", async ({ page }) => {
  const files = await Promise.all([1, 2, 3, 4, 5].map((i) => noisyPng(`noise-${i}.png`)));
  for (const f of files) expect(f.buffer.length).toBeGreaterThan(1.3 * 1024 * 1024);
  const uploads: number[] = [];
  page.on("request", (request) => {
    if (isPost("/api/references")(request)) uploads.push(request.postDataBuffer()?.length ?? 0);
  });

  // Four dropped, one pasted.
  await dropFiles(page, page.locator("body"), files.slice(0, 4));
  const tray = page.getByRole("list", { name: "Selected references" });
  await expect(tray.getByRole("listitem")).toHaveCount(4);
  await page.getByLabel("Prompt", { exact: true }).click();
  await pasteImage(page, files[4]);
  await expect(tray.getByRole("listitem")).toHaveCount(5);
  // Each thumbnail says it is uploading until the studio has stored it.
  await expect(tray.getByRole("status")).toHaveCount(0, { timeout: 30_000 });
  expect(uploads).toHaveLength(5);

  const prompt = uniquePrompt("five big references");
  await page.getByRole("radiogroup", { name: "Pictures" }).getByRole("radio", { name: "4" }).click();
  const sent = page.waitForRequest(isPost("/api/generations"));
  await generate(page, prompt);
  const body = (await sent).postData() ?? "";
  expect(body.length).toBeLessThan(10_000);
  const request = JSON.parse(body) as { references: string[]; count: number };
  expect(request.count).toBe(4);
  expect(request.references).toHaveLength(5);
  for (const ref of request.references) expect(ref).toMatch(/^ref_[0-9A-Z]{26}$/);

  // All four complete, each showing its picture; nothing was uploaded again.
  await expect(card(page, prompt)).toHaveCount(4);
  await expect(card(page, prompt).getByRole("img", { name: prompt })).toHaveCount(4, { timeout: 60_000 });
  await expect(card(page, prompt).getByRole("progressbar")).toHaveCount(0, { timeout: 60_000 });
  expect(uploads).toHaveLength(5);
  await screenshot(page, "five-uploaded-references");
});

test("a picture the studio refuses shows the error on its thumbnail and blocks Generate", async ({ page }) => {
  await page.route("**/api/references", (route) =>
    route.fulfill({
      status: 400,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "invalid_request", message: "The file: refused for the test", issues: [{ path: "file", message: "refused for the test" }] } }),
    }),
  );
  const file = await noisyPng("refused.png");
  await dropFiles(page, page.locator("body"), [file]);
  await expect(page.getByRole("alert").filter({ hasText: /Reference 1 \(refused\.png\) could not be uploaded: The file: refused for the test/ })).toBeVisible();
  await page.getByLabel("Prompt", { exact: true }).fill("blocked by a refused upload");
  await expect(page.getByRole("button", { name: "Generate", exact: true })).toBeDisabled();
  await expect(page.getByText("Remove the images that could not be uploaded to continue")).toBeVisible();
  await page.getByRole("button", { name: "Remove reference 1" }).click();
  await expect(page.getByRole("button", { name: "Generate", exact: true })).toBeEnabled();
});
