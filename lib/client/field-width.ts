// How wide a text box must be for its placeholder to show whole
// ("default: 20" was cut to "default: 2(" behind a number field's spin buttons).

// East Asian wide and fullwidth characters take about two "0"s of a Latin font.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** The text's width in `ch` (the width of "0"): wide characters count two. */
export function widthInCh(text: string): number {
  let width = 0;
  for (const character of text) width += WIDE.test(character) ? 2 : 1;
  return width;
}

/**
 * A CSS width for a number field that shows `placeholder` whole: the text,
 * the field's padding and border (2.5rem in all: px-2.5 and a spin button's
 * ~1rem in Chromium, which takes the text's room while hovered or focused),
 * and never narrower than `min`.
 */
export function numberFieldWidth(placeholder: string, min = "6rem"): string {
  return `max(${min}, calc(${widthInCh(placeholder)}ch + 2.75rem))`;
}
