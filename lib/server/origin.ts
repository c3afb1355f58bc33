import "server-only";
import { bearerOf } from "@/lib/auth/api-tokens";
import { StudioError } from "@/lib/errors";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Writes from another site's page are refused: browsers send Origin (and
 * Sec-Fetch-Site) with every cross-origin write, so a mismatch is a forged
 * request. Scripts such as curl send neither and are let through (they hold
 * no victim's cookies). So is a request that carries a bearer token and no
 * cookie, from anywhere: it can only act as whoever gave the caller that
 * token (identify refuses a bad one), never with a visitor's session.
 */
export function assertSameOrigin(request: Request): void {
  if (!WRITES.has(request.method)) return;
  if (bearerOf(request) !== undefined && !request.headers.has("cookie")) return;
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw crossOrigin();
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw crossOrigin();
  }
  if (originHost !== host) throw crossOrigin();
}

function crossOrigin() {
  return new StudioError("forbidden", "Requests from other sites are not allowed");
}
