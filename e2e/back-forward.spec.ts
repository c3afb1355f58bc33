import type { Page } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "./support/chromium";
import { expect, test } from "./support/demo";
import { card, finishedPicture, hydrated, uniquePrompt } from "./support/studio-page";

// Back from a board to the gallery, and Forward again, are served from the
// back/forward cache: the page comes back as it was left, with nothing
// loaded or run again, and then asks its reads again so what changed while
// away shows. Playwright turns that cache off in the browsers it starts
// (--disable-back-forward-cache), and its field-trial switch turns off what
// lets a no-store page in: this file's browser runs as a person's does.
test.use({ launchOptions: { ...CHROMIUM_LAUNCH, ignoreDefaultArgs: ["--disable-back-forward-cache", "--disable-field-trial-config"] } });

/** A mark only this page's own JavaScript world holds: a page loaded again, not restored, has lost it. */
const mark = (page: Page, value: string) => page.evaluate((v) => ((window as unknown as { backForwardMark: string }).backForwardMark = v), value);
const markOf = (page: Page) => page.evaluate(() => (window as unknown as { backForwardMark?: string }).backForwardMark ?? null);

test("Back from a board to the gallery and Forward again come from the back/forward cache, and the gallery then shows what was made meanwhile", async ({ page, request }) => {
  const first = uniquePrompt("before leaving the gallery");
  await finishedPicture(request, { prompt: first });
  const board = await request.post("/api/boards", { data: { name: `Back and forth ${Math.random().toString(36).slice(2, 6)}` } });
  expect(board.status()).toBe(201);
  const boardId = ((await board.json()) as { id: string }).id;

  await page.goto("/");
  await hydrated(card(page, first).getByRole("button").first());
  await mark(page, "gallery");
  // A document navigation (typed, or a link from elsewhere), not the studio's own client-side one.
  await page.goto(`/boards/${boardId}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await mark(page, "board");

  // Made by someone else while this person looks at the board.
  const meanwhile = uniquePrompt("made while on the board");
  await finishedPicture(request, { prompt: meanwhile });

  // A page restored from that cache fires no load event (pageshow only): wait for the navigation to commit.
  await page.goBack({ waitUntil: "commit" });
  await expect.poll(() => new URL(page.url()).pathname).toBe("/");
  expect(await markOf(page), "the gallery came back from the back/forward cache, not loaded again").toBe("gallery");
  await expect(card(page, first)).toBeVisible();
  // Restored as it was left, then its reads asked again.
  await expect(card(page, meanwhile)).toBeVisible();

  await page.goForward({ waitUntil: "commit" });
  await expect.poll(() => new URL(page.url()).pathname).toBe(`/boards/${boardId}`);
  expect(await markOf(page), "the board came back from the back/forward cache too").toBe("board");
});
