import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScriptedServer, type Reply } from "@/lib/testing/http-server";
import { fetchReference } from "./fetch-reference";

// Reference URLs are typed by people: fetched with the private-address guard
// on every hop, a size cap and a time limit.

const MB = 1024 * 1024;
let picture: Buffer;
let server: Awaited<ReturnType<typeof startScriptedServer>>;
const replies: Record<string, () => Reply> = {};

beforeAll(async () => {
  picture = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#0ea5e9" } }).png().toBuffer();
  replies["/a.png"] = () => ({ status: 200, body: picture, headers: { "content-type": "image/png" } });
  replies["/page"] = () => ({ status: 200, body: "<html></html>", headers: { "content-type": "text/html; charset=utf-8" } });
  replies["/big.png"] = () => ({ status: 200, body: Buffer.alloc(8 * MB), headers: { "content-type": "image/png" } });
  replies["/gone.png"] = () => ({ status: 404, body: "no" });
  replies["/to-localhost"] = () => ({ status: 302, headers: { location: `http://localhost:${new URL(server.url).port}/a.png` } });
  replies["/hop"] = () => ({ status: 301, headers: { location: "/a.png" } });
  server = await startScriptedServer((req) => (replies[req.url] ?? (() => ({ status: 404 })))());
});
afterAll(() => server.close());

const allow = () => [server.url];

describe("fetchReference", () => {
  it("refuses a loopback address unless it is allowed, before connecting", async () => {
    const before = server.requests.length;
    await expect(fetchReference(`${server.url}/a.png`, { maxBytes: 7 * MB })).rejects.toThrow(/loopback 127\.0\.0\.0\/8/);
    expect(server.requests.length).toBe(before);
    const got = await fetchReference(`${server.url}/a.png`, { maxBytes: 7 * MB, allow: ["127.0.0.1"] });
    expect(got.contentType).toBe("image/png");
    expect(got.bytes.equals(picture)).toBe(true);
  });

  it("follows a redirect on an allowed origin, and checks every hop", async () => {
    expect((await fetchReference(`${server.url}/hop`, { maxBytes: 7 * MB, allow: allow() })).bytes.equals(picture)).toBe(true);
    // The same port under another name is another origin: "localhost" is refused whatever it resolves to.
    const before = server.requests.length;
    await expect(fetchReference(`${server.url}/to-localhost`, { maxBytes: 7 * MB, allow: allow() })).rejects.toThrow(/localhost/);
    expect(server.requests.length).toBe(before + 1);
  });

  it("refuses a public name redirecting into the private network (injected fetch, no DNS)", async () => {
    const asked: string[] = [];
    const fakeFetch = (async (url: string | URL | Request) => {
      asked.push(String(url));
      return new Response(null, { status: 302, headers: { location: "http://169.254.169.254/latest/meta-data" } });
    }) as typeof fetch;
    await expect(fetchReference("https://cdn.example/cat.png", { maxBytes: 7 * MB, fetch: fakeFetch, lookup: false })).rejects.toThrow(/link-local/);
    expect(asked).toEqual(["https://cdn.example/cat.png"]);
  });

  it("refuses a web page, a 404 and a picture over the cap", async () => {
    await expect(fetchReference(`${server.url}/page`, { maxBytes: 7 * MB, allow: allow() })).rejects.toThrow(/not a picture \(it answered text\/html\)/);
    await expect(fetchReference(`${server.url}/gone.png`, { maxBytes: 7 * MB, allow: allow() })).rejects.toThrow(/HTTP 404/);
    await expect(fetchReference(`${server.url}/big.png`, { maxBytes: 7 * MB, allow: allow() })).rejects.toThrow(/larger than 7 MB/);
  });

  it("gives up after its time limit", async () => {
    const hanging = ((_url: string, init?: RequestInit) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)))) as typeof fetch;
    const started = Date.now();
    await expect(fetchReference("https://slow.example/a.png", { maxBytes: 7 * MB, fetch: hanging, lookup: false, timeoutMs: 200 })).rejects.toThrow(/did not answer within/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("refuses a redirect to another scheme", async () => {
    const toFile = (async () => new Response(null, { status: 302, headers: { location: "file:///etc/passwd" } })) as typeof fetch;
    await expect(fetchReference("https://cdn.example/a.png", { maxBytes: 7 * MB, fetch: toFile, lookup: false })).rejects.toThrow(/file: is not http/);
  });
});
