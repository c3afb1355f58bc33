import "server-only";
import { searchWords } from "@/lib/contract-values";

// Prompt search on both engines: every word of q must be a part of
// the prompt (the exact check, LIKE/ILIKE on the prompt itself, as before),
// and a trigram index narrows the rows that check reads. Trigram indexes
// (SQLite's FTS5 `trigram` tokenizer, PostgreSQL's pg_trgm) see nothing in a
// word shorter than three characters, and pg_trgm under a "C" locale sees no
// letter beyond ASCII at all: a Chinese word is mostly one or two characters.
// So the indexes hold a *search key* of each prompt rather than the prompt:
//
//   - the prompt folded to lower case;
//   - a-z and 0-9 as they are, any other ASCII character a space;
//   - every other character its code point in base 36, four digits
//     ("红" → "0p0i"), so one Chinese character is four indexable characters;
//   - U+0307 (the dot that lower-casing "İ" adds) dropped.
//
// The key of a word is then a part of the key of every prompt the word is a
// part of (each character maps on its own), so the index never loses a row;
// it may keep a few too many (a token matched across a boundary), which the
// exact check drops. Only a word whose key has three letters or digits in a
// row narrows anything; shorter ones ("ox", "4k", "%") are left to the exact
// check.
//
// SQLite computes the key with this function (registered on every
// connection, see sqlite/casefold.ts); PostgreSQL with studio_search_key(), the
// same steps in PL/pgSQL (drizzle/postgres/0009_first_week.sql), each engine
// with its own lower-casing on both sides.

const DOT_ABOVE = 0x307;

export function searchKey(text: string): string {
  let key = "";
  for (const char of text.toLowerCase()) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) key += (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) ? char : " ";
    else if (code !== DOT_ABOVE) key += code.toString(36).padStart(4, "0");
  }
  return key;
}

/** Whether an index can narrow a word down: three letters or digits in a row in its key. */
export function indexable(word: string): boolean {
  return /[a-z0-9]{3}/.test(searchKey(word));
}

/**
 * The words of q, and those an index can narrow down. `matchesNothing`: a
 * word holds a NUL, which no prompt does (the studio refuses control
 * characters in prompts) and neither engine can take literally (PostgreSQL
 * refuses it in text, SQLite's LIKE ends the pattern there).
 */
export function searchPlan(q: string): { words: string[]; indexed: string[]; matchesNothing: boolean } {
  const words = searchWords(q);
  return { words, indexed: words.filter(indexable), matchesNothing: words.some((word) => word.includes("\0")) };
}
