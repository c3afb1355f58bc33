// A Turbopack loader for next/dist/build/polyfills/polyfill-module.js, which
// Next.js ships to every page whatever the browserslist (vercel/next.js#86785):
// polyfills for String#trimStart/trimEnd, Array#flat/flatMap/at,
// Object.fromEntries/hasOwn, Promise#finally and Symbol#description, all
// native in every browser Next.js 16 supports (Chrome and Edge 111, Firefox
// 111, Safari 16.4). Lighthouse counts them as 13 KiB of legacy JavaScript on
// every page. The one kept is URL.canParse, which Chrome before 120 and
// Safari before 17 lack. Wired in next.config.mjs (turbopack.rules).
module.exports = function modernPolyfills() {
  return `"canParse" in URL || (URL.canParse = function (url, base) { try { return !!new URL(url, base); } catch (e) { return false; } });\n`;
};
