import type { Browser, BrowserContextOptions, Page } from "@playwright/test";
import { expect, test } from "./support/demo";
import { accountsStudio, type Person } from "./support/own-studio";
import { card, composerReady, finishedPicture, hydratedNow, pngFile, uniquePrompt } from "./support/studio-page";

// The prompt library on a team (STUDIO_AUTH=accounts, the demo simulator):
// ann saves bob's picture, made with bob's upload, as a template from the
// viewer; /templates lists it with its owner and uses, and bob's team
// template but not his private one; a copy is ann's own and private; a
// delete asks first. Once in Chinese, once on a phone in dark mode.

const ADMIN = { name: "admin", password: "admin-password-1" };
const ANN = { name: "ann", password: "ann-password-2026" };
const BOB = { name: "bob", password: "bob-password-2026" };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;

test.describe.configure({ mode: "serial" });

const studio = accountsStudio({ admin: ADMIN });
const bobs = { secret: uniquePrompt("Bob's secret"), team: uniquePrompt("Bob's team shot") };

test.beforeAll(async () => {
  const admin = await studio.signedIn(ADMIN);
  for (const person of [ANN, BOB]) {
    expect((await admin.post("/api/admin/users", { data: { name: person.name, password: person.password } })).status()).toBe(201);
  }
  const bob = await studio.signedIn(BOB);
  for (const [name, visibility] of [[bobs.secret, "private"], [bobs.team, "team"]] as const) {
    const res = await bob.post("/api/templates", { data: { name, prompt: `a {subject} for ${name}`, model: "nano_banana_2", visibility } });
    expect(res.status()).toBe(201);
  }
});

/** A browser signed in as `who`, in a language and a theme, at `path`. */
async function open(browser: Browser, input: { who: Person; path: string; locale?: "en" | "zh"; options?: BrowserContextOptions }): Promise<Page> {
  const context = await browser.newContext({ baseURL: studio.url, ...input.options });
  expect((await context.request.post("/api/session", { data: input.who })).status()).toBe(204);
  const host = new URL(studio.url).hostname;
  await context.addCookies([
    { name: "studio-locale", value: input.locale ?? "en", domain: host, path: "/" },
    { name: "studio-theme", value: input.options?.colorScheme === "dark" ? "dark" : "light", domain: host, path: "/" },
  ]);
  const page = await context.newPage();
  await page.goto(input.path);
  return page;
}

const templateCard = (page: Page, name: string) => page.getByRole("article", { name, exact: true });

type Template = { name: string; prompt: string; model: string; aspectRatio: string; count: number; references: string[]; owner: string; visibility: string };
const pictureName = uniquePrompt("Bob's lighthouse");

test("ann saves bob's picture as a template from the viewer, settings and bob's upload included; /templates shows it, not bob's private one; Use puts it in the composer", async ({ browser }) => {
  const bob = await studio.signedIn(BOB);
  const upload = await bob.post("/api/references", { multipart: { file: await pngFile("swatch.png", "#3b82f6") } });
  expect(upload.status()).toBe(201);
  const refId = ((await upload.json()) as { id: string }).id;
  const prompt = uniquePrompt("a lighthouse in {weather}, like the swatch");
  const id = await finishedPicture(bob, { prompt, references: [refId] });

  const page = await open(browser, { who: ANN, path: `/p/${id}` });
  const saveButton = () => page.getByRole("button", { name: "Save as template…" });
  await hydratedNow(saveButton);
  await saveButton().click();
  const form = page.getByRole("dialog", { name: "Save the picture as a template" });
  await expect(form.getByLabel("Prompt", { exact: true })).toHaveValue(prompt);
  await expect(form.getByText("Blanks: weather")).toBeVisible();
  await expect(form.getByText("References: 1")).toBeVisible();
  // The name starts as the prompt (its first 60 characters); ann gives her own.
  await expect(form.getByLabel("Template name")).toHaveValue(prompt);
  await form.getByLabel("Template name").fill(pictureName);
  await form.getByRole("button", { name: "Save template" }).click();
  await expect(form.getByRole("status")).toHaveText(`Template “${pictureName}” saved.`);

  const ann = await studio.signedIn(ANN);
  const saved = ((await (await ann.get("/api/templates")).json()) as { items: Template[] }).items.find((t) => t.name === pictureName);
  expect(saved).toMatchObject({ prompt, model: "nano_banana_2", aspectRatio: "16:9", count: 1, references: [refId], owner: "ann", visibility: "team" });

  await form.getByRole("link", { name: "Open templates" }).click();
  await expect(page).toHaveURL(/\/templates$/);
  await expect(page.getByRole("heading", { level: 1, name: "Templates" })).toBeVisible();
  const mine = templateCard(page, pictureName);
  await expect(mine).toContainText("by ann · Not used yet");
  await expect(mine).toContainText("Team");
  // Its blank is marked in the prompt.
  await expect(mine.locator("mark")).toHaveText("{weather}");
  await expect(mine.getByRole("link", { name: `Use ${pictureName} in the studio` })).toHaveAttribute("href", /^\/\?template=tpl_/);
  await expect(mine.getByRole("button", { name: `Delete ${pictureName}` })).toBeVisible();

  // Bob's team template: there, for use and copy only; his private one: not listed at all.
  const bobsTeam = templateCard(page, bobs.team);
  await expect(bobsTeam).toContainText("by bob");
  await expect(bobsTeam.getByRole("button", { name: `Copy ${bobs.team}` })).toBeVisible();
  await expect(bobsTeam.getByRole("button", { name: new RegExp(`^(Delete|Rename) `) })).toHaveCount(0);
  await expect(page.getByText(bobs.secret)).toHaveCount(0);
  // Pictures made with a template are a bonus: never an error on the page
  // (outside it, Next's route announcer is an empty alert of its own).
  await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);

  // Use: the studio, with the template in the composer, its blank ready to fill.
  await mine.getByRole("link", { name: `Use ${pictureName} in the studio` }).click();
  await expect(page.getByRole("group", { name: `Template “${pictureName}”` }).getByLabel("weather", { exact: true })).toBeFocused();
  await expect(page).toHaveURL((url) => url.pathname === "/" && !url.searchParams.has("template"));
  await page.context().close();
});

test("from a card in the gallery: Save as template… keeps it to ann when she says Only me", async ({ browser }) => {
  const bob = await studio.signedIn(BOB);
  const prompt = uniquePrompt("a red kite over dunes");
  await finishedPicture(bob, { prompt, references: [] });
  const page = await open(browser, { who: ANN, path: "/" });
  await composerReady(page);
  const name = uniquePrompt("Kite");
  await card(page, prompt).hover();
  await card(page, prompt).getByRole("button", { name: `Save as template: ${prompt}` }).click();
  const form = page.getByRole("dialog", { name: "Save the picture as a template" });
  await form.getByLabel("Template name").fill(name);
  await form.getByRole("radio", { name: "Only me" }).check();
  await form.getByRole("button", { name: "Save template" }).click();
  await expect(form.getByRole("status")).toHaveText(`Template “${name}” saved.`);
  await expect(form.getByRole("button", { name: "Done" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(form).toBeHidden();

  const ann = await studio.signedIn(ANN);
  const saved = ((await (await ann.get("/api/templates")).json()) as { items: Template[] }).items.find((t) => t.name === name);
  expect(saved).toMatchObject({ prompt, aspectRatio: "16:9", count: 1, references: [], owner: "ann", visibility: "private" });
  // Private: bob, whose picture it was, does not see it.
  expect(((await (await bob.get("/api/templates")).json()) as { items: Template[] }).items.map((t) => t.name)).not.toContain(name);
  await page.context().close();
});

test("pictures made from bob's team template count as its uses and show under it, newest first, four at most", async ({ browser }) => {
  const ann = await studio.signedIn(ANN);
  const team = ((await (await ann.get("/api/templates")).json()) as { items: (Template & { id: string })[] }).items.find((t) => t.name === bobs.team)!;
  const prompts = Array.from({ length: 5 }, (_, i) => uniquePrompt(`a fox for ${bobs.team}, take ${i + 1}`));
  for (const prompt of prompts) await finishedPicture(ann, { prompt, references: [], templateId: team.id });

  const page = await open(browser, { who: ANN, path: "/templates" });
  const bobsTeam = templateCard(page, bobs.team);
  await expect(bobsTeam).toContainText("by bob · Used 5 times");
  const pictures = bobsTeam.getByRole("list", { name: `Pictures made with ${bobs.team}` }).getByRole("img");
  await expect(pictures).toHaveCount(4);
  await expect(pictures.first()).toHaveAttribute("alt", prompts[4]);
  await expect(pictures.first()).toHaveJSProperty("complete", true);
  // The first made is the one left out; its neighbour opens its own page.
  await expect(bobsTeam.getByRole("img", { name: prompts[0] })).toHaveCount(0);
  await bobsTeam.getByRole("link", { name: prompts[4] }).click();
  await expect(page).toHaveURL(/\/p\/gen_/);
  await page.context().close();
});

test("a copy of bob's team template is ann's and private; she shares and renames it; deleting it asks first, and Cancel keeps it", async ({ browser }) => {
  const page = await open(browser, { who: ANN, path: "/templates" });
  const copyButton = () => templateCard(page, bobs.team).getByRole("button", { name: `Copy ${bobs.team}` });
  await hydratedNow(copyButton);
  await copyButton().click();
  const copyName = `${bobs.team} (copy)`;
  await expect(page.getByRole("status").filter({ hasText: "Copied" })).toHaveText(`Copied as “${copyName}”; only you see the copy.`);
  const copy = templateCard(page, copyName);
  await expect(copy).toContainText("by ann");
  await expect(copy).toContainText("Only me");

  // Hers to manage: shared with the team, then renamed.
  await copy.getByRole("button", { name: `Share ${copyName} with the team` }).click();
  await expect(page.getByRole("status").filter({ hasText: "team sees" })).toHaveText(`The team sees “${copyName}” now.`);
  await expect(copy.getByRole("button", { name: `Make ${copyName} visible only to you` })).toBeVisible();
  await expect(copy).toContainText("Team");
  const renamedName = `${copyName} for ann`;
  await copy.getByRole("button", { name: `Rename ${copyName}` }).click();
  const rename = page.getByRole("dialog", { name: "Rename template" });
  await expect(rename.getByLabel("Template name")).toBeFocused();
  await rename.getByLabel("Template name").fill(renamedName);
  await rename.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Renamed" })).toHaveText(`Renamed to “${renamedName}”.`);
  const renamed = templateCard(page, renamedName);
  await expect(renamed).toContainText("by ann");

  await renamed.getByRole("button", { name: `Delete ${renamedName}` }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete this template?" });
  await expect(confirm).toContainText(`“${renamedName}” goes for everyone who sees it.`);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(renamed).toBeVisible();

  await renamed.getByRole("button", { name: `Delete ${renamedName}` }).click();
  await page.getByRole("alertdialog", { name: "Delete this template?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("status").filter({ hasText: "deleted" })).toHaveText(`“${renamedName}” is deleted.`);
  await expect(renamed).toHaveCount(0);
  await expect(templateCard(page, bobs.team)).toBeVisible();
  // Gone on the server too, for bob as well.
  const bob = await studio.signedIn(BOB);
  const names = ((await (await bob.get("/api/templates")).json()) as { items: Template[] }).items.map((t) => t.name);
  expect(names).not.toContain(renamedName);
  await page.context().close();
});

test("in Chinese: Templates in the account menu, the page and a card's words", async ({ browser }) => {
  const page = await open(browser, { who: ANN, path: "/", locale: "zh" });
  // A click before the page has hydrated opens nothing: tried until the menu is there.
  await expect(async () => {
    await page.getByRole("button", { name: "ann 的账户菜单" }).click();
    await expect(page.getByRole("menuitem", { name: "模板" })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole("menuitem", { name: "模板" }).click();
  await expect(page).toHaveURL(/\/templates$/);
  await expect(page.getByRole("heading", { level: 1, name: "模板" })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: "模板" })).toHaveAttribute("aria-current", "page");
  const card = templateCard(page, pictureName);
  await expect(card).toContainText("创建者：ann · 尚未使用");
  await expect(card).toContainText("团队");
  await expect(card.getByRole("link", { name: `在工作室中使用 ${pictureName}` })).toBeVisible();
  await page.context().close();
});

test("on a phone in dark mode: one column, nothing wider than the screen, the actions at hand", async ({ browser }) => {
  const page = await open(browser, { who: ANN, path: "/templates", options: { ...PHONE, colorScheme: "dark" } });
  await expect(page.locator("html")).toHaveClass(/dark/);
  const card = templateCard(page, pictureName);
  await expect(card).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const box = await card.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  for (const name of [`Use ${pictureName} in the studio`, `Rename ${pictureName}`, `Delete ${pictureName}`]) {
    await expect(card.getByRole(name.startsWith("Use") ? "link" : "button", { name })).toBeInViewport();
  }
  // Dark, not white: the card's background is a dark one (Tailwind's colours are oklch, or rgb).
  const background = await card.evaluate((el) => getComputedStyle(el).backgroundColor);
  const [first, ...rest] = (background.match(/[\d.]+/g) ?? []).map(Number);
  const lightness = background.startsWith("oklch") ? first : Math.max(first, ...rest.slice(0, 2)) / 255;
  expect(lightness, background).toBeLessThan(0.35);
  await page.context().close();
});
