import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import https from "node:https";

// A Next route handler never sees the socket, and Next only fills in
// X-Forwarded-For when the client sent none (base-server.js: `??=`), so a
// client can name any address it likes there. This stamps every request with
// the TCP peer's address as the Node server accepted it, before Next (or any
// other listener) runs: `next start` and the standalone server.js both serve
// through `http.createServer` from next/dist/server/lib/start-server.js, so
// wrapping `emit("request")` on the server prototype reaches both.
//
// The stamp carries a random per-process token. Next starts listening before
// instrumentation's register() has run (its request listener waits for the
// handlers), so a request that arrived in that window is not stamped and could
// carry a header of the client's own making; without the token it is not
// believed, and the address counts as unknown.

export const PEER_HEADER = "x-studio-peer";

type PeerState = { token: string };
// Shared through globalThis: instrumentation and each route are separate bundles.
const STATE = Symbol.for("nano-studio.peer-address");

function state(): PeerState {
  const g = globalThis as { [STATE]?: PeerState };
  g[STATE] ??= { token: randomBytes(18).toString("base64url") };
  return g[STATE];
}

/** Overwrite the peer header of one incoming request with its socket's address. */
export function stampPeer(req: http.IncomingMessage): void {
  const address = req.socket?.remoteAddress;
  if (address) req.headers[PEER_HEADER] = `${state().token} ${address}`;
  else delete req.headers[PEER_HEADER];
}

const STAMPED_EVENTS = new Set(["request", "checkContinue", "checkExpectation"]);
const PATCHED = Symbol.for("nano-studio.peer-address.patched");

/**
 * Every http(s) server in this process stamps its requests before any
 * listener sees them. Idempotent; returns an undo for tests.
 */
export function installPeerStamping(): () => void {
  const undo: (() => void)[] = [];
  for (const proto of [http.Server.prototype, https.Server.prototype] as { emit: (...args: unknown[]) => boolean }[]) {
    if (Object.hasOwn(proto, PATCHED)) continue;
    const had = Object.hasOwn(proto, "emit");
    const original = proto.emit;
    const emit = function (this: unknown, event: unknown, ...args: unknown[]) {
      if (typeof event === "string" && STAMPED_EVENTS.has(event)) stampPeer(args[0] as http.IncomingMessage);
      return original.call(this, event, ...args);
    };
    Object.defineProperty(proto, PATCHED, { value: true, configurable: true });
    proto.emit = emit;
    undo.push(() => {
      if (had) proto.emit = original;
      else delete (proto as { emit?: unknown }).emit;
      delete (proto as Record<symbol, unknown>)[PATCHED];
    });
  }
  return () => undo.forEach((u) => u());
}

/** The socket address this process stamped on a request, or undefined when it carries no genuine stamp. */
export function peerAddress(headers: Headers): string | undefined {
  const value = headers.get(PEER_HEADER);
  if (!value) return undefined;
  const space = value.indexOf(" ");
  if (space < 0) return undefined;
  const token = Buffer.from(value.slice(0, space));
  const expected = Buffer.from(state().token);
  if (token.length !== expected.length || !timingSafeEqual(token, expected)) return undefined;
  return value.slice(space + 1).trim() || undefined;
}
