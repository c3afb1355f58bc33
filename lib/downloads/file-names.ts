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
// Word boundaries of every script, Thai's and Khmer's (no spaces) from ICU's dictionaries.
const words = new Intl.Segmenter(undefined, { granularity: "word" });
// Chinese and Japanese are cut between any two characters: each one carries meaning.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
// Left hanging before the ellipsis, these read as a mistake ("library, …").
const HANGING = /[\s,;:\-\u2013\u2014\u00b7\u3001\u3002\uff0c\uff1b\uff1a.\u200c\u200d]+$/u;
const ELLIPSIS = "…";

/**
 * The readable part of a picture's file name: the prompt, letters of every
 * script kept, anything a file system could trip on turned into a space. A
 * prompt longer than PROMPT_CHARACTERS is cut after its last whole word that
 * fits with an ellipsis (between characters in Chinese and Japanese, or
 * inside one endless word), never splitting a character (an emoji, an accented
 * letter), and never ending in a dot or a space, which Windows drops.
 */
export function promptStem(prompt: string): string {
  const cleaned = prompt.normalize("NFC").replace(UNSAFE, " ").replace(/\s+/g, " ").replace(LOOSE_ENDS, "");
  const characters = Array.from(graphemes.segment(cleaned), (g) => g.segment);
  if (characters.length <= PROMPT_CHARACTERS) return cleaned || "picture";
  const kept = characters.slice(0, PROMPT_CHARACTERS - 1).join("");
  const cut = kept.slice(0, lastBoundary(cleaned, kept.length)).replace(HANGING, "");
  return cut ? `${cut}${ELLIPSIS}` : "picture";
}

/**
 * Where to cut within the first `limit` UTF-16 units: the last word boundary
 * (or gap between two Chinese or Japanese characters) in reach; `limit`
 * itself (a grapheme boundary) when the nearest one would lose over half.
 */
function lastBoundary(text: string, limit: number): number {
  if (isBoundary(text, limit)) return limit;
  let best = 0;
  for (const { index } of words.segment(text)) {
    if (index > limit) break;
    best = index;
  }
  for (let i = limit - 1; i > best; i--) {
    if (CJK.test(text.charAt(i - 1)) && CJK.test(text.charAt(i))) {
      best = i;
      break;
    }
  }
  return best >= limit / 2 ? best : limit;
}

/** Whether the text may be cut at `at` without splitting a word. */
function isBoundary(text: string, at: number): boolean {
  const before = text.charAt(at - 1);
  const after = text.charAt(at);
  if (CJK.test(before) || CJK.test(after)) return true;
  for (const { index } of words.segment(text)) {
    if (index === at) return true;
    if (index > at) return false;
  }
  return false;
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
