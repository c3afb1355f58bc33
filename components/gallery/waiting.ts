import { format } from "@/lib/i18n/format";

/** The words a waiting card shows, from the gallery card's dictionary. */
type WaitingWords = { waitingNext: string; waitingAhead: string };

/**
 * A waiting picture's place in words: "Waiting · next" at 1, else how many of
 * the person's pictures go before it ("Waiting · 3 ahead of you" at 4). An
 * unknown place (an older server) says only that it waits.
 */
export function waitingLabel(position: number | null, words: WaitingWords): string {
  if (position === null || position <= 1) return words.waitingNext;
  return format(words.waitingAhead, { count: position - 1 });
}
