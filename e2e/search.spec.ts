import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./support/demo";
import { gallery } from "./support/studio-page";

// As a person meets them: the pictures were made
// with "Synthwave sunset over the bay …" and the search "sunset synthwave"
// must find them (it found none: the literal phrase only), Chinese too; then
// "Select all" on a search with more pictures than the gallery loaded offers
// "Select all N matching", and a board made from it holds all N (it held the
// 24 loaded ones). The two tests share the pictures (one beforeAll: one
// worker), not their outcome.

test.setTimeout(240_000);

// One word only these pictures have: other specs' pictures share the gallery.
const tag = `t${Math.random().toString(36).slice(2, 7)}`;
const MATCHING = 60; // more than two pages of the gallery (24 a page)
const made = `Synthwave sunset over the bay, ${tag}`;
const other = `A sunset over the sea, ${tag}`;
const chinese = `一只红色的猫 ${tag}`;
const boardName = `Synthwave ${tag}`;

type Item = { id: string; prompt: string; status: string };

async function post(request: APIRequestContext, prompt: string, count: number) {
  const res = await request.post("/api/generations", { data: { model: "nano_banana_2", prompt, count } });
  expect(res.status(), await res.text()).toBe(201);
}

/** Until none of this spec's pictures is in progress (at most 8 are at once, the default in-flight cap). */
async function settled(request: APIRequestContext) {
  await expect
    .poll(
      async () => {
        const { items } = (await (await request.get("/api/generations?status=active&limit=100")).json()) as { items: Item[] };
        return items.filter((g) => g.prompt.includes(tag)).length;
      },
      { timeout: 60_000 },
    )
    .toBe(0);
}

test.beforeAll(async ({ request }) => {
  // Requests of four, two at a time: eight in progress, as the in-flight cap allows.
  for (let request_ = 0; request_ < MATCHING / 4; request_++) {
    await post(request, `${made} no. ${request_}`, 4);
    if (request_ % 2 === 1) await settled(request);
  }
  await post(request, other, 2);
  await post(request, chinese, 2);
  await settled(request);
  const { items } = (await (await request.get(`/api/generations?q=${tag}&status=completed&limit=100`)).json()) as { items: Item[] };
  expect(items, "every picture of this spec was made").toHaveLength(MATCHING + 4);
});

test("searching “sunset synthwave” finds the pictures made with “Synthwave sunset …”, and Chinese by its words", async ({ page }) => {
  await page.goto("/");
  const search = page.getByLabel("Search prompts");
  const found = gallery(page).getByRole("img", { name: new RegExp(`^${made}`) });
  // Unfiltered, the newest pictures are this spec's last ones.
  await expect(gallery(page).getByRole("img", { name: chinese })).toHaveCount(2);
  await search.fill(`sunset synthwave ${tag}`);
  // The search has applied once the other pictures are gone.
  await expect(gallery(page).getByRole("img", { name: chinese })).toHaveCount(0);
  await expect(gallery(page).getByRole("img", { name: other })).toHaveCount(0);
  await expect(found.first()).toBeVisible();

  // “猫 红色”: both words, in another order than the prompt's, without spaces around them there.
  await search.fill(`猫 红色 ${tag}`);
  await expect(gallery(page).getByRole("img", { name: chinese })).toHaveCount(2);
  await expect(found).toHaveCount(0);

  // The API answers the same, every one of them, whatever the case.
  const res = await page.request.get(`/api/generations?q=${encodeURIComponent(`SUNSET Synthwave ${tag}`)}&limit=100`);
  expect(((await res.json()) as { items: Item[] }).items).toHaveLength(MATCHING);
});

test("“Select all N matching” selects every picture of the search, not only the loaded ones, and a board takes them all", async ({ page }) => {
  // The search for this spec's word: all its pictures (one word, so the literal phrase search of before finds them too).
  const total = MATCHING + 4;
  await page.goto("/");
  await page.getByLabel("Search prompts").fill(tag);
  const found = gallery(page).getByRole("img", { name: new RegExp(tag) });
  // A page is loaded (two, if the gallery scrolled on), not all of them.
  await expect.poll(() => found.count()).toBeGreaterThanOrEqual(24);
  expect(await found.count()).toBeLessThan(total);

  await found.first().hover();
  await gallery(page).getByRole("checkbox").first().check();
  const selection = page.getByRole("toolbar", { name: "Selection" });
  await selection.getByRole("button", { name: "Select all", exact: true }).click();
  const loaded = await found.count();
  await expect(selection.getByText(`${loaded} selected`)).toBeVisible();

  const allMatching = selection.getByRole("button", { name: `Select all ${total} matching` });
  await expect(allMatching).toBeVisible();
  await allMatching.click();
  await expect(selection.getByText(`${total} selected`)).toBeVisible();

  await selection.getByRole("button", { name: "Add to board" }).click();
  await page.getByRole("menuitem", { name: "New board…" }).click();
  await page.getByLabel("Board name").fill(boardName);
  await page.getByRole("button", { name: "Create board" }).click();
  await expect(page.getByText(`Added ${total} pictures to ${boardName}`)).toBeVisible();

  // The board bar counts them, and the board lists every one.
  const chip = page.getByRole("navigation", { name: "Boards" }).getByRole("link", { name: new RegExp(boardName) });
  await expect(chip).toContainText(String(total));
  const { items: boards } = (await (await page.request.get("/api/boards?limit=200")).json()) as { items: { id: string; name: string; count: number }[] };
  const board = boards.find((b) => b.name === boardName)!;
  expect(board.count).toBe(total);
  const onBoard = (await (await page.request.get(`/api/generations?board=${board.id}&limit=100`)).json()) as { items: Item[] };
  expect(onBoard.items.every((g) => g.prompt.includes(tag))).toBe(true);
  expect(onBoard.items).toHaveLength(total);
});
