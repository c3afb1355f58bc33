import type { APIRequestContext, Browser } from "@playwright/test";
import { expect, test } from "./support/demo";
import { accountsStudio } from "./support/own-studio";
import { composerReady, hydrated } from "./support/studio-page";

// As people meet it. Mia (a member) shares her board that also
// holds the admin's picture: the dialog says before and after that the link
// leaves that picture out, and a stranger sees only hers. The admin shares
// the same board (an admin's link shows every picture): Mia finds that link
// under "Share links" in the account menu and revokes it. Mia's board bar
// shows its first page of boards and more on demand.

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

const ADMIN = { name: "admin", password: "admin-password-1" };
const MIA = { name: "mia", password: "mia-password-2026" };
let admin: APIRequestContext;
let mia: APIRequestContext;

const studio = accountsStudio({ admin: ADMIN });
test.beforeAll(async () => {
  admin = await studio.signedIn(ADMIN);
  expect((await admin.post("/api/admin/users", { data: { ...MIA, role: "member" } })).status()).toBe(201);
  mia = await studio.signedIn(MIA);
});

type Gen = { id: string; status: string };

async function picture(as: APIRequestContext, prompt: string): Promise<string> {
  const res = await as.post("/api/generations", { data: { model: "nano_banana_2", prompt, count: 1 } });
  expect(res.status()).toBe(201);
  const [made] = ((await res.json()) as { generations: Gen[] }).generations;
  await expect.poll(async () => ((await (await as.get(`/api/generations/${made.id}`)).json()) as Gen).status, { timeout: 45_000 }).toBe("completed");
  return made.id;
}

async function miaSignedIn(browser: Browser) {
  const page = await (await browser.newContext({ baseURL: studio.url })).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Your name").fill(MIA.name);
  await page.getByLabel("Your password").fill(MIA.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${studio.url}/`);
  await composerReady(page);
  return page;
}

test("a member's board link leaves out a teammate's picture; the teammate revokes an admin's link from Share links", async ({ browser }) => {
  const hers = await picture(mia, "mia's harbour crane");
  const theirs = await picture(admin, "the admin's lighthouse");
  const made = await mia.post("/api/boards", { data: { name: "Harbour" } });
  expect(made.status()).toBe(201);
  const board = ((await made.json()) as { id: string }).id;
  expect((await mia.post(`/api/boards/${board}/items`, { data: { generationIds: [hers, theirs] } })).status()).toBe(200);

  const page = await miaSignedIn(browser);
  await page.goto(`/boards/${board}`);
  await hydrated(page.getByRole("button", { name: "Share" }).first());
  await page.getByRole("button", { name: "Share" }).first().click();
  const dialog = page.getByRole("dialog");
  // Before the link exists: what it will leave out.
  await expect(dialog.getByText("1 picture by someone else is not shown by this link")).toBeVisible();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByLabel("Share link").inputValue();
  await expect(dialog.getByText("This link leaves out 1 picture by someone else.")).toBeVisible();

  const stranger = await browser.newContext();
  const visitor = await stranger.newPage();
  expect((await visitor.goto(link))!.status()).toBe(200);
  await expect(visitor.getByRole("img", { name: "mia's harbour crane" })).toHaveCount(1);
  await expect(visitor.getByRole("img", { name: "the admin's lighthouse" })).toHaveCount(0);
  expect((await visitor.request.get(`${link}/images/${theirs}?variant=thumb`)).status()).toBe(404);
  await dialog.getByRole("button", { name: "Done" }).click();

  // The admin's link to the same board shows both pictures, so it shows Mia's: she may take it down.
  const adminLink = await admin.post("/api/shares", { data: { boardId: board } });
  expect(adminLink.status()).toBe(201);
  const adminUrl = new URL(((await adminLink.json()) as { url: string }).url, studio.url).href;
  expect((await visitor.request.get(`${adminUrl}/images/${theirs}?variant=thumb`)).status()).toBe(200);

  await page.goto("/");
  await hydrated(page.getByRole("button", { name: /^Account menu/ }));
  await page.getByRole("button", { name: /^Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Share links" }).click();
  await expect(page).toHaveURL(/\/links$/);
  await expect(page.getByRole("heading", { name: "Links that show my pictures" })).toBeVisible();
  const revoke = page.getByRole("button", { name: "Revoke the link to “Harbour” made by admin" });
  await expect(revoke).toBeVisible();
  // Her own link is there too (it shows her picture).
  await expect(page.getByRole("button", { name: "Revoke the link to “Harbour” made by mia" })).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/links-page.png" });
  // Revoking asks first, naming the board and who made the link; Esc keeps it.
  await revoke.click();
  const confirm = page.getByRole("alertdialog", { name: "Revoke the link to the board “Harbour”?" });
  await expect(confirm).toContainText("The link made by admin on");
  await page.keyboard.press("Escape");
  await expect(confirm).toHaveCount(0);
  await expect(revoke).toBeFocused();
  expect((await visitor.goto(adminUrl))!.status()).toBe(200);
  await revoke.click();
  await confirm.getByRole("button", { name: "Revoke link" }).click();
  await expect(page.getByText("The link is revoked: it no longer works.")).toBeVisible();
  await expect(revoke).toHaveCount(0);
  expect((await visitor.goto(adminUrl))!.status()).toBe(404);
  await stranger.close();
});

test("the board bar shows the first page of boards and more on demand", async ({ browser }) => {
  // 50 more boards of Mia's, after "Harbour" by name: 51 in all, one past the first page.
  for (let i = 0; i < 50; i++) {
    expect((await mia.post("/api/boards", { data: { name: `zz ${String(i).padStart(2, "0")}`, visibility: "private" } })).status()).toBe(201);
  }
  const page = await miaSignedIn(browser);
  const bar = page.getByRole("navigation", { name: "Boards" });
  await expect(bar.getByRole("link", { name: "zz 48" })).toHaveCount(1);
  await expect(bar.getByRole("link", { name: "zz 49" })).toHaveCount(0);
  await bar.getByRole("button", { name: "More boards" }).click();
  await expect(bar.getByRole("link", { name: "zz 49" })).toHaveCount(1);
  await expect(bar.getByRole("button", { name: "More boards" })).toHaveCount(0);
});
