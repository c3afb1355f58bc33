import "server-only";
import dns from "node:dns";
import { isIP } from "node:net";

// Where the studio may send a request it did not choose itself: a result URL
// the gateway handed out, a redirect's Location, a reference URL a person
// typed. Anything that resolves to this machine, the private network, a cloud
// metadata service or another non-public range is refused before connecting,
// unless its host is on the caller's allow-list (the gateway's own host: a
// team may well run its gateway on the private network).
//
// The check runs before each hop (each redirect is checked again). It does not
// pin the connection to the address it checked: fetch resolves the name once
// more, so a DNS server that answers differently within its TTL (rebinding)
// could still slip through. Pinning needs an undici Agent with `connect.lookup`,
// and undici is not a dependency of ours (Node's built-in copy exports none).

export type HostLookup = (hostname: string) => Promise<string[]>;

export type SafeTargetOptions = {
  /** Hostnames (`gateway.internal`, `127.0.0.1`) or origins (`http://10.0.0.5:3000`) reached without any check. */
  allow?: readonly string[];
  /**
   * How names are resolved; default `dns.lookup` (all addresses). `false` for an
   * injected fetch that never touches the network: names are then judged by
   * their spelling only (literal addresses and metadata names are still refused).
   */
  lookup?: HostLookup | false;
};

export class UnsafeTargetError extends Error {
  override name = "UnsafeTargetError";
  constructor(
    readonly host: string,
    readonly reason: string,
  ) {
    super(`${host} is not a public address (${reason})`);
  }
}

const defaultLookup: HostLookup = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

// Names that mean "this machine" or a cloud metadata service whatever DNS says.
const BLOCKED_NAMES = new Set(["localhost", "metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal"]);

/** Throws UnsafeTargetError unless `target` is http(s) and every address of its host is public (or the host is allowed). */
export async function assertSafeTarget(target: string | URL, options: SafeTargetOptions = {}): Promise<void> {
  const url = typeof target === "string" ? new URL(target) : target;
  const host = url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UnsafeTargetError(host, `${url.protocol} is not http(s)`);
  if (isAllowed(url, host, options.allow ?? [])) return;
  if (BLOCKED_NAMES.has(host) || host.endsWith(".localhost")) throw new UnsafeTargetError(host, "a local or metadata name");
  const addresses = isIP(host) ? [host] : options.lookup === false ? [] : await (options.lookup ?? defaultLookup)(host);
  for (const address of addresses) {
    const reason = blockedAddressReason(address);
    if (reason) throw new UnsafeTargetError(host, reason);
  }
}

function isAllowed(url: URL, host: string, allow: readonly string[]): boolean {
  return allow.some((entry) => {
    if (entry.includes("://")) return new URL(entry).origin === url.origin;
    return entry.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase() === host;
  });
}

/** Why an IP address must not be reached (a range name), or undefined for a public one. */
export function blockedAddressReason(address: string): string | undefined {
  const ip = address.replace(/%.*$/, ""); // fe80::1%eth0
  if (isIP(ip) === 4) return v4Reason(ip.split(".").map(Number));
  if (isIP(ip) === 6) return v6Reason(ip);
  return "not an IP address";
}

function v4Reason([a, b, c]: number[]): string | undefined {
  if (a === 0) return "this-network 0.0.0.0/8";
  if (a === 10) return "private 10.0.0.0/8";
  if (a === 127) return "loopback 127.0.0.0/8";
  if (a === 169 && b === 254) return "link-local 169.254.0.0/16 (cloud metadata)";
  if (a === 172 && b >= 16 && b <= 31) return "private 172.16.0.0/12";
  if (a === 192 && b === 168) return "private 192.168.0.0/16";
  if (a === 100 && b >= 64 && b <= 127) return "shared 100.64.0.0/10 (CGNAT)";
  if (a === 192 && b === 0 && c === 0) return "IETF 192.0.0.0/24";
  if (a === 198 && (b === 18 || b === 19)) return "benchmarking 198.18.0.0/15";
  if (a >= 224) return "multicast or reserved 224.0.0.0/3";
  return undefined;
}

function v6Reason(ip: string): string | undefined {
  const g = expandV6(ip);
  if (!g) return "not an IP address";
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  const v4 = (hi: number, lo: number) => [hi >> 8, hi & 255, lo >> 8, lo & 255];
  if (zeroTo(8)) return "unspecified ::";
  if (zeroTo(7) && g[7] === 1) return "loopback ::1";
  // Forms that carry an IPv4 address: mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d, 6to4 2002:aabb:ccdd::.
  if (zeroTo(5) && (g[5] === 0xffff || g[5] === 0)) return prefixed(v4Reason(v4(g[6], g[7])), "IPv4 in IPv6");
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return prefixed(v4Reason(v4(g[6], g[7])), "NAT64");
  if (g[0] === 0x2002) return prefixed(v4Reason(v4(g[1], g[2])), "6to4");
  if ((g[0] & 0xffc0) === 0xfe80) return "link-local fe80::/10";
  if ((g[0] & 0xffc0) === 0xfec0) return "site-local fec0::/10";
  if ((g[0] & 0xfe00) === 0xfc00) return "unique-local fc00::/7";
  if ((g[0] & 0xff00) === 0xff00) return "multicast ff00::/8";
  return undefined;
}

const prefixed = (reason: string | undefined, form: string) => (reason ? `${form}: ${reason}` : undefined);

/** Eight 16-bit groups of a valid IPv6 address (checked by isIP first). */
function expandV6(ip: string): number[] | undefined {
  let text = ip.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split(".").map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...right].map((x) => parseInt(x, 16));
  return groups.length === 8 && groups.every((x) => x >= 0 && x <= 0xffff) ? groups : undefined;
}
