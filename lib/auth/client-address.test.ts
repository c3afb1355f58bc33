import http from "node:http";
import { describe, expect, it } from "vitest";
import { PEER_HEADER, stampPeer } from "@/lib/net/peer-address";
import { chooseClientAddress, clientAddress } from "./client-address";

const choose = (forwardedFor: string | null, peer: string | undefined, trustedProxies: number) =>
  chooseClientAddress({ forwardedFor, peer, trustedProxies });

/** A Request carrying a genuine stamp for `peer`, as the server would make it. */
function stamped(peer: string, headers: Record<string, string> = {}): Request {
  const req = { socket: { remoteAddress: peer }, headers: { ...headers } } as unknown as http.IncomingMessage;
  stampPeer(req);
  return new Request("http://studio.test/api/session", { headers: req.headers as Record<string, string> });
}

describe("choosing the client address", () => {
  it("0 trusted proxies: the socket peer, whatever X-Forwarded-For says", () => {
    expect(choose(null, "203.0.113.5", 0)).toBe("203.0.113.5");
    expect(choose("198.51.100.1", "203.0.113.5", 0)).toBe("203.0.113.5");
    expect(choose("1.1.1.1, 2.2.2.2, 3.3.3.3", "203.0.113.5", 0)).toBe("203.0.113.5");
  });

  it("N trusted proxies: the entry N from the right of [XFF…, peer]", () => {
    // client → proxy (appends client) → studio
    expect(choose("198.51.100.7", "10.0.0.2", 1)).toBe("198.51.100.7");
    // client → CDN → nginx → studio
    expect(choose("198.51.100.7, 172.16.0.9", "10.0.0.2", 2)).toBe("198.51.100.7");
  });

  it("forged entries to the left of the trusted hops are ignored", () => {
    expect(choose("6.6.6.6, 7.7.7.7, 198.51.100.7", "10.0.0.2", 1)).toBe("198.51.100.7");
    expect(choose("6.6.6.6, 198.51.100.7, 172.16.0.9", "10.0.0.2", 2)).toBe("198.51.100.7");
  });

  it("too few entries: the farthest hop known", () => {
    expect(choose(null, "10.0.0.2", 1)).toBe("10.0.0.2");
    expect(choose("198.51.100.7", "10.0.0.2", 3)).toBe("198.51.100.7");
    expect(choose(" , ,", "10.0.0.2", 2)).toBe("10.0.0.2");
  });

  it("IPv4-mapped socket addresses count as their IPv4 address", () => {
    expect(choose(null, "::ffff:192.0.2.7", 0)).toBe("192.0.2.7");
    expect(choose("::FFFF:192.0.2.7", "10.0.0.2", 1)).toBe("192.0.2.7");
  });

  it("an IPv6 client counts as its /64, however the address is written", () => {
    for (const address of ["2001:DB8:0:7::1", "2001:db8:0:7:ffff:ffff:ffff:fffe", "2001:0db8:0000:0007:0000:0000:0000:0009", "2001:db8:0:7::1%eth0"]) {
      expect(choose(null, address, 0)).toBe("2001:db8:0:7::/64");
    }
    expect(choose("2001:db8:0:7::5", "10.0.0.2", 1)).toBe("2001:db8:0:7::/64");
    expect(choose(null, "2001:db8:0:8::1", 0)).toBe("2001:db8:0:8::/64");
    expect(choose(null, "::ffff:c000:207", 0)).toBe("192.0.2.7");
    // Not an address at all (a proxy's own token): kept, lower-case and short.
    expect(choose("Unknown-Proxy-Token", "10.0.0.2", 1)).toBe("unknown-proxy-token");
  });

  it("an unstamped request has no known peer", () => {
    expect(choose("198.51.100.7", undefined, 0)).toBe("unknown");
  });
});

describe("clientAddress on a Request", () => {
  it("reads the stamp the server put on the request, not a client-sent header", () => {
    const req = stamped("203.0.113.5", { [PEER_HEADER]: "1.2.3.4", "x-forwarded-for": "9.9.9.9" });
    expect(clientAddress(req, 0)).toBe("203.0.113.5");
    expect(clientAddress(req, 1)).toBe("9.9.9.9");
  });

  it("a peer header forged by the client, never stamped, is not believed", () => {
    for (const forged of ["203.0.113.9", "x 203.0.113.9", "aaaaaaaaaaaaaaaaaaaaaaaa 203.0.113.9"]) {
      const req = new Request("http://studio.test/", { headers: { [PEER_HEADER]: forged, "x-forwarded-for": "9.9.9.9" } });
      expect(clientAddress(req, 0)).toBe("unknown");
    }
  });
});
