import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

// Text drawn with sharp (Pango). Prompts are often Chinese, which the system's
// default fonts may not cover, so the bundled Noto Sans SC is preferred.

const FONT_FILE = path.join(
  process.cwd(),
  "node_modules/@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",
);

let fontFile: string | null | undefined;
function bundledFont(): string | undefined {
  if (fontFile === undefined) fontFile = existsSync(FONT_FILE) ? FONT_FILE : null;
  return fontFile ?? undefined;
}

// sharp's text input is Pango markup, so a prompt like "a <b> & c" must be escaped.
function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export type TextImage = { data: Buffer; width: number; height: number };

/**
 * The text fitted into a width × height box (sharp picks the size), white by
 * default. Undefined when no font can draw it: a picture without its caption
 * beats a failed task.
 */
export async function drawText(params: {
  text: string;
  width: number;
  height: number;
  color?: string;
  wrap?: boolean;
}): Promise<TextImage | undefined> {
  const { text, width, height, color = "#ffffff", wrap = true } = params;
  const font = bundledFont();
  try {
    const { data, info } = await sharp({
      text: {
        text: `<span foreground="${color}">${escapeMarkup(text)}</span>`,
        font: font ? "Noto Sans SC Bold" : "sans-serif bold",
        fontfile: font,
        rgba: true,
        width: Math.max(1, Math.round(width)),
        height: Math.max(1, Math.round(height)),
        align: "centre",
        wrap: wrap ? "word-char" : "none",
      },
    })
      .png()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    return undefined;
  }
}

/** The prompt's first words, as large type: directives removed, about 40 characters. */
export function headline(prompt: string, max = 40): string {
  const text = prompt.replace(/#(fail|nourl)\b/gi, " ").replace(/\s+/g, " ").trim();
  // By code point, so an emoji is never cut in half.
  const chars = Array.from(text);
  if (chars.length <= max) return text || "…";
  const cut = chars.slice(0, max).join("");
  const space = cut.lastIndexOf(" ");
  // Cut at a word boundary when there is one; Chinese has none, so cut anywhere.
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
