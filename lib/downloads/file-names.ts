import "server-only";
import { extensionFor } from "@/lib/images";

/** How much of the prompt names a file: enough to recognize it, short enough for any file system. */
export const PROMPT_CHARACTERS = 50;

// Characters no file of the archive may carry: controls, invisible format
// characters (a right-to-left override could disguise an extension), broken
// UTF-16, path separators, and the ones Windows refuses in a name. The
// zero-width (non-)joiners stay: emoji sequences and several scripts
// (Persian, the Indic ones) are written with them.
const UNSAFE = /(?![\u200c\u200d])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}/\\<>:"|?*]/gu;
const LOOSE_ENDS = /^[\s\u200c\u200d]+|[\s.\u200c\u200d]+$/gu;
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The readable part of a picture's file name: the prompt's first characters,
 * letters of every script kept, anything a file system could trip on turned
 * into a space. Cut between whole characters (an emoji or an accented letter
 * is never split), and never ending in a dot or a space, which Windows drops.
 */
export function promptStem(prompt: string): string {
  const cleaned = prompt.normalize("NFC").replace(UNSAFE, " ").replace(/\s+/g, " ").replace(LOOSE_ENDS, "");
  const cut = Array.from(graphemes.segment(cleaned), (g) => g.segment)
    .slice(0, PROMPT_CHARACTERS)
    .join("");
  return cut.replace(LOOSE_ENDS, "") || "picture";
}

/**
 * `001 a red fox in the snow.png`: numbered in the order the pictures were
 * asked for, so names are unique even for one prompt made four times, and
 * sort in that order in every unzip tool.
 */
export function pictureFileName(input: { position: number; prompt: string; contentType: string }): string {
  const number = String(input.position).padStart(3, "0");
  return `${number} ${promptStem(input.prompt)}.${extensionFor(input.contentType)}`;
}

/** The archive's own name, as the download offers it. */
export const archiveFileName = (count: number) => `nano-studio-${count}-pictures.zip`;
