import { describe, expect, it } from "vitest";
import { archiveFileName, pictureFileName, promptStem, PROMPT_CHARACTERS } from "./file-names";

const graphemesOf = (text: string) => Array.from(new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text), (g) => g.segment);

describe("file names in the archive", () => {
  it("are numbered in the order asked, named from the prompt, with the type's extension", () => {
    expect(pictureFileName({ position: 1, prompt: "a red fox in the snow", contentType: "image/png" })).toBe("001 a red fox in the snow.png");
    expect(pictureFileName({ position: 42, prompt: "a red fox", contentType: "image/jpeg" })).toBe("042 a red fox.jpg");
    expect(pictureFileName({ position: 200, prompt: "a red fox", contentType: "image/webp" })).toBe("200 a red fox.webp");
  });

  it("keep letters of every script", () => {
    expect(promptStem("雪中的狐狸，清晨的阳光")).toBe("雪中的狐狸，清晨的阳光");
    expect(promptStem("Ærøskøbing — café au lait")).toBe("Ærøskøbing — café au lait");
  });

  it("replace path separators, characters Windows refuses and control or invisible characters", () => {
    expect(promptStem('../../etc/passwd')).toBe(".. .. etc passwd");
    expect(promptStem('a\\b/c:d*e?f"g<h>i|j')).toBe("a b c d e f g h i j");
    expect(promptStem("tab\there\nnew line\u0000nul")).toBe("tab here new line nul");
    // A right-to-left override could make "gnp.exe" read as "exe.png".
    expect(promptStem("photo\u202Egnp.exe")).toBe("photo gnp.exe");
    expect(promptStem("zero\u200Bwidth")).toBe("zero width");
  });

  it("are trimmed, never end in a dot or a space, and fall back to 'picture'", () => {
    expect(promptStem("   spaced   out   ")).toBe("spaced out");
    expect(promptStem("the end...")).toBe("the end");
    expect(promptStem("/// ??? ***")).toBe("picture");
    expect(promptStem("")).toBe("picture");
  });

  it("keep a prompt that fits whole, with no ellipsis", () => {
    const fits = "a".repeat(PROMPT_CHARACTERS);
    expect(promptStem(fits)).toBe(fits);
    expect(promptStem("山".repeat(PROMPT_CHARACTERS))).toBe("山".repeat(PROMPT_CHARACTERS));
  });

  // "…reading to ow.png" was cut in the middle of a word.
  it(`cut a longer prompt after its last whole word, within ${PROMPT_CHARACTERS} characters with the ellipsis`, () => {
    const prompt = "at midnight, a witch in her tower is reading to owls by the fire";
    expect(promptStem(prompt)).toBe("at midnight, a witch in her tower is reading to…");
    expect(pictureFileName({ position: 7, prompt, contentType: "image/png" })).toBe("007 at midnight, a witch in her tower is reading to….png");
    // Punctuation or a dash left hanging before the cut goes too.
    expect(promptStem(`${"word ".repeat(8)}fortyish, and then some more words after it`)).toBe(`${"word ".repeat(8)}fortyish…`);
    for (const long of [prompt, "x ".repeat(60), `${"lorem ipsum dolor sit amet ".repeat(4)}`]) {
      const stem = promptStem(long);
      expect(Array.from(graphemesOf(stem)).length).toBeLessThanOrEqual(PROMPT_CHARACTERS);
      expect(stem.endsWith("…")).toBe(true);
      const kept = stem.slice(0, -1);
      // A whole word: what follows the kept part in the prompt is not a letter.
      expect(long.startsWith(kept)).toBe(true);
      expect(long.charAt(kept.length)).toMatch(/[^\p{L}\p{N}]/u);
    }
  });

  it("cut Chinese and Japanese (no spaces) between characters, and Thai between words", () => {
    expect(promptStem("山".repeat(80))).toBe(`${"山".repeat(PROMPT_CHARACTERS - 1)}…`);
    const japanese = "夕暮れの港で猫が魚を待っている。".repeat(5);
    const cut = promptStem(japanese);
    expect(cut).toBe(`${japanese.slice(0, PROMPT_CHARACTERS - 1)}…`);
    // Thai has no spaces either: its words come from the word segmenter, and none is split.
    const thai = "ภาษาไทยง่ายนิดเดียว".repeat(5);
    const thaiStem = promptStem(thai);
    expect(thaiStem.endsWith("…")).toBe(true);
    const words = Array.from(new Intl.Segmenter("th", { granularity: "word" }).segment(thai), (s) => s.index);
    expect(words).toContain(thaiStem.length - 1);
  });

  it("cut one endless word (no boundary in reach) between characters, never splitting one", () => {
    expect(promptStem("x".repeat(80))).toBe(`${"x".repeat(PROMPT_CHARACTERS - 1)}…`);
    // A family emoji is one character of seven code points; it is kept whole or not at all.
    const family = "👨‍👩‍👧‍👦";
    expect(promptStem(`${"a".repeat(PROMPT_CHARACTERS - 2)}${family}tail`)).toBe(`${"a".repeat(PROMPT_CHARACTERS - 2)}${family}…`);
    expect(promptStem(`${"a".repeat(PROMPT_CHARACTERS - 1)}${family}tail`)).toBe(`${"a".repeat(PROMPT_CHARACTERS - 1)}…`);
  });

  it("stay unique and safe when two long prompts differ only after the cut", () => {
    const base = "a very long prompt about a lighthouse on a cliff at dusk with";
    const names = [1, 2].map((position) => pictureFileName({ position, prompt: `${base} variant ${position}`, contentType: "image/png" }));
    expect(new Set(names).size).toBe(2);
    for (const name of names) {
      expect(name).not.toMatch(/[\\/<>:"|?*]|[. ]\.png$/);
      expect(name.normalize("NFC")).toBe(name);
    }
  });

  it("name the archive by its count", () => {
    expect(archiveFileName(3)).toBe("nano-studio-3-pictures.zip");
  });
});
