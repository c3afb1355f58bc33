import { describe, expect, it } from "vitest";
import { archiveFileName, pictureFileName, promptStem, PROMPT_CHARACTERS } from "./file-names";

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

  it(`keep the first ${PROMPT_CHARACTERS} characters, never splitting one`, () => {
    expect(promptStem("x".repeat(80))).toHaveLength(PROMPT_CHARACTERS);
    const chinese = "山".repeat(80);
    expect(promptStem(chinese)).toBe("山".repeat(PROMPT_CHARACTERS));
    // A family emoji is one character of seven code points; it is kept whole or not at all.
    const family = "👨‍👩‍👧‍👦";
    const stem = promptStem(`${"a".repeat(PROMPT_CHARACTERS - 1)}${family}tail`);
    expect(stem).toBe(`${"a".repeat(PROMPT_CHARACTERS - 1)}${family}`);
    expect(promptStem(`${"a".repeat(PROMPT_CHARACTERS - 1)} ${family}`)).toBe("a".repeat(PROMPT_CHARACTERS - 1));
  });

  it("name the archive by its count", () => {
    expect(archiveFileName(3)).toBe("nano-studio-3-pictures.zip");
  });
});
