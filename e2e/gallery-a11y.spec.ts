import sharp from "sharp";
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { expect, test } from "./support/demo";
import { card, composerReady, gallery, generate, hydrated, pictureOf, screenshot, uniquePrompt } from "./support/studio-page";

// As a person meets them: a single picture made
// beside earlier batches keeps the gallery's row height and is sharp on a
// 2× screen; Retry puts the new picture where the failed one was, in its
// batch, and a picture refused for its content offers "Edit prompt"; with the
// keyboard alone, a skip link leads to the pictures, the gallery is one Tab
// stop with arrow keys inside, checkboxes say which picture they select, and
// a finished picture is announced; an edited picture's card says how many
// versions it has, and its Edit (or E) opens the viewer to edit it.

type Made = { generations: { id: string; batchId: string }[] };

async function make(request: APIRequestContext, body: Record<string, unknown>): Promise<Made> {
  const res = await request.post("/api/generations", { data: { model: "nano_banana_2", ...body } });
  expect(res.status()).toBe(201);
  return (await res.json()) as Made;
}

/** Until every generation of the batch has ended (completed with its picture, or failed). */
async function ended(request: APIRequestContext, batchId: string, count: number) {
  await expect
    .poll(
      async () => {
        const { items } = (await (await request.get(`/api/generations?batch=${batchId}`)).json()) as { items: { status: string; image: unknown }[] };
        return items.length === count && items.every((g) => g.status === "failed" || (g.status === "completed" && g.image !== null));
      },
      { timeout: 45_000 },
    )
    .toBe(true);
}

/** The gallery's row height as its CSS asks for it: clamp(150px, 25% of the list's width, 260px). */
async function rowHeight(page: Page): Promise<number> {
  const width = await gallery(page).evaluate((list) => list.parentElement!.clientWidth);
  return Math.min(260, Math.max(150, width / 4));
}

const focused = (page: Page) => page.locator(":focus");
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent?.trim() ?? "");

test.describe("item 4: a lone picture", () => {
  test.use({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 2 });

  test("made beside an earlier batch, it keeps the row height, and its picture is not smaller than its box", async ({ page, request }) => {
    // An earlier request of four squares: too wide to sit beside a new 16:9 picture.
    const earlier = await make(request, { prompt: uniquePrompt("four earlier squares"), aspectRatio: "1:1", count: 4 });
    await ended(request, earlier.generations[0].batchId, 4);
    await page.goto("/");
    await composerReady(page);
    const prompt = uniquePrompt("a lone lighthouse");
    await page.getByRole("radiogroup", { name: "Aspect ratio" }).getByRole("radio", { name: /16:9/ }).click();
    await generate(page, prompt);
    const img = await pictureOf(page, prompt);

    const box = (await card(page, prompt).boundingBox())!;
    const target = await rowHeight(page);
    // It used to fill the width: 980 × 547 px at this window size.
    expect(Math.abs(box.height - target), `card ${box.width}×${box.height}, row height ${target}`).toBeLessThanOrEqual(2);
    expect(box.width).toBeLessThan((await gallery(page).boundingBox())!.width / 2);

    // The picture the browser chose is at least as wide as the box on this 2× screen.
    const chosen = await img.evaluate((el) => (el as HTMLImageElement).currentSrc);
    const bytes = Buffer.from(await (await page.request.get(chosen)).body());
    const { width } = await sharp(bytes).metadata();
    expect(width!, `${chosen} for a ${box.width} px box at 2×`).toBeGreaterThanOrEqual(Math.floor(box.width * 2));
  });
});

test.describe("item 5: Retry", () => {
  test("the new picture takes the failed one's place in its batch, and the failed one goes", async ({ page, request }) => {
    // #flaky: the first task of this prompt fails (a model error), the next one succeeds.
    const prompt = uniquePrompt("two foxes #flaky");
    const made = await make(request, { prompt, count: 2 });
    const { batchId } = made.generations[0];
    await ended(request, batchId, 2);
    await page.goto("/");
    const batch = gallery(page).getByRole("group", { name: new RegExp(prompt.replace(/[#]/g, "\\$&")) });
    const cards = batch.getByRole("listitem");
    await expect(cards).toHaveCount(2);
    const failedAt = (await cards.allInnerTexts()).findIndex((text) => /didn't work out/.test(text));
    expect(failedAt).toBeGreaterThanOrEqual(0);

    await cards.nth(failedAt).getByRole("button", { name: /^Retry "/ }).click();
    // The batch still has two cards: the new one, a picture once it is made, where the failed one was.
    await expect(cards.nth(failedAt).getByRole("img", { name: prompt })).toBeVisible({ timeout: 45_000 });
    await expect(cards).toHaveCount(2);
    await expect(batch.getByText(/didn't work out/)).toHaveCount(0);
    await expect(card(page, prompt)).toHaveCount(2);

    const { items } = (await (await request.get(`/api/generations?batch=${batchId}`)).json()) as { items: { status: string }[] };
    expect(items.map((g) => g.status)).toEqual(["completed", "completed"]);
    await page.reload();
    await expect(gallery(page).getByRole("group", { name: new RegExp(prompt.replace(/[#]/g, "\\$&")) }).getByRole("img", { name: prompt })).toHaveCount(2);
  });

  test("a picture refused for its content offers Edit prompt, which fills the composer, instead of Retry", async ({ page }) => {
    await page.goto("/");
    await composerReady(page);
    const prompt = uniquePrompt("a forbidden garden #fail");
    await page.getByRole("radiogroup", { name: "Aspect ratio" }).getByRole("radio", { name: /9:16/ }).click();
    await generate(page, prompt);
    const refused = card(page, prompt).filter({ hasText: /didn't work out/ });
    await expect(refused).toBeVisible({ timeout: 30_000 });
    await expect(refused.getByRole("button", { name: /^Retry/ })).toHaveCount(0);

    await page.getByLabel("Prompt", { exact: true }).fill("something else");
    await page.getByRole("radiogroup", { name: "Aspect ratio" }).getByRole("radio", { name: /1:1/ }).click();
    await refused.getByRole("button", { name: `Edit the prompt of "${prompt}"` }).click();
    await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue(prompt);
    await expect(page.getByLabel("Prompt", { exact: true })).toBeFocused();
    await expect(page.getByRole("radiogroup", { name: "Aspect ratio" }).getByRole("radio", { name: /9:16/ })).toHaveAttribute("aria-checked", "true");
  });
});

test.describe("item 12: keyboard and screen reader", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  let prompts: string[] = [];
  test.beforeAll(async ({ request }) => {
    // Five squares, one request each, oldest first: two rows at this width (three, then two).
    prompts = [];
    for (const word of ["amber", "birch", "cedar", "dune", "elm"]) {
      const prompt = uniquePrompt(`a keyboard square of ${word}`);
      const made = await make(request, { prompt, aspectRatio: "1:1" });
      await ended(request, made.generations[0].batchId, 1);
      prompts.unshift(prompt);
    }
  });

  /** The card whose picture's button is named by this prompt: the gallery's Tab stop for it. */
  const pictureButton = (page: Page, prompt: string): Locator => card(page, prompt).getByRole("button", { name: prompt, exact: true });

  test("a skip link first, then the gallery is one Tab stop; arrow keys move between pictures", async ({ page }) => {
    await page.goto("/");
    for (const prompt of prompts) await pictureOf(page, prompt);

    await page.keyboard.press("Tab");
    await expect(focused(page)).toHaveText("Skip to pictures");
    await page.keyboard.press("Enter");
    await expect(pictureButton(page, prompts[0])).toBeFocused();

    // One Tab stop in the whole gallery while focus is elsewhere.
    await page.getByRole("searchbox", { name: "Search prompts" }).or(page.getByLabel("Search prompts")).first().focus();
    const stops = await gallery(page).evaluate(
      (list) => [...list.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea, [tabindex]")].filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled).length,
    );
    expect(stops).toBe(1);

    // Tab from a picture reaches its own buttons, then leaves the gallery: never another picture.
    await pictureButton(page, prompts[0]).focus();
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press("Tab");
      const inside = await gallery(page).evaluate((list) => list.contains(document.activeElement));
      if (!inside) break;
      seen.push(await focusedName(page));
    }
    expect(seen).toEqual([`Select “${prompts[0]}”`, `Save as template: ${prompts[0]}`, `Edit "${prompts[0]}"`, `Favorite "${prompts[0]}"`]);

    // Arrows: right, left, down to the next row, End and Home.
    await pictureButton(page, prompts[0]).focus();
    await page.keyboard.press("ArrowRight");
    await expect(pictureButton(page, prompts[1])).toBeFocused();
    await page.keyboard.press("ArrowLeft");
    await expect(pictureButton(page, prompts[0])).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(pictureButton(page, prompts[3])).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await expect(pictureButton(page, prompts[0])).toBeFocused();
    await page.keyboard.press("End");
    await expect(focused(page)).toHaveAttribute("data-card", /^gen_/);
    await page.keyboard.press("Home");
    await expect(pictureButton(page, prompts[0])).toBeFocused();

    // The card where focus was is the gallery's Tab stop from now on.
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    await expect(pictureButton(page, prompts[1])).toBeFocused();

    // Enter opens the viewer; Escape closes it and focus comes back to the picture.
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
    await expect(pictureButton(page, prompts[1])).toBeFocused();
  });

  test("checkboxes name their picture, and a finished picture is announced once", async ({ page }) => {
    await page.goto("/");
    for (const prompt of prompts) await pictureOf(page, prompt);
    // Each picture's checkbox says which picture it selects (they were all "Select picture").
    const labels: (string | null)[] = [];
    for (const prompt of prompts) {
      const box = card(page, prompt).getByRole("checkbox");
      await expect(box).toHaveAccessibleName(`Select “${prompt}”`);
      labels.push(await box.getAttribute("aria-label"));
    }
    expect(new Set(labels).size).toBe(prompts.length);

    // Pictures done before the page loaded are not announced.
    const outcomes = page.getByTestId("outcomes");
    await expect(outcomes).toHaveAttribute("aria-live", "polite");
    await expect(outcomes).toHaveText("");

    const prompt = uniquePrompt("an announced heron");
    await generate(page, prompt);
    await pictureOf(page, prompt);
    await expect(outcomes).toHaveText(`Finished: ${prompt}`);

    const failing = uniquePrompt("an announced failure #error");
    await generate(page, failing);
    await expect(outcomes).toHaveText(new RegExp(`^Failed: ${failing.replace(/[#]/g, "\\$&")}: `), { timeout: 30_000 });
  });
});

test.describe("edit threads: a card's versions and its Edit", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  /** WCAG's contrast ratio of an element's text colour on its own background colour (its alpha left out), as the page paints them. */
  const contrast = (badge: Locator) =>
    badge.evaluate((el) => {
      const style = getComputedStyle(el);
      const canvas = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
      const rgb = (color: string) => {
        canvas.clearRect(0, 0, 1, 1);
        canvas.fillStyle = color;
        canvas.fillRect(0, 0, 1, 1);
        return [...canvas.getImageData(0, 0, 1, 1).data.slice(0, 3)].map((c) => c / 255);
      };
      const luminance = (color: string) => {
        const [r, g, b] = rgb(color.replace(/\/\s*[\d.]+%?\s*\)$/, ")").replace(/^rgba\((.*),\s*[\d.]+\)$/, "rgb($1)"));
        const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
      };
      const [a, b] = [luminance(style.color), luminance(style.backgroundColor)].sort((x, y) => y - x);
      return { ratio: (a + 0.05) / (b + 0.05), background: style.backgroundColor };
    });

  test("an edited picture's card says how many versions it has, in light and dark; its Edit and the key E open the viewer on it", async ({ page, request }) => {
    const original = uniquePrompt("a versioned teapot");
    const made = await make(request, { prompt: original });
    await ended(request, made.generations[0].batchId, 1);
    // A version of it, made the way the viewer's "Describe a change…" makes one.
    const instruction = uniquePrompt("make it night");
    const edit = await make(request, { prompt: instruction, parentId: made.generations[0].id });
    await ended(request, edit.generations[0].batchId, 1);
    const editId = edit.generations[0].id;

    await page.goto("/");
    await pictureOf(page, instruction);
    // One card for the thread, its newest version's.
    await expect(card(page, original)).toHaveCount(0);
    const here = card(page, instruction);
    const open = here.getByRole("button", { name: instruction, exact: true });
    // Read with the card: the Tab stop's description, and text in its list item.
    await expect(open).toHaveAccessibleDescription("2 versions");
    const badge = here.getByText("2 versions", { exact: true });
    await expect(badge).toBeVisible();
    const shown: Record<string, string> = {};
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      const { ratio, background } = await contrast(badge);
      expect(ratio, `the badge's text on its background (${colorScheme})`).toBeGreaterThanOrEqual(4.5);
      shown[colorScheme] = background;
      await here.screenshot({ path: `test-results/screens/versions-badge-${colorScheme}.png` });
    }
    expect(shown.dark, "the dark theme draws its own badge").not.toBe(shown.light);
    await page.emulateMedia({ colorScheme: "light" });

    // E on the card opens the viewer on that picture (with its edit field focused); Close brings focus back.
    const viewer = page.getByRole("dialog");
    await hydrated(open);
    await open.focus();
    await page.keyboard.press("e");
    await expect(viewer).toBeVisible();
    await expect(viewer.getByRole("img", { name: instruction })).toHaveAttribute("src", `/api/images/${editId}`);
    await screenshot(page, "versions-edit-from-card");
    await viewer.getByRole("button", { name: "Close", exact: true }).click();
    await expect(viewer).toBeHidden();
    await expect(open).toBeFocused();
    // Not with a modifier: Ctrl+E is the browser's.
    await page.keyboard.press("Control+e");
    await expect(viewer).toBeHidden();

    // The card's Edit button, on hover or by Tab from the card, does the same.
    await here.hover();
    const editButton = here.getByRole("button", { name: `Edit "${instruction}"` });
    await expect(editButton).toHaveCSS("opacity", "1");
    await editButton.click();
    await expect(viewer).toBeVisible();
    await expect(viewer.getByRole("img", { name: instruction })).toHaveAttribute("src", `/api/images/${editId}`);
  });
});
