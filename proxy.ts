import { NextResponse, type NextRequest } from "next/server";
import { isSharePath, throttleShareRequest } from "@/lib/shares/throttle";

// Security headers on every page and API answer: a Content-Security-Policy
// that lets only the studio's own scripts run (Next puts the per-request nonce
// on its inline hydration scripts), no framing, no MIME sniffing. Sign-in is
// checked by each page and route itself, not here: a proxy is no auth boundary.
export async function proxy(request: NextRequest) {
  // Share pages are open to anyone: a budget per client address, counted in
  // the database every instance shares (pages cannot answer 429 themselves;
  // see lib/shares/throttle.ts).
  const throttled = isSharePath(request.nextUrl.pathname) ? await throttleShareRequest(request) : undefined;
  if (throttled) return throttled;
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV !== "production";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes carry each picture's aspect ratio.
    "style-src 'self' 'unsafe-inline'",
    // Reference previews are data: and blob: URLs made in the browser.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

// Pages only. A request that passes through here has its body cloned by Next
// for the proxy, and the clone is cut off at 10 MB: API bodies (references as
// data URLs, up to STUDIO_BODY_LIMIT_BYTES; /v1/images/edits' pictures) must
// reach their route whole and once. API answers (/api and /v1) get their
// headers from next.config.mjs instead.
export const config = {
  matcher: [{ source: "/((?!api/|v1/|_next/static|_next/image|favicon.ico).*)" }],
};
