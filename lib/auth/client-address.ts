import "server-only";
import { getConfig } from "@/lib/config";
import { peerAddress } from "@/lib/server/peer-address";

/**
 * The client's address, for the sign-in throttle. The chain is
 * [X-Forwarded-For entries…, socket peer]; with STUDIO_TRUSTED_PROXIES=N the
 * last N hops are proxies we run, so the client is the entry N from the
 * right. Entries further left were written by whoever sent the request and
 * are never believed. 0 ignores X-Forwarded-For entirely.
 */
export function clientAddress(request: Request, trustedProxies = getConfig().trustedProxies): string {
  return chooseClientAddress({
    forwardedFor: request.headers.get("x-forwarded-for"),
    peer: peerAddress(request.headers),
    trustedProxies,
  });
}

/** Pure: pick the address from the forwarding chain. */
export function chooseClientAddress(input: { forwardedFor: string | null; peer: string | undefined; trustedProxies: number }): string {
  // An unstamped request (see lib/server/peer-address.ts) has no known peer:
  // all of them share one throttle bucket rather than trusting a header.
  const peer = input.peer ?? "unknown";
  if (input.trustedProxies <= 0) return normalize(peer);
  const forwarded = (input.forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const chain = [...forwarded, peer];
  // Fewer hops than trusted proxies: the farthest one known (what the first proxy saw).
  const index = Math.max(0, chain.length - 1 - input.trustedProxies);
  return normalize(chain[index]);
}

// One client, one bucket: the socket says ::ffff:192.0.2.7 where a proxy writes 192.0.2.7.
function normalize(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "").toLowerCase().slice(0, 100);
}
