import "server-only";
import { clientAddress } from "@/lib/auth/client-address";
import { dictionaries, pickLocale } from "@/lib/i18n";
import { createRateLimiter } from "@/lib/server/rate-limit";
import { processSingleton } from "@/lib/singleton";

// Share pages are the studio's only pages open to anyone, so each client
// address gets a budget per minute (per instance: see lib/server/rate-limit.ts).
// Pages and pictures count apart: one board page asks for up to 60
// thumbnails, and a viewer opening pictures should not run out of pages.

export const SHARE_PAGES_PER_MINUTE = 60;
export const SHARE_IMAGES_PER_MINUTE = 600;

const limiters = processSingleton("share-rate-limits", () => ({
  pages: createRateLimiter({ limit: SHARE_PAGES_PER_MINUTE, windowMs: 60_000 }),
  images: createRateLimiter({ limit: SHARE_IMAGES_PER_MINUTE, windowMs: 60_000 }),
}));

const IMAGE_PATH = /^\/s\/[^/]+\/images\//;
export const isSharePath = (pathname: string) => pathname.startsWith("/s/");

/** For the proxy: a 429 for a /s request past its address's budget, else undefined. */
export function throttleShareRequest(request: Request, now = Date.now()): Response | undefined {
  const image = IMAGE_PATH.test(new URL(request.url).pathname);
  const decision = (image ? limiters.images : limiters.pages).take(clientAddress(request), now);
  if (decision.allowed) return undefined;
  const headers = { "retry-after": String(decision.retryAfterSeconds), "cache-control": "no-store" };
  if (image) return new Response("Too many requests\n", { status: 429, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
  const t = dictionaries[pickLocale(request.headers.get("accept-language"))].share;
  const page = `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${t.tooManyTitle}</title><style>body{font:16px/1.5 system-ui,sans-serif;margin:0;min-height:100dvh;display:grid;place-items:center;color:#18181b;background:#f4f4f5}@media (prefers-color-scheme:dark){body{color:#f4f4f5;background:#09090b}}</style></head><body><main><h1>${t.tooManyTitle}</h1><p>${t.tooManyBody}</p></main></body></html>`;
  return new Response(page, {
    status: 429,
    headers: { ...headers, "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'" },
  });
}
