import type { Page } from "@playwright/test";
import { expect, test } from "./support/demo";
import { rewriteGenerations } from "./support/rewrite";
import { ownStudio } from "./support/own-studio";
import { card, gallery, generate, pictureOf, uniquePrompt } from "./support/studio-page";

// The edges a person meets around unfinished pictures: filtering by status,
// deleting and cancelling, retrying once whatever the clicks, a picture being
// saved, teammates' pictures arriving, and a page with an icon.

const FAILED = /didn't work out/;
const dialog = (page: Page) => page.getByRole("alertdialog");

async function failedCard(page: Page, prompt: string) {
  const failed = card(page, prompt).filter({ hasText: FAILED }).first();
  await expect(failed).toBeVisible({ timeout: 30_000 });
  return failed;
}

test.describe("on the shared demo server", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto("/");
    await expect(gallery(page).or(page.getByText("Your gallery is waiting"))).toBeVisible();
  });
  test.afterEach(async ({ page }) => {
    await page.unrouteAll({ behavior: "ignoreErrors" });
  });

  test("the status filter shows only failed ones, then only completed ones", async ({ page }) => {
    const good = uniquePrompt("a calm harbour");
    const bad = uniquePrompt("a stormy harbour #fail");
    await generate(page, good);
    await generate(page, bad);
    await pictureOf(page, good);
    await failedCard(page, bad);

    const status = page.getByRole("combobox", { name: "Status" });
    await status.selectOption({ label: "Failed" });
    await expect(card(page, good)).toHaveCount(0);
    await expect(card(page, bad)).toHaveCount(1);
    const cards = gallery(page).getByRole("listitem");
    await expect(cards.filter({ hasNotText: FAILED })).toHaveCount(0);

    await status.selectOption({ label: "Completed" });
    await expect(card(page, bad)).toHaveCount(0);
    await expect(card(page, good)).toHaveCount(1);
    await expect(cards.filter({ hasText: FAILED })).toHaveCount(0);

    await status.selectOption({ label: "All statuses" });
    await expect(card(page, bad)).toHaveCount(1);
    await expect(card(page, good)).toHaveCount(1);
  });

  test("a failed card can be deleted after confirming", async ({ page }) => {
    const prompt = uniquePrompt("a failed sketch #fail");
    await generate(page, prompt);
    const failed = await failedCard(page, prompt);
    await failed.screenshot({ path: "test-results/screens/failed-card-actions.png" });

    await failed.getByRole("button", { name: /^Delete "/ }).click();
    await expect(dialog(page)).toContainText("Delete this generation?");
    // Changing one's mind keeps the card.
    await dialog(page).getByRole("button", { name: "Cancel" }).click();
    await expect(card(page, prompt)).toHaveCount(1);

    await failed.getByRole("button", { name: /^Delete "/ }).click();
    await dialog(page).getByRole("button", { name: "Delete", exact: true }).click();
    await expect(dialog(page)).toHaveCount(0);
    await expect(card(page, prompt)).toHaveCount(0);
    await page.reload();
    await expect(gallery(page)).toBeVisible();
    await expect(card(page, prompt)).toHaveCount(0);
  });

  test("a double-clicked Retry makes exactly one new generation, in the failed one's place", async ({ page }) => {
    const prompt = uniquePrompt("try me twice #error");
    await generate(page, prompt);
    const failed = await failedCard(page, prompt);
    const original = await failed.locator("[data-card]").getAttribute("data-card");
    const keys: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().endsWith("/retry")) keys.push(r.postDataJSON().idempotencyKey);
    });
    await failed.getByRole("button", { name: /^Retry "/ }).dblclick();
    // The retry takes the failed card's place: still one card, now another generation.
    await expect(card(page, prompt).locator("[data-card]")).not.toHaveAttribute("data-card", original!);
    await expect(card(page, prompt)).toHaveCount(1);
    await page.waitForTimeout(1_500);
    // The browser's half: every request of this card's retry carries one key.
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(new Set(keys).size).toBe(1);
    // The server's half: that key makes one generation, and the failed one is gone.
    const list = await (await page.request.get(`/api/generations?q=${encodeURIComponent(prompt)}`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].id).not.toBe(original);
    await expect(card(page, prompt)).toHaveCount(1);
  });

  test("two retry requests with one key make one generation (the server's half)", async ({ page }) => {
    const prompt = uniquePrompt("retried by a script #fail");
    await generate(page, prompt);
    await failedCard(page, prompt);
    const { items } = await (await page.request.get(`/api/generations?q=${encodeURIComponent(prompt)}`)).json();
    const key = `e2e-${Math.random().toString(36).slice(2)}`;
    const answers = await Promise.all(
      [0, 1].map(() => page.request.post(`/api/generations/${items[0].id}/retry`, { data: { idempotencyKey: key } })),
    );
    expect(answers.map((a) => a.status())).toEqual([201, 201]);
    const [a, b] = await Promise.all(answers.map((r) => r.json()));
    expect(a.generations[0].id).toBe(b.generations[0].id);
    // The retry took the failed one's place: one generation with this prompt, the new one.
    const after = await (await page.request.get(`/api/generations?q=${encodeURIComponent(prompt)}`)).json();
    expect(after.items.map((g: { id: string }) => g.id)).toEqual([a.generations[0].id]);
  });

  test("an unknown-outcome card names the risk before retrying; a not-sent one retries at once", async ({ page }) => {
    // The simulator cannot lose track of a task on demand: the answers are rewritten on their way in.
    await rewriteGenerations(page, (g) => {
      if (g.status !== "failed") return g;
      if (g.prompt.includes("#unknown"))
        return { ...g, error: { code: "unknown_outcome", message: "The gateway did not answer; the task may exist." } };
      if (g.prompt.includes("#unsent")) return { ...g, error: { code: "not_sent", message: "Nothing was sent to the gateway." } };
      return g;
    });
    const unknown = uniquePrompt("lost in transit #unknown #fail");
    await generate(page, unknown);
    const risky = card(page, unknown).filter({ hasText: "may exist" }).first();
    await expect(risky).toBeVisible({ timeout: 30_000 });

    await risky.getByRole("button", { name: /^Retry "/ }).click();
    await expect(dialog(page)).toContainText("already have been made and billed");
    await expect(dialog(page)).toContainText("gateway's task list");
    await dialog(page).getByRole("button", { name: "Don't retry" }).click();
    await expect(dialog(page)).toHaveCount(0);
    await page.waitForTimeout(500);
    await expect(card(page, unknown)).toHaveCount(1);

    const riskyId = await risky.locator("[data-card]").getAttribute("data-card");
    await risky.getByRole("button", { name: /^Retry "/ }).click();
    await dialog(page).getByRole("button", { name: "Retry anyway" }).click();
    // The retry takes the failed card's place: one card, another generation.
    await expect(card(page, unknown).locator("[data-card]")).not.toHaveAttribute("data-card", riskyId!);
    await expect(card(page, unknown)).toHaveCount(1);

    const unsent = uniquePrompt("never left #unsent #fail");
    await generate(page, unsent);
    const plain = card(page, unsent).filter({ hasText: "Nothing was sent" }).first();
    await expect(plain).toBeVisible({ timeout: 30_000 });
    const plainId = await plain.locator("[data-card]").getAttribute("data-card");
    await plain.getByRole("button", { name: /^Retry "/ }).click();
    await expect(card(page, unsent).locator("[data-card]")).not.toHaveAttribute("data-card", plainId!);
    await expect(card(page, unsent)).toHaveCount(1);
    await expect(dialog(page)).toHaveCount(0);
  });

  test("a picture being saved says so, never looks failed", async ({ page }) => {
    await rewriteGenerations(page, (g) =>
      g.prompt.includes("#stuck")
        ? { ...g, status: "processing", progress: 100, image: null, completedAt: null, saving: { since: g.createdAt, reason: "storage is not answering" } }
        : g,
    );
    const prompt = uniquePrompt("kept safe #stuck");
    await generate(page, prompt);
    const saving = card(page, prompt);
    await expect(saving).toContainText("Saving…", { timeout: 30_000 });
    await expect(saving).toContainText("storage is not answering");
    await expect(saving.getByRole("progressbar")).toHaveAttribute("aria-valuetext", "Saving… (storage is not answering)");
    await expect(saving).not.toContainText(FAILED);
    // It exists and is paid for: nothing to cancel.
    await expect(saving.getByRole("button", { name: /^Cancel "/ })).toHaveCount(0);
    await saving.screenshot({ path: "test-results/screens/saving-card.png" });
  });

  test("a teammate's picture appears in an idle gallery within 10 s, each check before it one request answered 304", async ({ page, playwright, baseURL }) => {
    const prompt = uniquePrompt("made by a teammate");
    // The gallery's checks: its first page asked for again (no status, no cursor).
    const isCheck = (url: URL) => url.pathname === "/api/generations" && !url.searchParams.has("status") && !url.searchParams.has("cursor");
    const checks: { ifNoneMatch?: string; status: number }[] = [];
    const calls: string[] = [];
    page.on("request", (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith("/api/") && !url.pathname.startsWith("/api/images/")) calls.push(`${url.pathname}${url.search}`);
    });
    page.on("response", (r) => {
      if (isCheck(new URL(r.url()))) checks.push({ ifNoneMatch: r.request().headers()["if-none-match"], status: r.status() });
    });
    // The page's clock runs as usual, but the 8 s checks for teammates'
    // pictures are reached by jumping ahead instead of waiting for them.
    await page.clock.install();
    await page.goto("/");
    // The page has read everything there is and nothing of ours is in progress, so no poll is running.
    await page.waitForLoadState("networkidle");
    // The first check reads the page in full; later ones send its tag, answered 304 once the
    // studio's last change (an earlier test's) is two seconds old.
    await expect
      .poll(async () => {
        await page.clock.fastForward("00:08");
        return checks.at(-1)?.status;
      })
      .toBe(304);

    await test.step("idle: one request per interval, conditional, answered 304", async () => {
      const before = calls.length;
      const next = page.waitForResponse((r) => isCheck(new URL(r.url())));
      await page.clock.fastForward("00:08");
      const answer = await next;
      expect(answer.status()).toBe(304);
      expect(answer.request().headers()["if-none-match"]).toMatch(/^"/);
      // The account menu's own read of the person's limits (every 30 s when idle) may fall in
      // the same jump; the gallery asks for nothing else.
      expect(calls.slice(before).filter((call) => !call.startsWith("/api/session"))).toHaveLength(1);
    });

    // Another person's script, not this page: nothing of ours is in progress.
    const teammate = await playwright.request.newContext({ baseURL });
    const res = await teammate.post("/api/generations", { data: { model: "nano_banana_2", prompt } });
    expect(res.status()).toBe(201);
    await teammate.dispose();
    // The next check is at most 8 s of the page's time away; 2 s more for it to arrive: within 10 s.
    await page.clock.fastForward("00:08");
    await expect(card(page, prompt)).toBeVisible({ timeout: 2_000 });
    expect(checks.at(-1)?.status).toBe(200);
    await pictureOf(page, prompt);
  });

  test("the page has an icon and nothing 404s on load", async ({ page }) => {
    const missing: string[] = [];
    const errors: string[] = [];
    page.on("response", (r) => {
      if (r.status() === 404) missing.push(r.url());
    });
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    const icon = page.locator('link[rel="icon"]').first();
    await expect(icon).toHaveAttribute("href", /.+/);
    for (const href of await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href))) {
      const r = await page.request.get(href);
      expect(r.status(), href).toBe(200);
      expect(r.headers()["content-type"]).toMatch(/^image\//);
    }
    const ico = await page.request.get("/favicon.ico");
    expect(ico.status()).toBe(200);
    expect(ico.headers()["content-type"]).toMatch(/icon/);
    expect(missing).toEqual([]);
    expect(errors).toEqual([]);
  });
});

// Tasks slow enough to be caught in progress, on a server of this file's own.
test.describe("in progress, on a slow simulator", () => {
  // 0.2: a picture takes about 20 s, several times what the steps below need to see it in progress.
  const studio = ownStudio({ env: { SIMULATOR_SPEED: "0.2", STUDIO_POLL_INTERVAL_MS: "500" } });
  test.beforeEach(async ({ page }) => {
    await page.goto(studio.url);
  });

  test("an in-progress picture can be cancelled, with a warning about billing; if it still arrives it is kept", async ({ page }) => {
    // A picture takes about 20 s here: the gateway has no cancel, so the cancelled one still arrives.
    test.setTimeout(120_000);
    const prompt = uniquePrompt("changed my mind");
    await generate(page, prompt);
    const busy = card(page, prompt);
    await expect(busy.getByRole("progressbar")).toBeVisible();
    await busy.screenshot({ path: "test-results/screens/progress-card-actions.png" });

    await busy.getByRole("button", { name: /^Cancel "/ }).click();
    await expect(dialog(page)).toContainText("Cancel this picture?");
    await expect(dialog(page)).toContainText("billed either way");
    await dialog(page).getByRole("button", { name: "Keep waiting" }).click();
    await expect(busy.getByRole("progressbar")).toBeVisible();

    await busy.getByRole("button", { name: /^Cancel "/ }).click();
    await dialog(page).getByRole("button", { name: "Cancel picture" }).click();
    await expect(dialog(page)).toHaveCount(0);
    // Still in flight (and billed): said so, with nothing left to cancel.
    await expect(busy).toContainText("Cancelled — the gateway may still finish it");
    await expect(busy.getByRole("progressbar")).toBeVisible();
    await expect(busy.getByRole("button", { name: /^Cancel "/ })).toHaveCount(0);
    const list = await (await page.request.get(`${studio.url}/api/generations?q=${encodeURIComponent(prompt)}`)).json();
    expect(["submitting", "queued", "processing"]).toContain(list.items[0].status);
    expect(list.items[0].cancelledAt).not.toBeNull();
    await page.reload();
    await expect(card(page, prompt)).toContainText("Cancelled — the gateway may still finish it");
    // The gateway finishes it: the picture is kept, and says it came after the cancel.
    await pictureOf(page, prompt, 90_000);
    await expect(card(page, prompt)).toContainText("Arrived after it was cancelled.");
  });

  test("an in-progress picture can be deleted after confirming", async ({ page }) => {
    const prompt = uniquePrompt("gone before done");
    await generate(page, prompt);
    const busy = card(page, prompt);
    await expect(busy.getByRole("progressbar")).toBeVisible();
    await busy.getByRole("button", { name: /^Delete "/ }).click();
    await expect(dialog(page)).toContainText("may still finish and be billed");
    await dialog(page).getByRole("button", { name: "Delete", exact: true }).click();
    await expect(card(page, prompt)).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("heading", { name: "Nano Studio" })).toBeVisible();
    await expect(card(page, prompt)).toHaveCount(0);
  });
});
