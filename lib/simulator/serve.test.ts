import "server-only";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { createSimulator, serveSimulator } from "./index";
import { KEY, client, clockedSimulator, readJson } from "./test-helpers";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function served(sim = clockedSimulator()) {
  const server = await serveSimulator(sim.sim, { port: 0 });
  closers.push(server.close);
  return { ...sim, url: server.url, api: client(sim.sim, server.url, fetch) };
}

describe("serveSimulator on a loopback port", () => {
  it("speaks the protocol over real HTTP and hands out result URLs on its own port", async () => {
    const { url, api, advance } = await served();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const refused = await api.submit({ model: "nano_banana_2", prompt: "hi" }, {});
    expect(refused.status).toBe(401);
    expect((await readJson(refused)).error.message).toBe("无效的令牌");

    const id = await api.create({ model: "nano_banana_pro", prompt: "港口的灯塔", metadata: { aspectRatio: "16:9" } });
    expect((await readJson(await api.poll(id))).status).toBe("queued");
    advance(6_000);
    const task = await readJson(await api.poll(id));
    expect(task).toMatchObject({ status: "completed", progress: 100, url: `${url}/v1/files/${id}.png` });

    const picture = await fetch(task.url); // no key: the result URL is a CDN link
    expect(picture.status).toBe(200);
    expect(picture.headers.get("content-type")).toBe("image/png");
    const meta = await sharp(Buffer.from(await picture.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ width: 1376, height: 768 });
  });

  it("passes bursts, validation errors and unknown tasks through unchanged", async () => {
    const { api } = await served();
    const bad = await api.submit("{not json");
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).error.code).toBe("invalid_request");

    const gone = await api.poll("task_nano_missing");
    expect(gone.status).toBe(400);
    expect(await gone.json()).toEqual({ code: "task_not_exist", message: "task_not_exist", data: null });
  });

  it("answers injected HTML errors with their Retry-After over HTTP", async () => {
    const { sim, api } = await served();
    sim.injectBurst({ status: 503, count: 1, body: "html", retryAfterSeconds: 3, only: "submit" });
    const res = await api.submit({ model: "nano_banana_2", prompt: "hi" });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(await res.text()).toContain("<h1>503 Service Unavailable</h1>");
    expect((await api.submit({ model: "nano_banana_2", prompt: "hi" })).status).toBe(200);
  });

  it("uses a fixed origin when one is given", async () => {
    const sim = createSimulator({ apiKey: KEY, origin: "https://cdn.example.test", speed: 1000 });
    const { api } = await served({ sim, now: Date.now, advance: () => undefined });
    const id = await api.create({ model: "nano_banana_2", prompt: "fast" });
    await new Promise((r) => setTimeout(r, 20)); // 4 s at speed 1000
    expect((await readJson(await api.poll(id))).url).toBe(`https://cdn.example.test/v1/files/${id}.png`);
  });
});
