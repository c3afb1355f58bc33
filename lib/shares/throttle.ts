import "server-only";
import { clientAddress } from "@/lib/auth/client-address";
import { dictionaries, pickLocale } from "@/lib/i18n";
import { createRateLimiter, createSharedRateLimiter, type RateCounters, type RateDecision } from "@/lib/core/rate-limit";
import { processSingleton } from "@/lib/singleton";

// Share pages are the studio's only pages open to anyone, so each client
// address gets a budget per minute. Pages and pictures count apart: one board
// page asks for up to 60 thumbnails, and a viewer opening pictures should not
// run out of pages.
//
// The budget holds across instances: the counts are in the
// database every instance shares (rate_counters; SQLite has the same table).
// The check runs in proxy.ts, before Next renders the page, because a page
// cannot answer 429 with Retry-After itself. The proxy does not import the
// composition root (lib/wiring: database drivers, storage, the gateway)
// into its bundle; the server hands it the database at start-up instead
// (useSharedCounters, from lib/wiring/startup.ts), through globalThis as the
// peer-address stamp does: next start and the standalone server run the
// proxy in the process and realm of instrumentation.ts. Until then (or where
// no server registered one, as in tests that call the proxy alone) each
// instance counts in its own memory, as before.

export const SHARE_PAGES_PER_MINUTE = 60;
export const SHARE_IMAGES_PER_MINUTE = 600;
const WINDOW_MS = 60_000;

type Limiter = { take(key: string, now: number): RateDecision | Promise<RateDecision> };
type Limiters = { pages: Limiter; images: Limiter };

const inMemory = (): Limiters => ({
  pages: createRateLimiter({ limit: SHARE_PAGES_PER_MINUTE, windowMs: WINDOW_MS }),
  images: createRateLimiter({ limit: SHARE_IMAGES_PER_MINUTE, windowMs: WINDOW_MS }),
});

const shared = (counters: RateCounters, onError?: (error: unknown) => void): Limiters => ({
  pages: createSharedRateLimiter({ name: "share-page", limit: SHARE_PAGES_PER_MINUTE, windowMs: WINDOW_MS, counters, onError }),
  images: createSharedRateLimiter({ name: "share-image", limit: SHARE_IMAGES_PER_MINUTE, windowMs: WINDOW_MS, counters, onError }),
});

const IMAGE_PATH = /^\/s\/[^/]+\/images\//;
export const isSharePath = (pathname: string) => pathname.startsWith("/s/");

export type ShareThrottle = { throttle(request: Request, now?: number): Promise<Response | undefined> };

/** One instance's throttle: counting in `counters` (the database), or in memory without. */
export function createShareThrottle(counters?: RateCounters, onError?: (error: unknown) => void): ShareThrottle {
  return throttleWith(() => (counters ? shared(counters, onError) : inMemory()));
}

function throttleWith(limitersOf: () => Limiters): ShareThrottle {
  let limiters: Limiters | undefined;
  return {
    async throttle(request, now = Date.now()) {
      limiters ??= limitersOf();
      const image = IMAGE_PATH.test(new URL(request.url).pathname);
      const decision = await (image ? limiters.images : limiters.pages).take(clientAddress(request), now);
      return decision.allowed ? undefined : tooMany(request, { image, retryAfterSeconds: decision.retryAfterSeconds });
    },
  };
}

/** This process's throttle, shared by every bundle (the proxy's, the server's). */
const current = processSingleton("share-throttle", () => ({ throttle: createShareThrottle() }));

/**
 * The server, at start-up: count share requests in the database from now on.
 * `onError` hears when the database cannot count (each instance then counts alone).
 */
export function useSharedCounters(counters: RateCounters, onError?: (error: unknown) => void): void {
  current.throttle = createShareThrottle(counters, onError && atMostOnceAMinute(onError));
}

/** A database that is down fails every count: say so once a minute, not once a request. */
function atMostOnceAMinute(report: (error: unknown) => void): (error: unknown) => void {
  let reportedAt = -Infinity;
  return (error) => {
    const now = Date.now();
    if (now - reportedAt < WINDOW_MS) return;
    reportedAt = now;
    report(error);
  };
}

/** For the proxy: a 429 for a /s request past its address's budget, else undefined. */
export function throttleShareRequest(request: Request, now = Date.now()): Promise<Response | undefined> {
  return current.throttle.throttle(request, now);
}

function tooMany(request: Request, input: { image: boolean; retryAfterSeconds: number }): Response {
  const headers = { "retry-after": String(input.retryAfterSeconds), "cache-control": "no-store" };
  if (input.image) return new Response("Too many requests\n", { status: 429, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
  const t = dictionaries[pickLocale(request.headers.get("accept-language"))].share;
  const page = `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${t.tooManyTitle}</title><style>body{font:16px/1.5 system-ui,sans-serif;margin:0;min-height:100dvh;display:grid;place-items:center;color:#18181b;background:#f4f4f5}@media (prefers-color-scheme:dark){body{color:#f4f4f5;background:#09090b}}</style></head><body><main><h1>${t.tooManyTitle}</h1><p>${t.tooManyBody}</p></main></body></html>`;
  return new Response(page, {
    status: 429,
    headers: { ...headers, "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'" },
  });
}
