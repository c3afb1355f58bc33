import "server-only";
import { describe, expect, it } from "vitest";
import { PictureCache } from "./pictures";
import { completionTime, taskState, type Task } from "./tasks";
import { client, clockedSimulator, readJson } from "./test-helpers";

const body = { model: "nano_banana_2", prompt: "a quiet harbour", metadata: { aspectRatio: "1:1" } };

describe("bursts", () => {
  it("answers an HTML 502, then a 429 with Retry-After, then a truncated success, then normally", async () => {
    const { sim } = clockedSimulator();
    const api = client(sim);
    const id = await api.create(body);
    sim.injectBurst({ status: 502, count: 2, body: "html" });
    sim.injectBurst({ status: 429, count: 1, body: "json", retryAfterSeconds: 7 });
    sim.injectBurst({ status: 200, count: 1, body: "truncated-json" });

    for (let i = 0; i < 2; i++) {
      const res = await api.poll(id);
      expect(res.status).toBe(502);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await res.text()).toBe("<html><body><h1>502 Bad Gateway</h1></body></html>");
    }
    const limited = await api.submit(body);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(await limited.json()).toEqual({
      error: { message: "当前分组上游负载已饱和，请稍后再试", type: "new_api_error", code: expect.any(String) },
    });
    const truncated = await api.poll(id);
    expect(truncated.status).toBe(200);
    const text = await truncated.text();
    expect(text).toBe('{"id":"task_');
    expect(() => JSON.parse(text)).toThrow();

    expect((await readJson(await api.poll(id))).id).toBe(id);
    expect(sim.stats()).toMatchObject({ submits: 2, polls: 4 }); // failed answers were still requests
  });

  it("applies a burst only to the requests it targets", async () => {
    const { sim, advance } = clockedSimulator();
    const api = client(sim);
    const id = await api.create(body);
    advance(10_000);
    sim.injectBurst({ status: 503, count: 1, only: "result" });
    expect((await api.poll(id)).status).toBe(200);
    const refused = await api.content(id);
    expect(refused.status).toBe(503);
    expect((await readJson(refused)).error.message).toEqual(expect.any(String));
    expect((await api.content(id)).status).toBe(200);
  });
});

describe("latency", () => {
  it("delays every answer, and a client's abort ends the wait like a real fetch", async () => {
    const { sim } = clockedSimulator({ latencyMs: 150 });
    const api = client(sim);
    const start = performance.now();
    await api.create(body);
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);

    sim.setFaults({ latencyMs: 5_000 });
    const slow = sim.fetch("http://gateway.test/v1/videos/task_x", { signal: AbortSignal.timeout(50) });
    await expect(slow).rejects.toMatchObject({ name: "TimeoutError" });
  });
});

describe("result expiry", () => {
  it("serves the result URL without a key until resultTtlSeconds after completion, then 404", async () => {
    const { sim, advance } = clockedSimulator({ resultTtlSeconds: 60 });
    const api = client(sim);
    const id = await api.create(body);
    advance(4_000);
    const { url } = await readJson(await api.poll(id));
    const fresh = await sim.fetch(url);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("content-type")).toBe("image/png");
    advance(59_000);
    expect((await sim.fetch(url)).status).toBe(200);
    advance(1_000);
    expect((await sim.fetch(url)).status).toBe(404);
    expect((await api.content(id)).status).toBe(404);
    // The task itself is still known and completed; only its picture is gone.
    expect((await readJson(await api.poll(id))).status).toBe("completed");
    expect(sim.stats().resultDownloads).toBe(4);
  });

  it("keeps only the newest pictures; an evicted one is gone for good", async () => {
    const cache = new PictureCache(2);
    const task = (id: string): Task => ({
      id,
      model: "nano_banana_2",
      prompt: id,
      aspectRatio: "1:1",
      size: "1K",
      references: [],
      createdAt: 0,
      queuedMs: 1,
      totalMs: 2,
      noUrl: false,
      pictureGone: false,
    });
    const [a, b, c] = [task("a"), task("b"), task("c")];
    expect(taskState(a, completionTime(a)!).status).toBe("completed");
    await cache.get(a);
    await cache.get(b);
    await cache.get(c);
    expect(cache.get(a)).toBeUndefined();
    expect(a.pictureGone).toBe(true);
    expect(await cache.get(b)).toBeInstanceOf(Buffer);
    expect(await cache.get(c)).toBeInstanceOf(Buffer);
  });
});
