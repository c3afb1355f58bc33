/** "{used} of {max}" → "3 of 50". Unknown names are left visible, to be noticed. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

/**
 * A whole number with thousands separated by commas, as en-US and zh-CN both
 * write it ("4,000"). Not toLocaleString: its first call in a page builds
 * ICU's number data, ~50 ms of main thread on a phone while the composer
 * hydrates, for a character count.
 */
export function groupThousands(n: number): string {
  const sign = n < 0 ? "-" : "";
  return sign + String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+$)/g, ",");
}

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * The words for a count in the person's language: `one` where the language's
 * plural rules say "one" (English: exactly 1), else `other`; {n} is the count
 * with thousands grouped. Chinese has no plural (its rules always say
 * "other"), so its dictionary writes the same words in both.
 */
export function plural(locale: "en" | "zh", count: number, forms: { one: string; other: string }, values: Record<string, string | number> = {}): string {
  const tag = locale === "zh" ? "zh-CN" : "en";
  let rules = pluralRules.get(tag);
  if (!rules) pluralRules.set(tag, (rules = new Intl.PluralRules(tag)));
  return format(rules.select(count) === "one" ? forms.one : forms.other, { n: groupThousands(count), ...values });
}
