import "server-only";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Simulator } from "./index";

// The simulator on a real port, for integration tests and for pointing other
// tools at it. Each request becomes a fetch Request whose URL carries the Host
// the client used; the simulator builds result URLs from that origin (unless
// given a fixed one), so they point back at this port without any rewriting.

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "upgrade"]);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function bridge(sim: Simulator, req: IncomingMessage, res: ServerResponse, fallbackHost: string): Promise<void> {
  // A client that hangs up aborts the request, so a delayed answer is not computed for nobody.
  const aborter = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) aborter.abort();
  });
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i];
    // Framing belongs to this connection; the body is handed over already buffered.
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers.append(name, req.rawHeaders[i + 1]);
  }
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : await readBody(req);
  const request = new Request(`http://${req.headers.host ?? fallbackHost}${req.url ?? "/"}`, {
    method,
    headers,
    body: body && body.length > 0 ? new Uint8Array(body) : undefined,
    signal: aborter.signal,
  });
  const response = await sim.handle(request);
  const bytes = Buffer.from(await response.arrayBuffer());
  const outHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    outHeaders[key] = value;
  });
  outHeaders["content-length"] = String(bytes.length);
  res.writeHead(response.status, outHeaders);
  res.end(bytes);
}

export async function serveSimulator(
  sim: Simulator,
  opts: { port?: number; host?: string } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const host = opts.host ?? "127.0.0.1";
  // A wildcard bind is reached through loopback; the returned URL must be dialable.
  const dialHost = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  let hostPort = "";
  const server = createServer((req, res) => {
    bridge(sim, req, res, hostPort).catch(() => {
      if (res.headersSent) res.destroy();
      else if (!res.destroyed) {
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end("simulator error");
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  hostPort = `${dialHost.includes(":") ? `[${dialHost}]` : dialHost}:${port}`;
  return {
    url: `http://${hostPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
