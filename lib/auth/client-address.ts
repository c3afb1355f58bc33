import "server-only";
import { isIPv4, isIPv6 } from "node:net";
import { Address6 } from "ip-address";
import { getConfig } from "@/lib/config";
import { peerAddress } from "@/lib/net/peer-address";

/**
 * The client's address as the throttles count it (sign-in, share pages): an
 * IPv4 address, or an IPv6 client's /64 (see addressBucket). The chain is
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
  // An unstamped request (see lib/net/peer-address.ts) has no known peer:
  // all of them share one throttle bucket rather than trusting a header.
  const peer = input.peer ?? "unknown";
  if (input.trustedProxies <= 0) return addressBucket(peer);
  const forwarded = (input.forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const chain = [...forwarded, peer];
  // Fewer hops than trusted proxies: the farthest one known (what the first proxy saw).
  const index = Math.max(0, chain.length - 1 - input.trustedProxies);
  return addressBucket(chain[index]);
}

// An IPv6 client usually holds a whole /64 (one home, one office, one cloud
// machine) and may take a new address from it for every request, so a /64 is
// one bucket. An IPv4-mapped IPv6 address (the socket says ::ffff:192.0.2.7
// where a proxy writes 192.0.2.7) is its IPv4 address.
const MAPPED = new Address6("::ffff:0:0/96");

/** Pure: the bucket a client's address counts in: IPv4 as it is, IPv6 as its /64 ("2001:db8:1:2::/64"). */
export function addressBucket(address: string): string {
  const bare = address.trim().replace(/%.*$/, ""); // a zone index (fe80::1%eth0) names our interface, not the client
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return address.toLowerCase().slice(0, 100); // "unknown", or whatever a proxy wrote
  const v6 = new Address6(bare);
  if (v6.isInSubnet(MAPPED)) return v6.to4().correctForm();
  return `${new Address6(`${v6.correctForm()}/64`).startAddress().correctForm()}/64`;
}
