import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startScriptedServer, type Reply } from "@/lib/testing/http-server";
import { createGatewayClient, GatewayError } from "./index";

const task = (extra: object = {}) => JSON.stringify({ id: "task_abc", object: "image", status: "processing", progress: 40, ...extra });
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function scripted(replies: Reply[]) {
  const s = await startScriptedServer((_req, i) => replies[Math.min(i, replies.length - 1)]);
  servers.push(s);
  return s;
}

const sleeps: number[] = [];
const clientFor = (url: string, extra: object = {}) =>
  createGatewayClient({ baseUrl: url, apiKey: "sk-test", sleep: async (ms) => void sleeps.push(ms), ...extra });

describe("submit", () => {
  it("sends the exact body of the contract with the bearer key", async () => {
    const s = await scripted([{ status: 200, body: task({ status: "queued", progress: 0 }) }]);
    const result = await clientFor(s.url).submit({
      model: "nano_banana_pro-2K",
      prompt: "美丽的日出",
      aspectRatio: "16:9",
      imageSize: "2K",
      references: ["https://example.com/r.png"],
    });
    expect(result).toMatchObject({ id: "task_abc", status: "queued", progress: 0 });
    expect(s.requests).toHaveLength(1);
    const [req] = s.requests;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/v1/videos");
    expect(req.headers.authorization).toBe("Bearer sk-test");
    expect(JSON.parse(req.body)).toEqual({
      model: "nano_banana_pro-2K",
      prompt: "美丽的日出",
      metadata: { aspectRatio: "16:9", urls: ["https://example.com/r.png"], imageSize: "2K" },
    });
  });

  it.each([
    { name: "a 502 page", reply: { status: 502, body: "<html><h1>502 Bad Gateway</h1></html>" } },
    { name: "a 429", reply: { status: 429, headers: { "retry-after": "1" }, body: "{}" } },
    { name: "a truncated body", reply: { status: 200, body: '{"id":"task_' } },
  ])("is sent exactly once even after $name", async ({ reply }) => {
    const s = await scripted([reply, { status: 200, body: task() }]);
    const error = await clientFor(s.url).submit({ model: "nano_banana_2", prompt: "p" }).catch((e) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(s.requests).toHaveLength(1);
  });

  it("reports an unknown outcome when the answer never comes", async () => {
    const server = http.createServer(() => {
      /* never answers: the request was sent, the task may exist */
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    servers.push({ close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const error = (await clientFor(url, { timeoutMs: 300 }).submit({ model: "nano_banana_2", prompt: "p" }).catch((e) => e)) as GatewayError;
    expect(error.kind).toBe("unavailable");
    expect(error.outcomeUnknown).toBe(true);
  });

  it("knows a refused connection sent nothing", async () => {
    const s = await scripted([{ status: 200 }]);
    await s.close();
    servers.pop();
    const error = (await clientFor(s.url).submit({ model: "nano_banana_2", prompt: "p" }).catch((e) => e)) as GatewayError;
    expect(error.kind).toBe("unavailable");
    expect(error.outcomeUnknown).toBe(false);
  });
});

describe("get", () => {
  it("survives a 502 with HTML, a 429 with Retry-After and a truncated body, then succeeds", async () => {
    sleeps.length = 0;
    const s = await scripted([
      { status: 502, headers: { "content-type": "text/html" }, body: "<html><body><h1>502 Bad Gateway</h1></body></html>" },
      { status: 429, headers: { "retry-after": "2" }, body: JSON.stringify({ error: { message: "当前分组上游负载已饱和，请稍后再试" } }) },
      { status: 200, body: '{"id":"task_abc","stat' },
      { status: 200, body: task({ status: "SUCCEEDED", url: "https://cdn.example.com/x.png" }) },
    ]);
    const result = await clientFor(s.url).get("task_abc");
    expect(result).toMatchObject({ id: "task_abc", status: "completed", url: "https://cdn.example.com/x.png" });
    expect(s.requests).toHaveLength(4);
    expect(s.requests.every((r) => r.method === "GET" && r.url === "/v1/videos/task_abc")).toBe(true);
    // Retry-After was honoured for the 429.
    expect(sleeps[1]).toBe(2000);
  });

  it("gives up within its time budget", async () => {
    const s = await scripted([{ status: 503, body: "down" }]);
    const client = createGatewayClient({ baseUrl: s.url, apiKey: "k", retryBudgetMs: 600 });
    const error = (await client.get("task_abc").catch((e) => e)) as GatewayError;
    expect(error.kind).toBe("unavailable");
    expect(s.requests.length).toBeGreaterThan(1);
    expect(s.requests.length).toBeLessThan(8);
  });

  it("does not retry what retrying cannot fix", async () => {
    const s = await scripted([{ status: 400, body: JSON.stringify({ code: "task_not_exist", message: "task_not_exist", data: null }) }]);
    const error = (await clientFor(s.url).get("task_gone").catch((e) => e)) as GatewayError;
    expect(error.kind).toBe("not_found");
    expect(s.requests).toHaveLength(1);
  });

  it("keeps the last known progress when a poll omits it", async () => {
    const s = await scripted([{ status: 200, body: JSON.stringify({ id: "task_abc", status: "running" }) }]);
    expect((await clientFor(s.url).get("task_abc", { previousProgress: 55 })).progress).toBe(55);
  });
});

describe("fetchResult", () => {
  const png = Buffer.from("89504e470d0a1a0a", "hex");

  it("downloads from the task's URL without sending the key there", async () => {
    const cdn = await scripted([{ status: 200, headers: { "content-type": "image/png" }, body: png }]);
    const result = await clientFor("http://127.0.0.1:9").fetchResult({ id: "task_abc", url: `${cdn.url}/a.png` });
    expect(result).toMatchObject({ contentType: "image/png", source: "url" });
    expect(result.bytes.equals(png)).toBe(true);
    expect(cdn.requests[0].headers.authorization).toBeUndefined();
  });

  it("falls back to /content with the key when the task has no URL", async () => {
    const gw = await scripted([{ status: 200, headers: { "content-type": "image/png" }, body: png }]);
    const result = await clientFor(gw.url).fetchResult({ id: "task_abc" });
    expect(result.source).toBe("content");
    expect(gw.requests[0].url).toBe("/v1/videos/task_abc/content");
    expect(gw.requests[0].headers.authorization).toBe("Bearer sk-test");
  });

  it("falls back to /content when the URL has expired", async () => {
    const cdn = await scripted([{ status: 403, body: "<Error><Code>AccessDenied</Code></Error>" }]);
    const gw = await scripted([{ status: 200, headers: { "content-type": "image/png" }, body: png }]);
    const result = await clientFor(gw.url).fetchResult({ id: "task_abc", url: `${cdn.url}/old.png` });
    expect(result.source).toBe("content");
  });

  it("refuses a redirect to a non-http scheme", async () => {
    const cdn = await scripted([{ status: 302, headers: { location: "file:///etc/passwd" } }]);
    const error = (await clientFor("http://127.0.0.1:9").fetchResult({ id: "t", url: `${cdn.url}/a.png` }).catch((e) => e)) as GatewayError;
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.message).toMatch(/file:/);
  });

  it("follows an http redirect but drops the key on another origin", async () => {
    const other = await scripted([{ status: 200, headers: { "content-type": "image/png" }, body: png }]);
    const gw = await scripted([{ status: 302, headers: { location: `${other.url}/signed.png` } }]);
    const result = await clientFor(gw.url).fetchResult({ id: "task_abc" });
    expect(result.bytes.equals(png)).toBe(true);
    expect(other.requests[0].headers.authorization).toBeUndefined();
  });

  it("refuses a result over the size cap", async () => {
    const cdn = await scripted([{ status: 200, headers: { "content-type": "image/png" }, body: Buffer.alloc(4096) }]);
    const error = (await clientFor("http://127.0.0.1:9", { resultMaxBytes: 1024 }).fetchResult({ id: "t", url: `${cdn.url}/big.png` }).catch((e) => e)) as GatewayError;
    expect(error.kind).toBe("invalid");
    expect(error.message).toMatch(/larger than/);
  });

  it("decodes a data: URL result", async () => {
    const result = await clientFor("http://127.0.0.1:9").fetchResult({ id: "t", url: `data:image/png;base64,${png.toString("base64")}` });
    expect(result.bytes.equals(png)).toBe(true);
    expect(result.contentType).toBe("image/png");
  });
});
