import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import sharp from "sharp";

// A person's steps on the studio page, named the way they would say them.

export const uniquePrompt = (words: string) => `${words} ${Math.random().toString(36).slice(2, 7)}`;

export function gallery(page: Page): Locator {
  return page.getByRole("list", { name: /^(Gallery|图库)$/ });
}

/** One picture's card: a list item of the gallery, not a batch's group around several of them. */
export function card(page: Page, prompt: string): Locator {
  return gallery(page).getByRole("listitem").filter({ hasText: prompt, hasNot: page.getByRole("listitem") });
}

/**
 * Until React has hydrated `target`. The server's HTML shows working buttons
 * before the page's code runs, and a click on one then reaches no handler (a
 * typed prompt is kept, a picked count or a Sign out is not): on a busy
 * machine a test would click "2 pictures" and get one.
 */
export async function hydrated(target: Locator) {
  await target.evaluate(
    (el) =>
      new Promise<void>((resolve) => {
        const check = () => (Object.keys(el).some((key) => key.startsWith("__reactProps$")) ? resolve() : setTimeout(check, 50));
        check();
      }),
  );
}

/**
 * Until React has hydrated the element `find` gives, looked up afresh each
 * time: a page rendered on the server has its HTML replaced, so an element
 * found before hydration may never be hydrated itself.
 */
export async function hydratedNow(find: () => Locator) {
  await expect
    .poll(() => find().evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactProps$"))).catch(() => false), { timeout: 30_000 })
    .toBe(true);
}

/** Until the composer (and the page around it) has hydrated: see `hydrated`. */
export async function composerReady(page: Page) {
  await hydrated(page.getByRole("button", { name: /^(Generate|生成)$/ }).first());
}

export async function generate(page: Page, prompt: string) {
  await composerReady(page);
  await page.getByLabel("Prompt", { exact: true }).fill(prompt);
  await page.getByRole("button", { name: "Generate", exact: true }).click();
}

/** Waits until the card shows its picture (the generation completed and was stored). */
export async function pictureOf(page: Page, prompt: string, timeout = 45_000): Promise<Locator> {
  const img = card(page, prompt).getByRole("img", { name: prompt }).first();
  await img.waitFor({ state: "visible", timeout });
  await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle(), { timeout });
  return img;
}

export async function pngFile(name: string, color: string, width = 320, height = 240) {
  const buffer = await sharp({ create: { width, height, channels: 3, background: color } }).png().toBuffer();
  return { name, mimeType: "image/png", buffer };
}

/** Drops files on the page the way a file manager does (a real drop event with a DataTransfer). */
export async function dropFiles(page: Page, target: Locator, files: { name: string; mimeType: string; buffer: Buffer }[]) {
  const payload = files.map((f) => ({ name: f.name, type: f.mimeType, data: f.buffer.toString("base64") }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.data), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], item.name, { type: item.type }));
    }
    return dt;
  }, payload);
  await target.dispatchEvent("dragenter", { dataTransfer });
  await target.dispatchEvent("dragover", { dataTransfer });
  await target.dispatchEvent("drop", { dataTransfer });
}

/** Pastes an image as if copied from another app. */
export async function pasteImage(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.evaluate(
    ({ name, type, data }) => {
      const dt = new DataTransfer();
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], name, { type }));
      const event = new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true });
      (document.activeElement ?? document.body).dispatchEvent(event);
    },
    { name: file.name, type: file.mimeType, data: file.buffer.toString("base64") },
  );
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: false });
}

/** A picture made through the API (Nano Banana 2, 16:9 unless `body` says otherwise) and waited for until finished; its id. */
export async function finishedPicture(request: APIRequestContext, body: Record<string, unknown>): Promise<string> {
  const res = await request.post("/api/generations", { data: { model: "nano_banana_2", aspectRatio: "16:9", ...body } });
  expect(res.status()).toBe(201);
  const [made] = ((await res.json()) as { generations: { id: string }[] }).generations;
  await expect
    .poll(async () => ((await (await request.get(`/api/generations/${made.id}`)).json()) as { status: string }).status, { timeout: 30_000 })
    .toBe("completed");
  return made.id;
}
