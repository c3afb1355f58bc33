import "server-only";
import { describe, expect, it } from "vitest";
import { MAX_PROMPT_LENGTH } from "@/lib/models";
import { KEY, client, clockedSimulator, readJson } from "./test-helpers";

const ok = { model: "nano_banana_2", prompt: "a red fox in snow", metadata: { aspectRatio: "16:9", urls: [] } };

describe("auth", () => {
  it("refuses a missing or wrong key with new-api's 401 body", async () => {
    const { sim } = clockedSimulator();
    const api = client(sim);
    const attempts: Array<Record<string, string>> = [{}, { authorization: "Bearer nope" }, { authorization: KEY }];
    for (const headers of attempts) {
      const res = await api.submit(ok, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { message: "无效的令牌", type: "new_api_error", code: "" } });
    }
    const id = await api.create(ok);
    expect((await api.poll(id, { authorization: "Bearer nope" })).status).toBe(401);
    expect((await api.content(id, {})).status).toBe(401);
  });
});

describe("submit validation", () => {
  const cases: Array<[string, unknown]> = [
    ["malformed JSON", '{"model": "nano_banana_2", "prompt": '],
    ["missing prompt", { model: "nano_banana_2" }],
    ["empty prompt", { model: "nano_banana_2", prompt: "   " }],
    ["prompt too long", { model: "nano_banana_2", prompt: "x".repeat(MAX_PROMPT_LENGTH + 1) }],
    ["six references", { ...ok, metadata: { urls: Array(6).fill("https://example.com/a.png") } }],
    ["reference not a string", { ...ok, metadata: { urls: [42] } }],
    ["reference not a URL", { ...ok, metadata: { urls: ["file:///etc/passwd"] } }],
    ["bad aspect ratio", { ...ok, metadata: { aspectRatio: "4:3" } }],
    ["bad image size", { ...ok, metadata: { imageSize: "8K" } }],
    ["missing model", { prompt: "hi" }],
  ];
  it.each(cases)("refuses %s with 400 invalid_request", async (_name, body) => {
    const { sim } = clockedSimulator();
    const res = await client(sim).submit(body);
    expect(res.status).toBe(400);
    const json = await readJson(res);
    expect(json.error).toMatchObject({ type: "new_api_error", code: "invalid_request" });
    expect(json.error.message).toEqual(expect.any(String));
  });

  it("accepts a prompt of exactly the maximum length", async () => {
    const { sim } = clockedSimulator();
    const res = await client(sim).submit({ model: "nano_banana_2", prompt: "x".repeat(MAX_PROMPT_LENGTH) });
    expect(res.status).toBe(200);
  });

  it("answers an unknown model with 503 model_not_found", async () => {
    const { sim } = clockedSimulator();
    const res = await client(sim).submit({ ...ok, model: "dall-e-3" });
    expect(res.status).toBe(503);
    expect((await readJson(res)).error).toMatchObject({ type: "new_api_error", code: "model_not_found" });
  });
});

describe("task lifecycle", () => {
  it("answers a submit with a queued task object", async () => {
    const { sim, now } = clockedSimulator();
    const res = await client(sim).submit(ok);
    expect(res.status).toBe(200);
    const task = await readJson(res);
    expect(task).toEqual({
      id: expect.stringMatching(/^task_nano_[A-Za-z0-9]+$/),
      object: "image",
      model: "nano_banana_2",
      status: "queued",
      progress: 0,
      created: Math.floor(now() / 1000),
    });
  });

  it("goes queued → processing → completed with rising progress, then carries a url", async () => {
    const { sim, advance } = clockedSimulator();
    const api = client(sim);
    const id = await api.create(ok);
    const seen: Array<{ status: string; progress: number; url?: string }> = [];
    for (let i = 0; i <= 10; i++) {
      seen.push(await readJson(await api.poll(id)) as never);
      advance(500); // nano_banana_2 takes about 4 s at speed 1
    }
    expect(seen[0]).toMatchObject({ status: "queued", progress: 0 });
    expect(seen.some((t) => t.status === "processing")).toBe(true);
    expect(seen.at(-1)).toMatchObject({ status: "completed", progress: 100, url: `http://gateway.test/v1/files/${id}.png` });
    const progress = seen.map((t) => t.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(progress.filter((p) => p > 0 && p < 100)).size).toBeGreaterThan(2);
    expect(seen.filter((t) => t.status !== "completed").every((t) => t.url === undefined)).toBe(true);
  });

  it("takes longer for Pro 4K than for nano_banana_2, and speed shortens both", async () => {
    const statusAfter = async (model: string, ms: number, speed = 1) => {
      const { sim, advance } = clockedSimulator({ speed });
      const api = client(sim);
      const id = await api.create({ model, prompt: "timing" });
      advance(ms);
      return (await readJson(await api.poll(id))).status;
    };
    expect(await statusAfter("nano_banana_2", 4_100)).toBe("completed");
    expect(await statusAfter("nano_banana_pro-4K", 4_100)).toBe("processing");
    expect(await statusAfter("nano_banana_pro-4K", 12_100)).toBe("completed");
    expect(await statusAfter("nano_banana_pro-4K", 6_100, 2)).toBe("completed");
  });

  it("#fail and failureRate end in failed tasks that carry the reason", async () => {
    const { sim, advance } = clockedSimulator({ random: () => 0.3 });
    const api = client(sim);
    const directed = await api.create({ ...ok, prompt: "a cat #fail" });
    sim.setFaults({ failureRate: 0.5, failureReason: "No image returned (simulated)" });
    const rated = await api.create(ok);
    sim.setFaults({ failureRate: 0.2 });
    const lucky = await api.create(ok); // 0.3 ≥ 0.2: not chosen to fail
    advance(1_000);
    expect((await readJson(await api.poll(directed))).status).toBe("processing");
    advance(9_000);
    const failed = await readJson(await api.poll(directed));
    expect(failed).toMatchObject({
      status: "failed",
      error: { message: "Output blocked by the safety filter (simulated)", code: "output_moderation" },
      fail_reason: "Output blocked by the safety filter (simulated)",
    });
    expect(failed.progress).toBeGreaterThan(0);
    expect(failed.progress).toBeLessThan(100);
    expect(failed.url).toBeUndefined();
    expect((await readJson(await api.poll(rated))).error.message).toBe("No image returned (simulated)");
    expect((await readJson(await api.poll(lucky))).status).toBe("completed");
    expect((await api.content(directed)).status).toBe(400);
  });

  it("#error fails every time for a reason that is not the safety filter; #flaky fails only the first task of its prompt", async () => {
    const { sim, advance } = clockedSimulator();
    const api = client(sim);
    const broken = await api.create({ ...ok, prompt: "a cat #error" });
    const brokenAgain = await api.create({ ...ok, prompt: "a cat #error" });
    const flaky = await api.create({ ...ok, prompt: "a dog #flaky" });
    const flakyAgain = await api.create({ ...ok, prompt: "a dog #flaky" });
    advance(10_000);
    for (const id of [broken, brokenAgain, flaky]) {
      const failed = await readJson(await api.poll(id));
      expect(failed).toMatchObject({ status: "failed", error: { code: "model_error", message: "The model stopped before the picture was finished (simulated)" } });
    }
    expect((await readJson(await api.poll(flakyAgain))).status).toBe("completed");
  });

  it("#nourl completes without a url, and /content still serves the picture", async () => {
    const { sim, advance } = clockedSimulator();
    const api = client(sim);
    const id = await api.create({ ...ok, prompt: "no url please #nourl" });
    expect((await api.content(id)).status).toBe(400); // not completed yet
    advance(5_000);
    const task = await readJson(await api.poll(id));
    expect(task.status).toBe("completed");
    expect(task).not.toHaveProperty("url");
    const res = await api.content(id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it("answers task_not_exist for an unknown or forgotten task", async () => {
    const { sim } = clockedSimulator();
    const api = client(sim);
    const id = await api.create(ok);
    expect((await api.poll(id)).status).toBe(200);
    sim.forgetTask(id);
    for (const res of [await api.poll(id), await api.poll("task_nano_nothing"), await api.content(id)]) {
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ code: "task_not_exist", message: "task_not_exist", data: null });
    }
  });
});

describe("stats", () => {
  it("counts submits, polls per task with their times, downloads and completion times", async () => {
    const { sim, advance, now } = clockedSimulator();
    const api = client(sim);
    const start = now();
    const a = await api.create(ok);
    const b = await api.create({ ...ok, model: "nano_banana_pro-4K" });
    await api.submit({ ...ok, model: "nope" }); // refused submits count too
    await api.poll(a);
    advance(3_000);
    await api.poll(a);
    await api.poll(b);
    advance(2_000);
    await (await api.content(a)).arrayBuffer();
    const stats = sim.stats();
    expect(stats).toMatchObject({ submits: 3, polls: 3, pollsByTask: { [a]: 2, [b]: 1 }, resultDownloads: 1 });
    expect(stats.pollTimesByTask[a]).toEqual([start, start + 3_000]);
    expect(stats.completedAtByTask).toEqual({ [a]: start + 4_000 });

    sim.resetStats();
    advance(10_000);
    expect(sim.stats()).toEqual({
      submits: 0,
      polls: 0,
      pollsByTask: {},
      pollTimesByTask: {},
      resultDownloads: 0,
      completedAtByTask: { [b]: start + 12_000 },
    });
  });
});
