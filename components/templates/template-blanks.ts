import type { Template } from "@/lib/contract-templates";
import { fillBlanks, templateVariables } from "@/lib/contract-values";

// The composer's template mode, as data: a chosen template's prompt keeps its
// {blanks} in the prompt box, each blank gets a field, and what is sent is the
// prompt with the fields' words in place.

/** The template the composer is filling in (its id goes with the request). */
/** The template being filled in, as chosen (its saved prompt and count: what a run from a table runs). */
export type ChosenTemplate = Pick<Template, "id" | "name" | "prompt" | "count">;

/** What each blank holds so far, by the blank's name. */
export type BlankValues = Readonly<Record<string, string>>;

/**
 * A blank's words, trimmed (a blank of spaces is still empty). Own keys only:
 * a blank may be called `constructor` or `__proto__`, and those must not
 * read the object's prototype.
 */
export function blankValue(values: BlankValues, name: string): string {
  return Object.hasOwn(values, name) ? values[name]!.trim() : "";
}

/** The values with one blank changed, as a new object (state stays immutable). */
export function withBlank(values: BlankValues, name: string, value: string): Record<string, string> {
  const next: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const key of Object.keys(values)) next[key] = values[key]!;
  next[name] = value;
  return next;
}

export type Blanks = {
  /** The prompt's blanks, in order of first appearance: one field each. */
  names: string[];
  /** The first blank still empty (Generate waits for it), or null. */
  firstEmpty: string | null;
  /** The prompt with every filled blank in place; an empty one stays `{name}`. */
  filled: string;
};

/** The blanks of a template's prompt, and the prompt as it would be sent. */
export function readBlanks(prompt: string, values: BlankValues): Blanks {
  const names = templateVariables(prompt);
  const filledValues = Object.fromEntries(names.flatMap((name) => (blankValue(values, name) ? [[name, blankValue(values, name)]] : [])));
  return {
    names,
    firstEmpty: names.find((name) => !blankValue(values, name)) ?? null,
    filled: fillBlanks(prompt, filledValues),
  };
}

/** The id of a blank's field, by its place (a name may be any script). */
export const blankFieldId = (index: number) => `composer-blank-${index}`;
