import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/demo";
import { accountsStudio } from "./support/own-studio";
import { card, composerReady, gallery, generate, pictureOf, uniquePrompt } from "./support/studio-page";
import { readZip } from "./support/zip";

// As a person does it: two requests of two pictures (two batches),
// a selection across both, a new board made from the selection bar, the
// board's page, a share link opened in a fresh browser without signing in,
// the link revoked, and the board downloaded as a ZIP whose entries and
// metadata are checked with an independent reader (Python's zipfile).

// On STUDIO_AUTH=accounts, so "without signing in" means something: the
// share page must show its pictures to a browser the rest of the studio
// turns away.

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

const ADMIN = { name: "admin", password: "admin-password-1" };
const studio = accountsStudio({ admin: ADMIN });

async function signedIn(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: studio.url, acceptDownloads: true })).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Your password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${studio.url}/`);
  await composerReady(page);
  return page;
}

const first = uniquePrompt("a lighthouse at dusk");
const second = uniquePrompt("a harbour in fog");
const boardName = `Coast ${Math.random().toString(36).slice(2, 6)}`;

async function makeBatch(page: Page, prompt: string) {
  await composerReady(page);
  await page.getByRole("radiogroup", { name: "Pictures" }).getByRole("radio", { name: "2" }).click();
  await generate(page, prompt);
  const group = gallery(page).getByRole("group", { name: new RegExp(`^Batch of 2: ${prompt}`) });
  await expect(group.getByRole("img", { name: prompt })).toHaveCount(2, { timeout: 60_000 });
  for (const img of await group.getByRole("img", { name: prompt }).all()) {
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 60_000 }).toBeGreaterThan(0);
  }
  return group;
}

test("two batches, a selection across them, a board, a share link, a ZIP", async ({ browser }) => {
  const page = await signedIn(browser);
  const groupA = await makeBatch(page, first);
  const groupB = await makeBatch(page, second);

  // Select across the two batches: one picture of the older batch, then a
  // shift-click on one of the newer batch selects the range between them.
  const boxesB = groupB.getByRole("checkbox", { name: /^Select “/ });
  const boxesA = groupA.getByRole("checkbox", { name: /^Select “/ });
  await card(page, second).first().hover();
  await boxesB.first().check();
  const selection = page.getByRole("toolbar", { name: "Selection" });
  await expect(selection.getByText("1 selected")).toBeVisible();
  await boxesA.first().click({ modifiers: ["Shift"] });
  await expect(selection.getByText("3 selected")).toBeVisible();
  const chosen = await gallery(page).getByRole("checkbox", { name: /^Select “/, checked: true }).count();
  expect(chosen).toBe(3);
  // Newest first: B1 B2 A1 A2, so the range B1…A1 leaves the older batch's second out.
  const leftOutSrc = await groupA.getByRole("img", { name: first }).nth(1).getAttribute("src");
  const leftOut = /gen_[0-9A-Z]{26}/.exec(leftOutSrc ?? "")![0];

  // A new board from the selection bar takes the selection.
  await selection.getByRole("button", { name: "Add to board" }).click();
  await page.getByRole("menuitem", { name: "New board…" }).click();
  await page.getByLabel("Board name").fill(boardName);
  await page.getByRole("button", { name: "Create board" }).click();
  await expect(page.getByText(`Added 3 pictures to ${boardName}`)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(selection).toHaveCount(0);

  // The board bar shows it with its count; its page is the gallery filtered.
  const chip = page.getByRole("navigation", { name: "Boards" }).getByRole("link", { name: new RegExp(boardName) });
  await expect(chip).toContainText("3");
  await chip.click();
  await expect(page).toHaveURL(/\/boards\/brd_/);
  await expect(page.getByRole("heading", { name: boardName })).toBeVisible();
  await expect(gallery(page).getByRole("img", { name: second })).toHaveCount(2);
  await expect(gallery(page).getByRole("img", { name: first })).toHaveCount(1);
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveCount(0);
  await page.screenshot({ path: "e2e/screenshots/board-light.png" });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "e2e/screenshots/board-dark.png" });
  await page.emulateMedia({ colorScheme: "light" });
  const desktop = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "e2e/screenshots/board-phone.png" });
  await page.setViewportSize(desktop);

  // Share the board; the link is shown once.
  await page.getByRole("button", { name: "Share" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByLabel("Share link").inputValue();
  expect(link).toMatch(new RegExp(`^${studio.url}/s/[A-Za-z0-9_-]{43,}$`));

  // A stranger: a fresh context, no cookie. Pictures and prompts, nothing else.
  const stranger = await browser.newContext();
  const visitor = await stranger.newPage();
  const apiCalls: string[] = [];
  visitor.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/")) apiCalls.push(r.url());
  });
  const opened = await visitor.goto(link);
  expect(opened!.status()).toBe(200);
  await expect(visitor.getByRole("heading", { name: boardName })).toBeVisible();
  // Each picture's prompt shows once (the full-size viewer's copy is hidden until opened).
  await expect(visitor.getByText(second).filter({ visible: true })).toHaveCount(2);
  await expect(visitor.getByText(first).filter({ visible: true })).toHaveCount(1);
  await expect(visitor.getByRole("img", { name: second })).toHaveCount(2);
  await expect(visitor.getByLabel("Prompt", { exact: true })).toHaveCount(0);
  await expect(visitor.getByRole("button", { name: "Generate" })).toHaveCount(0);
  const sharePath = new URL(link).pathname;
  const hrefs = await visitor.locator("a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  for (const href of hrefs) expect(new URL(href).pathname.startsWith(sharePath) || href.startsWith(`${link}#`)).toBe(true);
  const pictures = await visitor.locator("img").evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src));
  for (const src of pictures) expect(new URL(src).pathname.startsWith(`${sharePath}/images/`)).toBe(true);
  expect(new Set(pictures.map((src) => new URL(src).pathname.split("/")[4])).size).toBe(3);
  // The picture left off the board is not reachable through this link, nor the studio's own routes.
  const offBoard = await visitor.request.get(`${link}/images/${leftOut}?variant=thumb`);
  expect(offBoard.status()).toBe(404);
  expect((await visitor.request.get(new URL(`/api/images/${leftOut}?variant=thumb`, link).href)).status()).toBe(401);
  expect((await visitor.request.get(new URL("/api/generations", link).href)).status()).toBe(401);
  expect(apiCalls).toEqual([]);
  await visitor.screenshot({ path: "e2e/screenshots/share-board.png", fullPage: true });

  // Revoke (it asks first): the link is dead at once.
  await dialog.getByRole("button", { name: /^Revoke/ }).click();
  await page.getByRole("alertdialog", { name: `Revoke the link to the board “${boardName}”?` }).getByRole("button", { name: "Revoke link" }).click();
  await expect(dialog.getByText("No links yet.")).toBeVisible();
  const dead = await visitor.goto(link);
  expect(dead!.status()).toBe(404);
  await stranger.close();
  await dialog.getByRole("button", { name: "Close" }).first().click();
  await expect(dialog).toHaveCount(0);

  // Download the board as a ZIP: select all, Download ZIP.
  await gallery(page).getByRole("checkbox", { name: /^Select “/ }).first().check();
  await page.getByRole("toolbar", { name: "Selection" }).getByRole("button", { name: "Select all" }).click();
  await expect(page.getByRole("toolbar", { name: "Selection" }).getByText("3 selected")).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("toolbar", { name: "Selection" }).getByRole("button", { name: "Download ZIP" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-zip-")), download.suggestedFilename());
  await download.saveAs(file);
  const zip = readZip(file);
  expect(zip.crcOk).toBe(true);
  expect(zip.names).toHaveLength(4);
  expect(zip.names).toContain("metadata.json");
  const pictureNames = zip.names.filter((n) => n !== "metadata.json");
  for (const name of pictureNames) expect(name).toMatch(/^\d{3} a (lighthouse at dusk|harbour in fog).*\.png$/);
  expect(zip.metadata).toHaveLength(3);
  for (const entry of zip.metadata) {
    expect(entry).toMatchObject({ model: expect.any(String), aspectRatio: expect.any(String), createdBy: expect.any(String), createdAt: expect.any(String) });
    expect([first, second]).toContain(entry.prompt);
    expect(pictureNames).toContain(entry.file);
  }
  expect(zip.metadata.filter((e) => e.prompt === second)).toHaveLength(2);
});

test("Show batch filters the gallery to one request's pictures", async ({ browser }) => {
  const page = await signedIn(browser);
  await pictureOf(page, first);
  await card(page, first).getByRole("img", { name: first }).first().click();
  await page.getByRole("button", { name: "Show batch" }).click();
  await expect(page).toHaveURL(/[?&]batch=bat_/);
  await expect(page.getByRole("button", { name: "Clear the batch filter" })).toBeVisible();
  await expect(gallery(page).getByRole("img", { name: first })).toHaveCount(2);
  await expect(gallery(page).getByRole("img", { name: second })).toHaveCount(0);
  // A reload keeps the filter, and the server sends the batch's pictures with the HTML.
  const html = await (await page.request.get(page.url())).text();
  expect(html).toContain(first);
  expect(html).not.toContain(second);
  await page.reload();
  await expect(gallery(page).getByRole("img", { name: first })).toHaveCount(2);
  await expect(gallery(page).getByRole("img", { name: second })).toHaveCount(0);
  await page.getByRole("button", { name: "Clear the batch filter" }).click();
  await expect(gallery(page).getByRole("img", { name: second })).toHaveCount(2);
});
