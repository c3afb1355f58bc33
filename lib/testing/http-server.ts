import http from "node:http";
import type { AddressInfo } from "node:net";

export type Reply = { status: number; body?: string | Buffer; headers?: Record<string, string> };
export type Recorded = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

/** A loopback server whose answers a test scripts, recording every request. */
export async function startScriptedServer(answer: (req: Recorded, index: number) => Reply | Promise<Reply>) {
  const requests: Recorded[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const recorded = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
    requests.push(recorded);
    const reply = await answer(recorded, requests.length - 1);
    res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    res.end(reply.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
