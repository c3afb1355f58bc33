import "server-only";
import { createHash } from "node:crypto";
import sharp, { type OverlayOptions } from "sharp";
import { pixelDimensions, type AspectRatio, type ImageSize, type ModelId } from "@/lib/models";
import { editedPicture, instructionBackdrop, instructionBand } from "./edit";
import type { Reference } from "./references";
import { drawText, headline } from "./text";

// Placeholder art that is obviously not a real generation (the DEMO label),
// yet tells a person at a glance which prompt, model, size and references it
// answers: different prompts give different colours and shapes.

export type RenderInput = {
  model: ModelId;
  size: ImageSize;
  aspectRatio: AspectRatio;
  prompt: string;
  references: readonly Reference[];
  /**
   * What tells two pictures of one prompt apart (the task's id): a real model
   * answers a count of 4 with four pictures, not one drawn four times. The
   * prompt picks the palette, this the composition.
   */
  variant: string;
};

// Measured at 4K (5504×3072): level 6 encodes in about 0.5 s, so no need to trade size for speed.
const PNG_COMPRESSION = 6;

/** A small deterministic generator seeded by the prompt, so the same prompt looks the same. */
function seededRandom(seedText: string): () => number {
  let state = createHash("sha256").update(seedText).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function backgroundSvg(width: number, height: number, prompt: string, variant: string): string {
  const palette = seededRandom(prompt);
  const hueA = Math.floor(palette() * 360);
  const hueB = (hueA + 60 + Math.floor(palette() * 120)) % 360;
  const angle = Math.floor(palette() * 360);
  const shapeHues = Array.from({ length: 4 }, () => Math.floor(palette() * 360));
  // The same prompt keeps its colours and light; each task lays out its shapes anew.
  const rnd = seededRandom(`${prompt}\u0000${variant}`);
  const unit = Math.min(width, height);
  const shapes: string[] = [];
  for (let i = 0; i < 14; i++) {
    const hue = shapeHues[Math.floor(rnd() * shapeHues.length)];
    const opacity = (0.12 + rnd() * 0.25).toFixed(2);
    const x = Math.round(rnd() * width);
    const y = Math.round(rnd() * height);
    const r = Math.round(unit * (0.05 + rnd() * 0.25));
    shapes.push(
      rnd() < 0.6
        ? `<circle cx="${x}" cy="${y}" r="${r}" fill="hsl(${hue},75%,60%)" fill-opacity="${opacity}"/>`
        : `<rect x="${x - r}" y="${y - r}" width="${2 * r}" height="${r}" rx="${Math.round(r / 6)}" ` +
            `transform="rotate(${Math.floor(rnd() * 180)} ${x} ${y})" fill="hsl(${hue},70%,55%)" fill-opacity="${opacity}"/>`,
    );
  }
  const band = { x: width * 0.07, y: height * 0.33, w: width * 0.86, h: height * 0.34 };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs><linearGradient id="g" gradientTransform="rotate(${angle} 0.5 0.5)">
<stop offset="0" stop-color="hsl(${hueA},70%,45%)"/><stop offset="1" stop-color="hsl(${hueB},65%,30%)"/>
</linearGradient></defs>
<rect width="${width}" height="${height}" fill="url(#g)"/>
${shapes.join("\n")}
<rect x="${band.x}" y="${band.y}" width="${band.w}" height="${band.h}" rx="${unit * 0.03}" fill="#000" fill-opacity="0.38"/>
</svg>`;
}

type Tile = { data: Buffer; width: number; height: number };

async function imageTile(thumbnail: Buffer, edge: number): Promise<Tile> {
  const border = Math.max(2, Math.round(edge * 0.03));
  const { data, info } = await sharp(thumbnail)
    .resize(edge - 2 * border, edge - 2 * border, { fit: "inside" })
    .extend({ top: border, bottom: border, left: border, right: border, background: "#ffffff" })
    .png()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function linkTile(host: string, edge: number): Promise<Tile> {
  const dash = Math.max(4, Math.round(edge * 0.05));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${edge}" height="${edge}">
<rect x="${dash / 2}" y="${dash / 2}" width="${edge - dash}" height="${edge - dash}" fill="#333" fill-opacity="0.7"
 stroke="#fff" stroke-width="${Math.max(2, dash / 2)}" stroke-dasharray="${dash} ${dash}"/></svg>`;
  const text = await drawText({ text: `URL\n${host}`, width: edge * 0.8, height: edge * 0.5 });
  const overlays: OverlayOptions[] = text
    ? [{ input: text.data, left: Math.round((edge - text.width) / 2), top: Math.round((edge - text.height) / 2) }]
    : [];
  const data = await sharp(Buffer.from(svg)).composite(overlays).png().toBuffer();
  return { data, width: edge, height: edge };
}

/** A strip of the references across the top, so a person sees they were used. */
async function referenceStrip(refs: readonly Reference[], width: number, height: number): Promise<OverlayOptions[]> {
  if (refs.length === 0) return [];
  const gap = Math.round(Math.min(width, height) * 0.02);
  const edge = Math.floor(Math.min(height * 0.24, (width * 0.9 - gap * (refs.length - 1)) / refs.length));
  const tiles = await Promise.all(
    refs.map((ref) => (ref.kind === "image" ? imageTile(ref.thumbnail, edge) : linkTile(ref.host, edge))),
  );
  const stripWidth = edge * refs.length + gap * (refs.length - 1);
  const left0 = Math.round((width - stripWidth) / 2);
  const top = Math.round(height * 0.05);
  // Each tile centred in its edge × edge slot, whatever the reference's shape.
  return tiles.map((tile, i) => ({
    input: tile.data,
    left: left0 + i * (edge + gap) + Math.floor((edge - tile.width) / 2),
    top: top + Math.floor((edge - tile.height) / 2),
  }));
}

async function demoLabel(input: RenderInput, width: number, height: number): Promise<OverlayOptions[]> {
  const n = input.references.length;
  const refs = n === 0 ? "" : ` · ${n} ref${n > 1 ? "s" : ""}`;
  const text = `DEMO · ${input.model} · ${input.size} · ${input.aspectRatio}${refs}`;
  const label = await drawText({ text, width: width * 0.6, height: height * 0.03, wrap: false });
  if (!label) return [];
  const pad = Math.max(4, Math.round(label.height * 0.35));
  const margin = Math.round(Math.min(width, height) * 0.025);
  const backing = {
    create: { width: label.width + 2 * pad, height: label.height + 2 * pad, channels: 4 as const, background: { r: 0, g: 0, b: 0, alpha: 0.55 } },
  };
  const top = height - margin - label.height - 2 * pad;
  return [
    { input: backing, left: margin, top },
    { input: label.data, left: margin + pad, top: top + pad },
  ];
}

/** The PNG for one task, at the size the real model would produce. */
export async function renderPicture(input: RenderInput): Promise<Buffer> {
  const { width, height } = pixelDimensions(input.size, input.aspectRatio);
  // An edit (a picture as the first reference) is that picture, changed, with the instruction under its caption.
  const parent = input.references[0]?.kind === "image" ? input.references[0].thumbnail : undefined;
  const band = parent ? instructionBand(width, height) : { left: 0, top: 0, width, height };
  const [title, strip, label] = await Promise.all([
    parent
      ? drawText({ text: headline(input.prompt), width: band.width * 0.92, height: band.height * 0.7 })
      : drawText({ text: headline(input.prompt), width: width * 0.8, height: height * 0.28 }),
    referenceStrip(parent ? input.references.slice(1) : input.references, width, height),
    demoLabel(input, width, height),
  ]);
  const overlays: OverlayOptions[] = [...strip, ...label];
  if (title) {
    overlays.unshift({
      input: title.data,
      left: band.left + Math.round((band.width - title.width) / 2),
      top: band.top + Math.round((band.height - title.height) / 2),
    });
  }
  if (parent) overlays.unshift({ input: instructionBackdrop(width, height) });
  const canvas = parent
    ? editedPicture(parent, width, height, input.prompt)
    : sharp(Buffer.from(backgroundSvg(width, height, input.prompt, input.variant)));
  return canvas
    .composite(overlays)
    .png({ compressionLevel: PNG_COMPRESSION })
    .toBuffer();
}
