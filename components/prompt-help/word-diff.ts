import { diffWords } from "diff";

// The change between the person's prompt and a suggestion, word by word, with
// words as the language draws them (Intl.Segmenter): Chinese has no spaces.

export type DiffPart = { text: string; kind: "same" | "added" | "removed" };

export function wordDiff(before: string, after: string, locale = "en"): DiffPart[] {
  const intlSegmenter = typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter(locale, { granularity: "word" }) : undefined;
  return diffWords(before, after, intlSegmenter ? { intlSegmenter } : {}).map((change) => ({
    text: change.value,
    kind: change.added ? "added" : change.removed ? "removed" : "same",
  }));
}
