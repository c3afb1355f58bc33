import "server-only";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { renderPicture } from "./render";
import { client, clockedSimulator, pngDataUrl, readJson } from "./test-helpers";
import { headline } from "./text";

/** Submits, lets the task finish on the stepped clock, and downloads its picture. */
async function generate(body: Record<string, unknown>): Promise<{ bytes: Buffer; task: Record<string, any> }> {
  const { sim, advance } = clockedSimulator();
  const api = client(sim);
  const id = await api.create(body);
  advance(60_000);
  const task = await readJson(await api.poll(id));
  const res = await api.content(id);
  return { task, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function pixels(bytes: Buffer): Promise<Buffer> {
  return sharp(bytes).removeAlpha().raw().toBuffer();
}

/** The share of saturated pixels in each 30°-wide hue bin. */
function hueHistogram(rgb: Buffer): number[] {
  const bins = new Array<number>(12).fill(0);
  let counted = 0;
  for (let i = 0; i < rgb.length; i += 3) {
    const [r, g, b] = [rgb[i] / 255, rgb[i + 1] / 255, rgb[i + 2] / 255];
    const max = Math.max(r, g, b);
    const d = max - Math.min(r, g, b);
    if (d < 0.15) continue; // greys: the text band, the label
    const hue = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    bins[Math.floor(hue * 2) % 12]++;
    counted++;
  }
  return bins.map((n) => n / counted);
}

/** Half the L1 distance of two histograms: 0 the same, 1 nothing shared. */
const distance = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + Math.abs(x - b[i]), 0) / 2;

describe("rendered pictures", () => {
  it.each([
    ["nano_banana_2", undefined, "16:9", 1376, 768],
    ["nano_banana_2", "2K", "1:1", 2048, 2048],
    ["nano_banana_pro", undefined, "auto", 1024, 1024],
    ["nano_banana_pro-1K", "4K", "9:16", 768, 1376], // a fixed-size model ignores the requested size
    ["nano_banana_pro-2K", undefined, "9:16", 1536, 2752],
    ["nano_banana_pro-4K", undefined, "16:9", 5504, 3072],
  ])("%s at %s %s is %i×%i", async (model, imageSize, aspectRatio, width, height) => {
    const { bytes, task } = await generate({ model, prompt: "a lighthouse at dusk", metadata: { aspectRatio, imageSize } });
    expect(task.status).toBe("completed");
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: "png", width, height });
  });

  it("draws different prompts differently, and the same prompt and task the same", async () => {
    const base = { model: "nano_banana_2", size: "1K", aspectRatio: "1:1", references: [], variant: "task_1" } as const;
    const a = await renderPicture({ ...base, prompt: "a red fox" });
    const b = await renderPicture({ ...base, prompt: "美丽的日出风景,金色的阳光洒在宁静的湖面上" });
    const again = await renderPicture({ ...base, prompt: "a red fox" });
    expect((await pixels(a)).equals(await pixels(b))).toBe(false);
    expect((await pixels(a)).equals(await pixels(again))).toBe(true);
  });

  it("draws four tasks of one prompt as four compositions in the prompt's colours", async () => {
    const base = { model: "nano_banana_2", size: "1K", aspectRatio: "1:1", references: [], prompt: "a red fox" } as const;
    const four = await Promise.all(["task_1", "task_2", "task_3", "task_4"].map((variant) => renderPicture({ ...base, variant })));
    const drawn = await Promise.all(four.map(pixels));
    for (let i = 0; i < drawn.length; i++) {
      for (let j = i + 1; j < drawn.length; j++) expect(drawn[i].equals(drawn[j]), `tasks ${i + 1} and ${j + 1}`).toBe(false);
    }
    // The palette is the prompt's: the hues of every task of it are nearer
    // to each other than to another prompt's.
    const other = await renderPicture({ ...base, prompt: "美丽的日出风景,金色的阳光洒在宁静的湖面上", variant: "task_1" });
    const hues = async (png: Buffer) => hueHistogram(await sharp(png).removeAlpha().resize(64, 64, { fit: "fill" }).raw().toBuffer());
    const [first, ...rest] = await Promise.all(four.map(hues));
    const apart = distance(await hues(other), first);
    for (const h of rest) expect(distance(h, first)).toBeLessThan(apart);
  });

  it("shows data-URL references in the picture (image-to-image)", async () => {
    const body = { model: "nano_banana_2", prompt: "make it pop", metadata: { aspectRatio: "1:1" } };
    const plain = await generate(body);
    // The first reference is the picture an edit starts from (edit.test.ts); the others show in a strip.
    const [parent, ref] = await Promise.all([pngDataUrl("#3050ff", 120, 80), pngDataUrl("#00ff00", 120, 80)]);
    const withRef = await generate({ ...body, metadata: { aspectRatio: "1:1", urls: [parent, ref] } });
    expect((await pixels(plain.bytes)).equals(await pixels(withRef.bytes))).toBe(false);
    // The reference is pure green; somewhere in the top strip there must be pure green pixels.
    const { data, info } = await sharp(withRef.bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let green = 0;
    for (let i = 0; i < info.width * Math.floor(info.height * 0.3) * 3; i += 3) {
      if (data[i] < 10 && data[i + 1] > 245 && data[i + 2] < 10) green++;
    }
    expect(green).toBeGreaterThan(1000);
  });

  it("draws a placeholder for an http(s) reference without fetching it", async () => {
    const { task, bytes } = await generate({
      model: "nano_banana_2",
      prompt: "from a link",
      metadata: { urls: ["https://cdn.example.com/cat.jpg", await pngDataUrl("#123456")] },
    });
    expect(task.status).toBe("completed");
    expect((await sharp(bytes).metadata()).width).toBe(1024);
  });

  it("fails the task when a data-URL reference is not an image", async () => {
    const junk = `data:image/png;base64,${Buffer.from("not a picture").toString("base64")}`;
    const { task } = await generate({ model: "nano_banana_2", prompt: "x", metadata: { urls: [junk] } });
    expect(task.status).toBe("failed");
    expect(task.error.message).toBe("The reference image could not be read (simulated)");
    expect(task.fail_reason).toBe(task.error.message);
  });

  it("measures render times at 1K, 2K and 4K", async () => {
    const times: Record<string, number> = {};
    for (const size of ["1K", "2K", "4K"] as const) {
      const start = performance.now();
      await renderPicture({
        model: "nano_banana_pro",
        size,
        aspectRatio: "16:9",
        prompt: "美丽的日出风景, golden light over a quiet lake",
        references: [],
        variant: size,
      });
      times[size] = Math.round(performance.now() - start);
    }
    console.log(`simulator render times (ms): ${JSON.stringify(times)}`);
    expect(times["4K"]).toBeLessThan(10_000); // a figure to watch, with a generous bound for slow CI
  });
});

describe("headline", () => {
  it("keeps short prompts, cuts long ones at a word or anywhere for Chinese, and hides directives", () => {
    expect(headline("a red fox #nourl")).toBe("a red fox");
    expect(headline("one two three four five six seven eighteen nineteen")).toBe("one two three four five six seven…");
    expect(headline("美".repeat(50))).toBe(`${"美".repeat(40)}…`);
  });
});
