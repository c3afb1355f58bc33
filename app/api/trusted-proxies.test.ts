import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPeerStamping } from "@/lib/net/peer-address";
import { bootStudio, type Studio } from "@/lib/testing/studio";

// The sign-in throttle behind a real socket, at the default
// STUDIO_TRUSTED_PROXIES=0: the session route runs behind a loopback
// http.Server with the same peer stamping instrumentation.ts installs for
// `next start` and the standalone server, so the only address it can learn is
// the socket's (127.0.0.1), whatever X-Forwarded-For a client makes up.
let studio: Studio;
let server: http.Server;
let url: string;
let uninstall: () => void;

beforeAll(async () => {
  studio = await bootStudio({
    STUDIO_AUTH: "password",
    STUDIO_PASSWORD: "open sesame",
    STUDIO_SESSION_SECRET: "a-session-secret-of-at-least-32-characters!",
  });
  const session = await import("@/app/api/session/route");
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const request = new Request(`http://studio.test${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    const answer = await session.POST(request, undefined);
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // Installed after the server listens, as under `next start`: Next listens
  // first and runs instrumentation's register() while preparing its handlers.
  uninstall = installPeerStamping();
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/session`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  uninstall?.();
  studio?.cleanup();
});

const signIn = (password: string, headers: Record<string, string>) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ name: "eve", password }) });

describe("STUDIO_TRUSTED_PROXIES=0", () => {
  it("rotating X-Forwarded-For (and forging the peer header) does not escape the sign-in throttle", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await signIn(`guess ${i}`, { "x-forwarded-for": `203.0.113.${i + 1}`, "x-real-ip": `198.51.100.${i + 1}`, "x-studio-peer": `198.51.100.${i + 1}` });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // Even the right password waits now: the bucket is the socket's address.
    expect((await signIn("open sesame", { "x-forwarded-for": "192.0.2.200" })).status).toBe(429);
  }, 30_000);
});
