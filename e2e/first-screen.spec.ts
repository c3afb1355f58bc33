import { expect, test } from "./support/demo";
import { card, gallery, uniquePrompt } from "./support/studio-page";

// The first screen is the server's HTML plus hydration. What the
// page shows (who is here, the boards, the gallery's first page, what is in
// progress) came with that HTML, so starting the page asks the API nothing
// again: on a phone each such request meant a fetch, loading zod to check the
// answer and a second render, all while the page was still starting.

test("starting the page asks the API nothing it was already sent", async ({ page }) => {
  const asked: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() !== "fetch" && r.resourceType() !== "xhr") return;
    const url = new URL(r.url());
    if (!url.pathname.startsWith("/api/")) return;
    // Other tests on this shared server may leave pictures in progress: their poll is the page working, not starting.
    if (url.pathname === "/api/generations" && url.searchParams.get("status") === "active") return;
    asked.push(`${url.pathname}${url.search}`);
  });
  await page.goto("/");
  await expect(gallery(page).or(page.getByText("Your gallery is waiting"))).toBeVisible();
  // Hydrated: the prompt box is React's (typing updates the live count).
  await page.getByLabel("Prompt", { exact: true }).fill("a quiet harbour");
  await expect(page.getByText(/^15 \//)).toBeVisible();
  await page.waitForTimeout(2_000);
  expect(asked).toEqual([]);
});

test("a gallery list still arriving is not shown until it ends", async ({ page, request }) => {
  // A half-parsed justified list lays its first row out as the last one and
  // shifts when the rest arrives (Lighthouse, desktop, 200 pictures: CLS
  // 0.064–0.095 now and then). The list is invisible until the mark after it
  // is parsed; the page around it paints at once.
  const made = await request.post("/api/generations", { data: { model: "nano_banana_2", prompt: uniquePrompt("a list to stream") } });
  expect(made.status()).toBe(201);
  const html = await (await request.get("/")).text();
  expect(html).toMatch(/<\/ul><span hidden="" data-list-end=""><\/span>/);

  await page.goto("/");
  await expect(gallery(page)).toBeVisible();
  // One synchronous step: the mark is taken out, the list's style read, the
  // mark put back, before React can run. Taking it out across steps raced
  // hydration on a slow machine: React found the mark missing and rendered
  // the page anew, with another list.
  const seen = await page.evaluate(() => {
    const list = document.querySelector('ul[aria-label="Gallery"]')!;
    const mark = list.parentElement!.querySelector("[data-list-end]")!;
    const visibility = () => getComputedStyle(list).visibility;
    const parsed = visibility();
    // The moment before the browser has parsed the mark: the list is there, the mark not yet.
    mark.remove();
    const arriving = visibility();
    list.after(mark);
    return { parsed, arriving, again: visibility() };
  });
  expect(seen).toEqual({ parsed: "visible", arriving: "hidden", again: "visible" });
});

test("a change made right after the page starts applies to the list the server sent", async ({ page, request }) => {
  // Nothing is fetched at start, so SWR's cache is empty until its first own
  // request; its mutate(fn) reads the cache, not fallbackData, and a favorite
  // (or a cancel) made then used to act on nothing. Changes now fall back to
  // the list shown, which is the server's.
  const prompt = uniquePrompt("starred at once");
  const made = await request.post("/api/generations", { data: { model: "nano_banana_2", prompt } });
  expect(made.status()).toBe(201);
  const id = ((await made.json()) as { generations: { id: string }[] }).generations[0].id;
  await expect
    .poll(async () => ((await (await request.get(`/api/generations/${id}`)).json()) as { image: unknown }).image !== null, { timeout: 45_000 })
    .toBe(true);

  await page.goto("/");
  const star = card(page, prompt).getByRole("button", { name: `Favorite "${prompt}"` });
  await expect(star).toHaveAttribute("aria-pressed", "false");
  await star.click();
  await expect(star).toHaveAttribute("aria-pressed", "true");
  await expect.poll(async () => ((await (await request.get(`/api/generations/${id}`)).json()) as { favorite: boolean }).favorite).toBe(true);
  // Still the whole list: the picture kept its place and nothing else went.
  await expect(card(page, prompt)).toHaveCount(1);
});

test("a prompt typed and a language picked before the page's code has run are kept", async ({ page }) => {
  // The page is usable in the HTML alone; what was done there before
  // hydration reached no handler. A language picked then was lost (a flaky
  // preferences spec found it); the prompt is kept.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/chunks\/.+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/", { waitUntil: "domcontentloaded" });
  await page.getByLabel("Prompt", { exact: true }).fill("a kite over the dunes");
  await page.getByLabel("Language").selectOption("zh");
  release();
  await expect(page.getByRole("button", { name: "生成", exact: true })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  // Kept as React state, not only in the textarea: the count knows it and Generate is enabled.
  await expect(page.getByLabel("提示词", { exact: true })).toHaveValue("a kite over the dunes");
  await expect(page.getByText(/^21 \//)).toBeVisible();
  await expect(page.getByRole("button", { name: "生成", exact: true })).toBeEnabled();
});
