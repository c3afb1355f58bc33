import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./support/demo";
import { card, composerReady, pngFile, screenshot, uniquePrompt } from "./support/studio-page";

// A template's {blanks} in the composer (demo mode): each blank becomes a
// field under the prompt, Generate waits for every one with its reason said,
// and the picture is made from the prompt with the words in place. `/` in an
// empty prompt opens the templates' search; a template's references come
// into the tray.

const isPost = (path: string) => (request: { method(): string; url(): string }) =>
  request.method() === "POST" && new URL(request.url()).pathname === path;

/** A private template of the signed-in person, made through the API. */
async function makeTemplate(request: APIRequestContext, input: { prompt: string; references?: string[] }): Promise<{ name: string; id: string }> {
  const name = uniquePrompt("Blanks");
  const made = await request.post("/api/templates", {
    data: { name, prompt: input.prompt, model: "nano_banana_2", aspectRatio: "1:1", count: 1, references: input.references ?? [], visibility: "private" },
  });
  expect(made.status()).toBe(201);
  return { name, id: ((await made.json()) as { id: string }).id };
}

/** Opens the Templates menu, finds the template by the word its name ends with, and chooses it. */
async function chooseTemplate(page: Page, input: { name: string; menu?: string; search?: string }) {
  await page.getByRole("button", { name: input.menu ?? "Templates", exact: true }).click();
  await page.getByRole("searchbox", { name: input.search ?? "Search templates" }).fill(input.name.split(" ").at(-1)!);
  await page.getByRole("button", { name: new RegExp(`^${input.name}`) }).click();
}

test("a template's two blanks: fields in order, Tab between them, Generate waits for both, the picture has the filled prompt", async ({ page }) => {
  const { name, id } = await makeTemplate(page.request, { prompt: uniquePrompt("product photo of {product} on {surface}") });
  await page.goto("/");
  await composerReady(page);
  await chooseTemplate(page, { name });

  const blanks = page.getByRole("group", { name: `Template “${name}”` });
  await expect(blanks.getByRole("textbox")).toHaveCount(2);
  const product = blanks.getByLabel("product", { exact: true });
  const surface = blanks.getByLabel("surface", { exact: true });
  await expect(product).toBeFocused();
  await page.keyboard.type("a blue mug");
  await page.keyboard.press("Tab");
  await expect(surface).toBeFocused();

  const generate = page.getByRole("button", { name: "Generate", exact: true });
  await expect(generate).toBeDisabled();
  await screenshot(page, "template-blanks-waiting");
  await expect(generate).toHaveAccessibleDescription(/Fill in the blank “surface” first\./);
  await expect(surface).toHaveAccessibleDescription(/Fill in the blank “surface” first\./);
  // Pressing it anyway takes the person to the blank it waits for.
  await product.focus();
  await generate.click({ force: true });
  await expect(surface).toBeFocused();

  await page.keyboard.type("a marble table");
  await expect(generate).toBeEnabled();
  const template = await page.getByLabel("Prompt", { exact: true }).inputValue();
  const filled = template.replace("{product}", "a blue mug").replace("{surface}", "a marble table");
  const answered = page.waitForResponse((response) => isPost("/api/generations")(response.request()));
  await generate.click();
  const response = await answered;
  expect(JSON.parse(response.request().postData() ?? "{}")).toMatchObject({ prompt: filled, templateId: id });
  expect(response.status(), await response.text()).toBe(201);
  await expect(card(page, filled)).toHaveCount(1);
  const made = (await (await page.request.get("/api/generations")).json()) as { items: { prompt: string }[] };
  expect(made.items.map((g) => g.prompt)).toContain(filled);

  // Back to plain text: the words stay in the prompt, the fields go.
  await blanks.getByRole("button", { name: "Use as plain text" }).click();
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue(filled);
  await expect(page.getByLabel("Prompt", { exact: true })).toBeFocused();
  await expect(blanks).toHaveCount(0);
});

test("editing the prompt re-reads its blanks", async ({ page }) => {
  const { name } = await makeTemplate(page.request, { prompt: uniquePrompt("a {animal} in the snow") });
  await page.goto("/");
  await composerReady(page);
  await chooseTemplate(page, { name });
  const blanks = page.getByRole("group", { name: `Template “${name}”` });
  await expect(blanks.getByRole("textbox")).toHaveCount(1);
  const prompt = page.getByLabel("Prompt", { exact: true });
  await prompt.fill(`${await prompt.inputValue()} at {time}`);
  await expect(blanks.getByLabel("time", { exact: true })).toBeVisible();
  await expect(blanks.getByRole("textbox")).toHaveCount(2);
});

test("Use on /templates (/?template=<id>) puts the template in the composer and leaves the address", async ({ page }) => {
  const { name, id } = await makeTemplate(page.request, { prompt: uniquePrompt("a {colour} kite") });
  await page.goto(`/?template=${id}`);
  const blanks = page.getByRole("group", { name: `Template “${name}”` });
  await expect(blanks.getByLabel("colour", { exact: true })).toBeFocused();
  await expect(page).toHaveURL((url) => !url.searchParams.has("template"));
});

test("/ at the start of an empty prompt opens the templates' search; Esc goes back; / elsewhere is a character", async ({ page }) => {
  await page.goto("/");
  await composerReady(page);
  const prompt = page.getByLabel("Prompt", { exact: true });
  await prompt.fill("");
  await prompt.press("/");
  const search = page.getByRole("searchbox", { name: "Search templates" });
  await expect(search).toBeFocused();
  await expect(prompt).toHaveValue("");
  await search.press("Escape");
  await expect(search).toHaveCount(0);
  await expect(prompt).toBeFocused();

  await page.keyboard.type("a/b /");
  await expect(prompt).toHaveValue("a/b /");
  await expect(search).toHaveCount(0);
});

test("a template's reference comes into the tray, goes with the request and can be removed", async ({ page }) => {
  const upload = await page.request.post("/api/references", { multipart: { file: await pngFile("swatch.png", "#3b82f6") } });
  expect(upload.status()).toBe(201);
  const { id } = (await upload.json()) as { id: string };
  const { name } = await makeTemplate(page.request, { prompt: uniquePrompt("a poster in this colour"), references: [id] });
  await page.goto("/");
  await composerReady(page);
  await chooseTemplate(page, { name });

  const tray = page.getByRole("list", { name: "Selected references" });
  await expect(tray.getByRole("listitem")).toHaveCount(1);
  const thumb = tray.getByRole("img", { name: `Reference 1: ${name}, reference 1` });
  await expect(thumb).toBeVisible();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

  const answered = page.waitForResponse((response) => isPost("/api/generations")(response.request()));
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const response = await answered;
  expect(JSON.parse(response.request().postData() ?? "{}")).toMatchObject({ references: [id] });
  expect(response.status()).toBe(201);

  await tray.getByRole("button", { name: "Remove reference 1" }).click();
  await expect(tray).toHaveCount(0);
});

test("in Chinese: the blanks' group, and Generate's reason in Chinese", async ({ page, baseURL }) => {
  const { name } = await makeTemplate(page.request, { prompt: uniquePrompt("一只{动物}在{地方}") });
  await page.context().addCookies([{ name: "studio-locale", value: "zh", domain: new URL(baseURL!).hostname, path: "/" }]);
  await page.goto("/");
  await composerReady(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await chooseTemplate(page, { name, menu: "模板", search: "搜索模板" });
  const blanks = page.getByRole("group", { name: `模板“${name}”` });
  await expect(blanks.getByLabel("动物", { exact: true })).toBeFocused();
  await expect(page.getByRole("button", { name: "生成", exact: true })).toHaveAccessibleDescription(/请先填写空格“动物”。/);
  await expect(blanks.getByRole("button", { name: "改为普通文本" })).toBeVisible();
});

test("on a 390 px phone in dark mode the blanks fit and are dark", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme: "dark" });
  await context.addCookies([{ name: "studio-theme", value: "dark", domain: new URL(baseURL!).hostname, path: "/" }]);
  const page = await context.newPage();
  const { name } = await makeTemplate(page.request, { prompt: uniquePrompt("a long {product_description} photographed on {a_very_long_surface_name}") });
  await page.goto("/");
  await composerReady(page);
  await expect(page.locator("html")).toHaveClass(/dark/);
  await chooseTemplate(page, { name });

  const blanks = page.getByRole("group", { name: `Template “${name}”` });
  const field = blanks.getByLabel("a_very_long_surface_name", { exact: true });
  await expect(field).toBeVisible();
  const box = (await field.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The field is drawn dark (not the light theme's white).
  expect(await field.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe("rgb(255, 255, 255)");
  await page.screenshot({ path: "test-results/screens/template-blanks-phone-dark.png" });
  await context.close();
});
