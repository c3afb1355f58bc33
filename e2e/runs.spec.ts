import type { Page } from "@playwright/test";
import { expect, test } from "./support/demo";
import { finishedPicture, hydratedNow, uniquePrompt } from "./support/studio-page";
import { readZip } from "./support/zip";

// The prompt library's bulk run, in demo mode: a picture saved as a template
// with two blanks, run from a pasted three-row table after reading the
// mistakes and the preview, then found in the gallery as one run with its
// progress and its ZIP, whose metadata carries each row's values. Then in
// Chinese on a phone in dark mode, from the composer: a table too long, and
// a preview that fits the screen.

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;

const TABLE = ["product\tsurface", "ceramic mug\toak", "brass lamp\tmarble", "绿茶罐\t石板"].join("\n");

test("a picture saved as a template with two blanks, run from a pasted three-row table after its preview: one run in the gallery, with its ZIP", async ({ page, request }) => {
  const tail = uniquePrompt("soft window light");
  const id = await finishedPicture(request, { prompt: `product photo of a ceramic mug on oak, ${tail}`, aspectRatio: "1:1" });
  const name = uniquePrompt("Product shot");

  // Save as template from the viewer, the picture's words turned into two blanks.
  await page.goto(`/p/${id}`);
  const save = () => page.getByRole("button", { name: "Save as template…" });
  await hydratedNow(save);
  await save().click();
  const form = page.getByRole("dialog", { name: "Save the picture as a template" });
  await form.getByLabel("Template name").fill(name);
  await form.getByLabel("Prompt", { exact: true }).fill(`product photo of {product} on {surface}, ${tail}`);
  await expect(form.getByText("Blanks: product, surface")).toBeVisible();
  await form.getByRole("button", { name: "Save template" }).click();
  await expect(form.getByRole("status")).toHaveText(`Template “${name}” saved.`);
  await form.getByRole("link", { name: "Open templates" }).click();

  // From /templates: the table, its mistakes named by row and column first.
  const runButton = () => page.getByRole("article", { name, exact: true }).getByRole("button", { name: `Run “${name}” from a table` });
  await hydratedNow(runButton);
  await runButton().click();
  const dialog = page.getByRole("dialog", { name: `Run “${name}” from a table` });
  const table = dialog.getByLabel("Table");
  await expect(table).toBeFocused();
  await table.fill("product\tcolour\nmug\tred");
  await expect(dialog.getByRole("listitem")).toHaveText([
    "Row 1, column “colour”: unknown column, not a blank of this template (product, surface).",
    "Row 1: no column for the blank “surface”.",
  ]);
  await expect(dialog.getByRole("button", { name: "Run 0 pictures" })).toBeDisabled();
  await table.fill("product\tsurface\nmug\toak\nlamp\t\nvase\tslate\textra");
  await expect(dialog.getByRole("listitem")).toHaveText([
    "Row 3, column “surface”: empty value.",
    "Row 4 is too long: 3 values, but the header names fewer columns (column 3 has no name).",
  ]);

  // The preview: every prompt with its row, the pictures, the price, what is left.
  await table.fill(TABLE);
  await expect(dialog.getByTestId("run-summary")).toHaveText("3 rows × 1 picture = 3 pictures · No price is set for this model and size.");
  const rows = dialog.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText(`Row 2ceramic mugoakproduct photo of ceramic mug on oak, ${tail}`);
  await expect(rows.nth(3)).toContainText(`product photo of 绿茶罐 on 石板, ${tail}`);
  await expect(dialog.getByText(/^Today: \d+ pictures$/)).toBeVisible();
  await dialog.getByRole("button", { name: "Run 3 pictures" }).click();

  // The run in the gallery: its three rows, each its own batch, and its progress.
  await expect(page).toHaveURL(/\/\?run=run_[0-9A-Z]{26}$/);
  const runId = new URL(page.url()).searchParams.get("run")!;
  const run = await (await request.get(`/api/runs/${runId}`)).json();
  expect(run).toMatchObject({ templateId: expect.stringMatching(/^tpl_/), rows: [{ product: "ceramic mug", surface: "oak" }, { product: "brass lamp", surface: "marble" }, { product: "绿茶罐", surface: "石板" }] });
  await expectRunInGallery(page, { name, done: 3 });

  // Its ZIP: the three pictures in the table's order, each row's values in metadata.json.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("region", { name: "Run", exact: true }).getByRole("button", { name: "Download ZIP" }).click()]);
  const zip = readZip(await download.path());
  expect(zip.crcOk).toBe(true);
  expect(zip.metadata.map((m) => m.values)).toEqual(run.rows);
  expect(zip.metadata.every((m) => m.runId === runId)).toBe(true);
});

/** The gallery filtered to the run: its name and "N of N done". */
async function expectRunInGallery(page: Page, input: { name: string; done: number }) {
  const header = page.getByRole("region", { name: "Run", exact: true });
  await expect(header).toContainText(input.name);
  await expect(header.getByTestId("run-progress")).toHaveText(`${input.done} of ${input.done} done`, { timeout: 45_000 });
}

test.describe("in Chinese, on a phone, in dark mode", () => {
  test.use({ ...PHONE, colorScheme: "dark" });

  test("from the composer: a table too long is refused with its count, a good one previewed within the screen, Cancel sends nothing", async ({ page, request, baseURL }) => {
    const name = uniquePrompt("商品图");
    const made = await request.post("/api/templates", { data: { name, prompt: "{产品}放在{表面}上的商品照片", model: "nano_banana_2", aspectRatio: "1:1" } });
    expect(made.status()).toBe(201);
    const template = (await made.json()) as { id: string };
    await page.context().addCookies([
      { name: "studio-locale", value: "zh", url: baseURL! },
      { name: "studio-theme", value: "dark", url: baseURL! },
    ]);
    const before = ((await (await request.get("/api/generations?versions=all&limit=100")).json()) as { items: unknown[] }).items.length;

    // The template chosen from its link on /templates puts it in the composer.
    await page.goto(`/?template=${template.id}`);
    const blanks = page.getByRole("group", { name: `模板“${name}”` });
    const open = blanks.getByRole("button", { name: `用表格批量运行“${name}”` });
    await hydratedNow(() => open);
    await open.click();
    const dialog = page.getByRole("dialog", { name: `用表格运行“${name}”` });
    const table = dialog.getByLabel("表格");
    await table.fill(["产品,表面", ...Array.from({ length: 101 }, (_, i) => `杯子${i},木头`)].join("\n"));
    await expect(dialog.getByRole("listitem")).toHaveText(["表格有 101 行数据：一次最多 100 行。"]);
    await table.fill("产品,表面\n杯子,木头\n台灯,大理石");
    await expect(dialog.getByTestId("run-summary")).toHaveText(/^2 行 × 1 张图片 = 2 张图片/);
    await expect(dialog.getByRole("button", { name: "运行 2 张图片" })).toBeEnabled();
    // Nothing wider than the phone: the preview's table scrolls inside the dialog.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await dialog.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await dialog.getByRole("button", { name: "取消" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(open).toBeFocused();
    const after = ((await (await request.get("/api/generations?versions=all&limit=100")).json()) as { items: unknown[] }).items.length;
    expect(after).toBe(before);
  });
});
