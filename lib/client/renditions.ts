import { PREVIEW_SIDE, THUMB_SIDE } from "@/lib/contract-values";
import { MAX_STRETCH } from "./justified-rows";

// A gallery tile's <img>: the thumbnail, the preview and
// the original, each with its width, and how wide the tile is, so the browser
// takes the smallest picture that is not smaller than the tile on the screen.

type Image = { url: string; thumbUrl: string; previewUrl: string; width: number; height: number };

/** A rendition's width: the picture scaled to fit `side` on its long side, never enlarged (as sharp's fit: inside). */
function widthAt(image: Image, side: number): number {
  const scale = Math.min(1, side / Math.max(image.width, image.height));
  return Math.round(image.width * scale);
}

export function tileSrcSet(image: Image): string {
  const candidates = [
    { url: image.thumbUrl, width: widthAt(image, THUMB_SIDE) },
    { url: image.previewUrl, width: widthAt(image, PREVIEW_SIDE) },
    { url: image.url, width: image.width },
  ];
  const offered: typeof candidates = [];
  for (const c of candidates) if (c.width > (offered.at(-1)?.width ?? 0)) offered.push(c);
  return offered.map((c) => `${c.url} ${c.width}w`).join(", ");
}

/**
 * The tile's width for `sizes`. A lazy tile is laid out before it loads, so
 * the browser measures it (`auto`); a first-screen tile loads with the HTML,
 * so its width is read from the window's: the gallery's width on this page
 * (studio.tsx: 1600 px at most, 20 px padding, the 400 px composer and a
 * 20 px gap beside it from 1024 px; 12 px padding below 640 px), the row
 * height from it (clamp(150px, 25%, 260px)), times the most a row stretches.
 */
export function tileSizes(input: { ratio: number; lazy: boolean; withComposer: boolean }): string {
  const factor = (input.ratio * MAX_STRETCH).toFixed(3);
  const width = (gallery: string) => `calc(${factor} * clamp(150px, (${gallery}) / 4, 260px))`;
  const wide = input.withComposer ? "min(100vw, 1600px) - 460px" : "min(100vw, 1600px) - 40px";
  const fallback = `(min-width: 1024px) ${width(wide)}, (min-width: 640px) ${width("100vw - 40px")}, ${width("100vw - 24px")}`;
  return input.lazy ? `auto, ${fallback}` : fallback;
}
