import { afterEach, describe, expect, it } from "vitest";
import { startScriptedServer, type Reply } from "@/lib/testing/http-server";
import { createGatewayClient, GatewayError } from "./index";

// A loopback server stands in for the gateway. Every request the client makes
// goes through a recording fetch, which refuses (and records) anything that is
// not on 127.0.0.1, so no packet can leave this machine whatever the client does.

const KEY = "sk-redirect-test-KEY-0123456789";
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function gateway(answer: (url: string) => Reply) {
  const s = await startScriptedServer((req) => answer(req.url));
  servers.push(s);
  return s;
}

function recordingFetch() {
  const urls: string[] = [];
  const doFetch: typeof fetch = async (input, init) => {
    const url = String(input);
    urls.push(url);
    if (new URL(url).hostname !== "127.0.0.1") throw new Error(`test fetch: refusing to leave loopback (${url})`);
    return fetch(input, init);
  };
  return { urls, doFetch };
}

const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");

describe("result downloads and redirects to non-public addresses", () => {
  it.each([
    ["cloud metadata", "http://169.254.169.254/latest/meta-data/iam/security-credentials/"],
    ["the private network", "http://10.0.0.1/x.png?key=" + KEY],
    ["IPv4-mapped IPv6 metadata", "http://[::ffff:169.254.169.254]/"],
    ["a metadata name", "http://metadata.google.internal/computeMetadata/v1/"],
    ["a name resolving privately", "http://cdn.example/x.png"],
  ])("a redirect to %s is refused before connecting", async (_what, target) => {
    const gw = await gateway(() => ({ status: 302, headers: { location: target } }));
    const { urls, doFetch } = recordingFetch();
    const client = createGatewayClient({ baseUrl: gw.url, apiKey: KEY, fetch: doFetch, lookupHost: async () => ["10.0.0.1"] });
    const error = await client.fetchResult({ id: "task_1", url: `${gw.url}/files/x.png` }).catch((e: unknown) => e);
    expect(GatewayError.is(error)).toBe(true);
    expect((error as GatewayError).kind).toBe("invalid");
    expect((error as GatewayError).message).toMatch(/^The result download was refused: .+ is not a public address/);
    expect((error as GatewayError).message).not.toContain(KEY);
    // The result URL, then the gateway's own /content (redirected there too):
    // requests to the loopback gateway only, none anywhere else.
    expect(urls).toEqual([`${gw.url}/files/x.png`, `${gw.url}/v1/videos/task_1/content`]);
  });

  it("a result URL that itself points at a private address is never requested; the gateway's /content is asked instead", async () => {
    const gw = await gateway((url) => (url.endsWith("/content") ? { status: 200, body: png, headers: { "content-type": "image/png" } } : { status: 500 }));
    const { urls, doFetch } = recordingFetch();
    const client = createGatewayClient({ baseUrl: gw.url, apiKey: KEY, fetch: doFetch });
    const result = await client.fetchResult({ id: "task_1", url: "http://10.0.0.1/x.png" });
    expect(result.source).toBe("content");
    expect(urls).toEqual([`${gw.url}/v1/videos/task_1/content`]);
  });

  it("a gateway on 127.0.0.1 is allowed: its /content route and redirects on its own host work", async () => {
    const cdn = await gateway(() => ({ status: 200, body: png, headers: { "content-type": "image/png" } }));
    const gw = await gateway((url) =>
      url.endsWith("/content") ? { status: 302, headers: { location: `${cdn.url}/stored/x.png` } } : { status: 404, body: "{}" },
    );
    const { urls, doFetch } = recordingFetch();
    const client = createGatewayClient({ baseUrl: gw.url, apiKey: KEY, fetch: doFetch });
    const result = await client.fetchResult({ id: "task_1", url: undefined });
    expect(result).toMatchObject({ source: "content", contentType: "image/png" });
    expect(result.bytes.equals(png)).toBe(true);
    expect(urls).toEqual([`${gw.url}/v1/videos/task_1/content`, `${cdn.url}/stored/x.png`]);
    // The key went to the gateway's origin only, not to the other port.
    expect(gw.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
    expect(cdn.requests[0].headers.authorization).toBeUndefined();
  });
});

describe("API calls that are redirected", () => {
  it.each(["submit", "poll"] as const)("a redirected %s is not followed, so the key never reaches the other origin", async (call) => {
    const elsewhere = await gateway(() => ({ status: 200, body: JSON.stringify({ id: "task_x", status: "queued" }) }));
    const gw = await gateway(() => ({ status: 307, headers: { location: `${elsewhere.url}/v1/videos?key=${KEY}` } }));
    const { urls, doFetch } = recordingFetch();
    const client = createGatewayClient({ baseUrl: gw.url, apiKey: KEY, fetch: doFetch, retryBudgetMs: 0 });
    const answer = call === "submit" ? client.submit({ model: "nano_banana_2", prompt: "p" }) : client.get("task_1");
    const error = await answer.catch((e: unknown) => e);
    expect((error as GatewayError).kind).toBe("invalid");
    expect((error as GatewayError).message).toMatch(/answered with a redirect to http:\/\/127\.0\.0\.1:\d+ \(HTTP 307\)/);
    expect((error as GatewayError).message).not.toContain(KEY);
    expect(urls).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
  });
});
