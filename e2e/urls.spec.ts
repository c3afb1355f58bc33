import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, test } from "./support/demo";
import { accountsStudio } from "./support/own-studio";
import { card, composerReady, gallery, hydrated, screenshot, uniquePrompt } from "./support/studio-page";

// Everything a person looks at has an address. A picture
// opens at /p/<id> (the viewer over the gallery, rendered by the server, so a
// link opened cold shows it), Back closes the viewer, and the gallery's search
// and filters are query parameters of / that a reload (and the server) reads.

type Made = { id: string; prompt: string };

/** A finished picture, made through the API (not the composer: this spec is about addresses). */
async function madePicture(request: APIRequestContext, input: { prompt: string; model?: string; origin?: string }): Promise<Made> {
  const headers = input.origin ? { origin: input.origin } : undefined;
  const made = await request.post("/api/generations", { data: { model: input.model ?? "nano_banana_2", prompt: input.prompt }, headers });
  expect(made.status()).toBe(201);
  const id = ((await made.json()) as { generations: { id: string }[] }).generations[0].id;
  await expect
    .poll(async () => ((await (await request.get(`/api/generations/${id}`)).json()) as { image: unknown }).image !== null, { timeout: 45_000 })
    .toBe(true);
  return { id, prompt: input.prompt };
}

const viewer = (page: Page) => page.getByRole("dialog");
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A card's open button: named by its prompt (before it, 'Open "<prompt>"'). */
const openButton = (page: Page, prompt: string) => card(page, prompt).getByRole("button", { name: new RegExp(`^(Open ")?${escaped(prompt)}"?$`) });
const pathOf = (page: Page) => new URL(page.url()).pathname;
const search = (page: Page) => new URL(page.url()).searchParams;

/** The viewer from the server's HTML is running (the page's script took it over and focused it): keys and buttons work. */
const viewerRunning = (page: Page) => expect(viewer(page)).toBeFocused();

async function pictureShown(page: Page, picture: Made) {
  await expect(viewer(page)).toBeVisible();
  const img = viewer(page).getByRole("img", { name: picture.prompt });
  await expect(img).toHaveAttribute("src", `/api/images/${picture.id}`);
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
}

test("opening a picture gives it its address; Back closes the viewer, Forward reopens it", async ({ page, request }) => {
  const older = await madePicture(request, { prompt: uniquePrompt("an address for the older one") });
  const newer = await madePicture(request, { prompt: uniquePrompt("an address for the newer one") });

  // Somewhere before the studio, to see that Back from its first screen still leaves it.
  await page.goto("about:blank");
  await page.goto("/");
  await hydrated(openButton(page, newer.prompt));
  await openButton(page, newer.prompt).click();
  await pictureShown(page, newer);
  await expect.poll(() => pathOf(page)).toBe(`/p/${newer.id}`);
  await viewerRunning(page);

  // Moving inside the viewer replaces the address (Back does not step through every picture seen).
  await page.keyboard.press("ArrowRight");
  await pictureShown(page, older);
  await expect.poll(() => pathOf(page)).toBe(`/p/${older.id}`);

  await page.goBack();
  await expect(viewer(page)).toBeHidden();
  expect(pathOf(page)).toBe("/");
  await expect(card(page, newer.prompt)).toBeVisible();

  await page.goForward();
  await pictureShown(page, older);
  expect(pathOf(page)).toBe(`/p/${older.id}`);
  await viewerRunning(page);

  // Closing goes back: no entry is left behind, and Back leaves the studio as it did before.
  await page.keyboard.press("Escape");
  await expect(viewer(page)).toBeHidden();
  await expect.poll(() => pathOf(page)).toBe("/");
  await page.goBack();
  await expect.poll(() => page.url()).toBe("about:blank");
});

test("a picture's address opened cold shows it: the server sends the viewer with the HTML", async ({ page, request, browser, baseURL }) => {
  const picture = await madePicture(request, { prompt: uniquePrompt("a link sent to a teammate") });

  const answer = await request.get(`/p/${picture.id}`);
  expect(answer.status()).toBe(200);
  const html = await answer.text();
  // The full picture's <img> is in the first HTML, inside the dialog: no flash of the gallery alone.
  expect(html.includes('role="dialog"'), "the HTML holds the viewer").toBe(true);
  expect(html.includes(`src="/api/images/${picture.id}"`), "the HTML holds the picture").toBe(true);

  // Without any script the picture is there.
  const noScript = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const still = await noScript.newPage();
  await still.goto(`/p/${picture.id}`);
  await pictureShown(still, picture);
  await noScript.close();

  await page.goto(`/p/${picture.id}`);
  await pictureShown(page, picture);
  await expect(viewer(page).getByText(picture.prompt)).toBeVisible();
  await screenshot(page, "item6-after");
  await page.reload();
  await pictureShown(page, picture);
  await viewerRunning(page);

  // Closed: the gallery it was over, at the studio's own address.
  await viewer(page).getByRole("button", { name: "Close" }).click();
  await expect(viewer(page)).toBeHidden();
  await expect.poll(() => pathOf(page)).toBe("/");
  await expect(card(page, picture.prompt)).toBeVisible();
});

// 200, not 404: a notFound() page is not rendered into the HTML (an empty shell the script fills), and this is a page for people.
test("an unknown or deleted picture's address: the gallery with a notice, one answer for all", async ({ page, request }) => {
  const deleted = await madePicture(request, { prompt: uniquePrompt("deleted before the link was opened") });
  expect((await request.delete(`/api/generations/${deleted.id}`)).status()).toBe(204);

  for (const address of ["/p/gen_00000000000000000000000000", `/p/${deleted.id}`, "/p/not-a-picture"]) {
    const answer = await request.get(address);
    expect(answer.status(), address).toBe(200);
    // Shown in the HTML (">…"), not only among the page's strings its script receives.
    expect((await answer.text()).includes(">This picture is not here"), `${address} says the picture is not here`).toBe(true);
  }
  const zh = await request.get(`/p/${deleted.id}`, { headers: { "accept-language": "zh-CN" } });
  expect((await zh.text()).includes(">找不到这张图片"), "in Chinese too").toBe(true);

  await page.goto(`/p/${deleted.id}`);
  await expect(page.getByText("This picture is not here")).toBeVisible();
  await expect(gallery(page).or(page.getByText("Your gallery is waiting"))).toBeVisible();
  await expect(viewer(page)).toHaveCount(0);
  // The address becomes the gallery's: a reload shows the gallery, and Back leaves as from /.
  await expect.poll(() => pathOf(page)).toBe("/");
});

test("search and filters live in the address: a reload keeps them, and the server filters the first HTML", async ({ page, request }) => {
  const word = Math.random().toString(36).slice(2, 8);
  const banana2 = await madePicture(request, { prompt: `a fox ${word} on a hill`, model: "nano_banana_2" });
  const pro = await madePicture(request, { prompt: `a fox ${word} in the snow`, model: "nano_banana_pro" });

  await page.goto("about:blank");
  await page.goto("/");
  const toolbar = page.getByRole("search");
  await toolbar.getByLabel("Search prompts").fill(`fox ${word}`);
  await expect.poll(() => search(page).get("q")).toBe(`fox ${word}`);
  await toolbar.getByLabel("Model").selectOption("nano_banana_pro");
  await expect.poll(() => search(page).get("model")).toBe("nano_banana_pro");
  await expect(card(page, pro.prompt)).toBeVisible();
  await expect(card(page, banana2.prompt)).toHaveCount(0);

  // The first HTML of that address is the filtered gallery.
  const html = await (await page.request.get(page.url())).text();
  expect(html.includes(pro.prompt), "the HTML holds the matching picture").toBe(true);
  expect(html.includes(banana2.prompt), "the HTML holds the other model's picture").toBe(false);

  // The gallery's lists the page asks for (not the poll of pictures in progress).
  const asked: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname === "/api/generations" && url.searchParams.get("status") !== "active") asked.push(url.search);
  });
  await page.reload();
  await expect(toolbar.getByLabel("Search prompts")).toHaveValue(`fox ${word}`);
  await expect(toolbar.getByLabel("Model")).toHaveValue("nano_banana_pro");
  await expect(card(page, pro.prompt)).toBeVisible();
  await expect(card(page, banana2.prompt)).toHaveCount(0);

  // The other filters have their names too (picked again if the first pick came before the page's script ran).
  await expect(async () => {
    await toolbar.getByLabel("Status").selectOption("completed");
    expect(search(page).get("status")).toBe("completed");
  }).toPass();
  // The server's first page was the filtered one the page shows: starting the page asked for no list (only the new status did).
  expect(asked.filter((query) => !query.includes("status=completed"))).toEqual([]);
  await toolbar.getByRole("button", { name: "Mine" }).click();
  await expect.poll(() => [search(page).get("status"), search(page).get("mine")]).toEqual(["completed", "1"]);
  await toolbar.getByRole("button", { name: "Favorites" }).click();
  await expect.poll(() => search(page).get("favorites")).toBe("1");
  await toolbar.getByRole("button", { name: "Favorites" }).click();
  await expect.poll(() => search(page).has("favorites")).toBe(false);

  // A picture opened from the filtered gallery keeps the query, so the view behind it stays the same.
  await openButton(page, pro.prompt).click();
  await pictureShown(page, pro);
  await expect.poll(() => pathOf(page)).toBe(`/p/${pro.id}`);
  expect(search(page).get("model")).toBe("nano_banana_pro");
  await page.reload();
  await pictureShown(page, pro);
  await viewerRunning(page);
  await page.keyboard.press("Escape");
  await expect(viewer(page)).toBeHidden();
  await expect.poll(() => pathOf(page)).toBe("/");
  expect(search(page).get("q")).toBe(`fox ${word}`);
  await expect(card(page, banana2.prompt)).toHaveCount(0);

  // Filters replace the address rather than piling up history.
  await page.goBack();
  await expect.poll(() => page.url()).toBe("about:blank");

  // Values that are not filters are ignored, never an error.
  const odd = await request.get(`/?model=nope&status=weird&favorites=maybe&mine=2&batch=bat_x&q=${"x".repeat(300)}`);
  expect(odd.status()).toBe(200);
});

test("one card per picture's thread; “Every version” lists each version, kept in the address (?versions=all) that the server reads", async ({ page, request }) => {
  const original = await madePicture(request, { prompt: uniquePrompt("a thread's original lantern") });
  // A version of it: an edit, made with parentId (its prompt is the instruction).
  const instruction = uniquePrompt("make it night");
  const made = await request.post("/api/generations", { data: { model: "nano_banana_2", prompt: instruction, parentId: original.id } });
  expect(made.status()).toBe(201);
  const edit = { id: ((await made.json()) as { generations: { id: string }[] }).generations[0].id, prompt: instruction };
  await expect
    .poll(async () => ((await (await request.get(`/api/generations/${edit.id}`)).json()) as { image: unknown }).image !== null, { timeout: 45_000 })
    .toBe(true);

  await page.goto("/");
  await expect(card(page, edit.prompt)).toBeVisible();
  // The thread's newest version stands for it: the original has no card of its own.
  await expect(card(page, original.prompt)).toHaveCount(0);
  const toggle = page.getByRole("search").getByRole("button", { name: "Every version" });
  await hydrated(toggle);
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect.poll(() => search(page).get("versions")).toBe("all");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(card(page, original.prompt)).toBeVisible();
  await expect(card(page, edit.prompt)).toBeVisible();

  // The first HTML of each address is its own gallery.
  expect((await (await request.get(page.url())).text()).includes(original.prompt), "?versions=all's HTML holds the original").toBe(true);
  expect((await (await request.get("/")).text()).includes(original.prompt), "/'s HTML holds the original").toBe(false);

  // A reload keeps it, and starts from the server's page (no list asked for).
  const asked: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname === "/api/generations" && url.searchParams.get("status") !== "active") asked.push(url.search);
  });
  await page.reload();
  await expect(card(page, original.prompt)).toBeVisible();
  await hydrated(toggle);
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  expect(asked).toEqual([]);

  // Off again: the address forgets it, and the thread is one card again.
  await toggle.click();
  await expect.poll(() => search(page).has("versions")).toBe(false);
  await expect(card(page, original.prompt)).toHaveCount(0);
  await expect(card(page, edit.prompt)).toBeVisible();
  expect((await request.get("/?versions=some")).status()).toBe(200);
});

test("a picture opened on a board page has the board's address with ?p=", async ({ page, request }) => {
  const picture = await madePicture(request, { prompt: uniquePrompt("a picture on a board") });
  const board = await request.post("/api/boards", { data: { name: `Links ${Math.random().toString(36).slice(2, 6)}` } });
  expect(board.status()).toBe(201);
  const boardId = ((await board.json()) as { id: string }).id;
  expect((await request.post(`/api/boards/${boardId}/items`, { data: { generationIds: [picture.id] } })).status()).toBe(200);

  await page.goto(`/boards/${boardId}`);
  await hydrated(openButton(page, picture.prompt));
  await openButton(page, picture.prompt).click();
  await pictureShown(page, picture);
  await expect.poll(() => `${pathOf(page)}?${search(page)}`).toBe(`/boards/${boardId}?p=${picture.id}`);
  const html = await (await request.get(page.url())).text();
  expect(html.includes(`src="/api/images/${picture.id}"`), "the board page's HTML holds the picture").toBe(true);
  await page.reload();
  await pictureShown(page, picture);
  await viewerRunning(page);
  await page.goBack();
  await expect(viewer(page)).toBeHidden();
  await expect.poll(() => `${pathOf(page)}${new URL(page.url()).search}`).toBe(`/boards/${boardId}`);
});

// A teammate: another person, in another browser, signing in on the way.
test.describe("on a team (STUDIO_AUTH=accounts)", () => {
  const ADMIN = { name: "admin", password: "admin-password-1" };
  const BEA = { name: "bea", password: "bea-password-2026" };
  const studio = accountsStudio({ admin: ADMIN });

  async function signIn(page: Page, who: { name: string; password: string }) {
    await page.getByLabel("Your name").fill(who.name);
    await page.getByLabel("Your password").fill(who.password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  async function person(browser: Browser) {
    const context = await browser.newContext({ baseURL: studio.url });
    return context.newPage();
  }

  test("a teammate opens the link: sign-in first, then the picture", async ({ browser }) => {
    const admin = await person(browser);
    await admin.goto("/sign-in");
    await signIn(admin, ADMIN);
    await expect(admin).toHaveURL(`${studio.url}/`);
    await composerReady(admin);
    const added = await admin.request.post("/api/admin/users", { data: BEA, headers: { origin: studio.url } });
    expect(added.status()).toBe(201);
    const picture = await madePicture(admin.request, { prompt: uniquePrompt("for bea to see"), origin: studio.url });

    // Nothing about the picture reaches someone who is not signed in.
    const anonymous = await (await person(browser)).request.get(`/p/${picture.id}`, { maxRedirects: 0 });
    expect(anonymous.status()).toBeGreaterThanOrEqual(300);
    expect(anonymous.status()).toBeLessThan(400);
    expect((await anonymous.text()).includes(picture.prompt), "the answer names the picture").toBe(false);

    const bea = await person(browser);
    await bea.goto(`/p/${picture.id}`);
    await expect(bea).toHaveURL(/\/sign-in\?/);
    await signIn(bea, BEA);
    await expect.poll(() => pathOf(bea)).toBe(`/p/${picture.id}`);
    await pictureShown(bea, picture);
    await viewerRunning(bea);
  });
});
