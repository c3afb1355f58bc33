import "server-only";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { readReferences } from "./references";
import { renderPicture } from "./render";

// A demo edit looks like its parent, changed the way its words say.

const base = { model: "nano_banana_2", size: "1K", aspectRatio: "1:1", variant: "task_1" } as const;

const picture = (prompt: string) => renderPicture({ ...base, prompt, references: [] });

/** What the simulator gets when the studio sends `parent` as the first reference. */
async function edit(parent: Buffer, instruction: string): Promise<Buffer> {
  const references = await readReferences([`data:image/png;base64,${parent.toString("base64")}`]);
  return renderPicture({ ...base, prompt: instruction, references: references! });
}

/** 64×64 grey levels, and the mean of each colour channel. */
async function look(png: Buffer) {
  const grey = await sharp(png).resize(64, 64, { fit: "fill" }).greyscale().raw().toBuffer();
  const { channels } = await sharp(png).removeAlpha().stats();
  const [red, green, blue] = channels.map((c) => c.mean);
  return { grey, red, green, blue, light: (red + green + blue) / 3, chroma: Math.max(red, green, blue) - Math.min(red, green, blue) };
}

function correlation(a: Buffer, b: Buffer): number {
  const mean = (x: Buffer) => x.reduce((s, v) => s + v, 0) / x.length;
  const [ma, mb] = [mean(a), mean(b)];
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe("demo edits", () => {
  it("start from the parent picture: the edit is nearer to it than to any other", async () => {
    const parent = await picture("a red fox in the snow");
    const stranger = await picture("美丽的日出风景,金色的阳光洒在宁静的湖面上");
    const edited = await look(await edit(parent, "make it night"));
    const fromParent = correlation(edited.grey, (await look(parent)).grey);
    const fromStranger = correlation(edited.grey, (await look(stranger)).grey);
    expect(fromParent).toBeGreaterThan(0.4);
    expect(fromParent).toBeGreaterThan(fromStranger + 0.3);
  });

  it("keep the picture as it is when asked to (Render larger), in English and in Chinese", async () => {
    const parent = await picture("a lighthouse at dusk");
    const before = await look(parent);
    for (const kept of ["Render this picture larger; keep it unchanged.", "放大渲染这张图片，保持内容不变。"]) {
      const after = await look(await edit(parent, kept));
      // Only the band with the words differs: each colour's mean stays within a few levels.
      for (const channel of ["red", "green", "blue"] as const) expect(Math.abs(after[channel] - before[channel]), `${kept} ${channel}`).toBeLessThan(10);
      expect(correlation(after.grey, before.grey), kept).toBeGreaterThan(0.8);
    }
    // Other words change it: a hue turn of their own.
    const turned = await look(await edit(parent, "paint it with a new brush"));
    expect(Math.abs(turned.red - before.red)).toBeGreaterThan(20);
  });

  it("follow the instruction's words, in English and in Chinese", async () => {
    const parent = await picture("a lighthouse at dusk");
    const before = await look(parent);
    for (const night of ["make it night", "变成夜晚"]) {
      const after = await look(await edit(parent, night));
      expect(after.light, night).toBeLessThan(before.light * 0.7);
      expect(after.blue, night).toBeGreaterThan(after.red);
    }
    const snow = await look(await edit(parent, "add snow on the roofs"));
    expect(snow.chroma).toBeLessThan(before.chroma * 0.5);
    const red = await look(await edit(parent, "a red coat"));
    expect(red.red).toBeGreaterThan(red.blue);
  });

  it("change the picture for words they do not know, the same way each time", async () => {
    const parent = await picture("a quiet harbour");
    const [a, again, night] = await Promise.all([edit(parent, "add a hat"), edit(parent, "add a hat"), edit(parent, "make it night")]);
    const pixels = (png: Buffer) => sharp(png).removeAlpha().raw().toBuffer();
    expect((await pixels(a)).equals(await pixels(again))).toBe(true);
    expect((await pixels(a)).equals(await pixels(night))).toBe(false);
    const [changed, original] = await Promise.all([look(a), look(parent)]);
    expect(correlation(changed.grey, original.grey)).toBeGreaterThan(0.6);
    expect(Math.abs(changed.red - original.red) + Math.abs(changed.blue - original.blue)).toBeGreaterThan(10);
  });
});
