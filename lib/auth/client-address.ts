import "server-only";

/**
 * The client's address as the nearest proxy saw it. Next's own server appends
 * the socket's address to X-Forwarded-For, so the last entry is the one a
 * client cannot choose; a team behind its own proxy gets that proxy's view.
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return (last || request.headers.get("x-real-ip") || "unknown").slice(0, 100);
}
