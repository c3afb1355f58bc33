import "server-only";
import { createHash } from "node:crypto";
import sharp, { type Sharp } from "sharp";

// A demo edit: with a picture as its first reference, the simulator answers
// with that picture changed, so a person trying the studio with no key sees
// an edit look like its parent. Which change is decided by the instruction's
// words (English or Chinese), the way a real model follows them, and a
// sentence it does not know still changes the colours, by its own hash.

type Change = { words: RegExp; apply(picture: Sharp): Sharp };

const CHANGES: Change[] = [
  // Render larger asks for the same picture: kept as it is (the band says what was asked).
  { words: /\b(unchanged|as it is)\b|保持不变|不变/i, apply: (p) => p },
  { words: /\b(night|dark|evening|moon(lit)?)\b|夜|晚上|黑暗/i, apply: (p) => p.modulate({ brightness: 0.45, saturation: 0.7 }).tint({ r: 70, g: 90, b: 190 }) },
  { words: /\b(snow|snowy|winter|frost)\b|雪|冬/i, apply: (p) => p.modulate({ brightness: 1.3, saturation: 0.25 }) },
  { words: /\b(sunset|golden|warm|autumn)\b|夕阳|黄昏|金色|秋/i, apply: (p) => p.tint({ r: 255, g: 160, b: 70 }) },
  { words: /\b(black and white|monochrome|grey|gray)\b|黑白|灰色/i, apply: (p) => p.grayscale() },
  { words: /\b(remove|erase|without|delete)\b|去掉|删除|移除|去除/i, apply: (p) => p.blur(6) },
  { words: /\bred\b|红/i, apply: (p) => p.tint({ r: 230, g: 40, b: 40 }) },
  { words: /\bblue\b|蓝/i, apply: (p) => p.tint({ r: 40, g: 90, b: 230 }) },
  { words: /\bgreen\b|绿/i, apply: (p) => p.tint({ r: 40, g: 200, b: 80 }) },
];

/** The change an instruction asks for: the first whose words it uses, else a hue turn of its own. */
function changeFor(instruction: string): (picture: Sharp) => Sharp {
  const known = CHANGES.find((c) => c.words.test(instruction));
  if (known) return known.apply;
  const turn = 60 + (createHash("sha256").update(instruction).digest().readUInt16LE(0) % 240);
  return (p) => p.modulate({ hue: turn });
}

/** Where an edit writes its instruction: a band low on the picture, leaving the parent's own caption in view. */
export function instructionBand(width: number, height: number) {
  return { left: Math.round(width * 0.07), top: Math.round(height * 0.72), width: Math.round(width * 0.86), height: Math.round(height * 0.15) };
}

/**
 * The parent picture at width × height, changed as the instruction says: a
 * pipeline, so the caption is drawn on it and the picture encoded once.
 */
export function editedPicture(parent: Buffer, width: number, height: number, instruction: string): Sharp {
  // RGBA like the prompt's art: every simulated picture has the same channels.
  return changeFor(instruction)(sharp(parent).resize(width, height, { fit: "cover" }).removeAlpha()).ensureAlpha();
}

/** The dark band the instruction is written on (an SVG overlay of the whole picture). */
export function instructionBackdrop(width: number, height: number): Buffer {
  const band = instructionBand(width, height);
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect x="${band.left}" y="${band.top}" width="${band.width}" height="${band.height}" rx="${Math.min(width, height) * 0.03}" fill="#000" fill-opacity="0.55"/>
</svg>`);
}
