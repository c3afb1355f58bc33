import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASPECT_RATIOS, MODELS, effectiveSize, pixelDimensions, type AspectRatio, type ModelId } from "@/lib/models";
import { createSimulator, serveSimulator } from "@/lib/simulator";
import { pngDataUrl } from "@/lib/simulator/test-helpers";
import { createGatewayClient, GatewayError, type GatewayClient } from "./index";

// The real client against the simulator served on a real loopback port: the
// same path a request takes in demo mode, plus an actual socket.

const KEY = "sk-integration";
let clock = 1_800_000_000_000;
const sim = createSimulator({ apiKey: KEY, now: () => clock });
let server: Awaited<ReturnType<typeof serveSimulator>>;
let client: GatewayClient;

beforeAll(async () => {
  server = await serveSimulator(sim);
  client = createGatewayClient({ baseUrl: server.url, apiKey: KEY, retryBudgetMs: 2_000 });
});
afterAll(() => server.close());

/** Submits, lets simulated time pass, polls until done, and reads the picture back. */
async function generate(input: { model: ModelId; aspectRatio: AspectRatio; references?: string[]; prompt?: string }) {
  const submitted = await client.submit({ prompt: input.prompt ?? `a lighthouse at dusk ${input.model} ${input.aspectRatio}`, ...input });
  expect(submitted.status).toBe("queued");
  const seen: string[] = [submitted.status];
  let task = submitted;
  for (let i = 0; i < 40 && task.status !== "completed" && task.status !== "failed"; i++) {
    clock += 1_000;
    task = await client.get(submitted.id, { previousProgress: task.progress });
    seen.push(task.status);
  }
  return { task, seen };
}

describe("the client against the simulator over loopback", () => {
  const combos = MODELS.flatMap((m) => ASPECT_RATIOS.map((ratio) => ({ model: m.id, ratio })));

  it.each(combos)("text-to-image $model $ratio has the true pixel size", async ({ model, ratio }) => {
    const { task, seen } = await generate({ model, aspectRatio: ratio });
    expect(task.status).toBe("completed");
    expect(seen).toContain("processing");
    expect(task.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const result = await client.fetchResult(task);
    const meta = await sharp(result.bytes).metadata();
    const expected = pixelDimensions(effectiveSize(model), ratio);
    expect({ width: meta.width, height: meta.height }).toEqual(expected);
    expect(result.contentType).toBe(`image/${meta.format}`);
  });

  it("honours a requested size on a model that offers several", async () => {
    const submitted = await client.submit({ model: "nano_banana_2", prompt: "2K please", aspectRatio: "16:9", imageSize: "2K" });
    clock += 20_000;
    const task = await client.get(submitted.id);
    const meta = await sharp((await client.fetchResult(task)).bytes).metadata();
    expect([meta.width, meta.height]).toEqual([2752, 1536]);
  });

  it("image-to-image uses the references visibly", async () => {
    const prompt = "the same cat, in watercolour";
    const plain = await generate({ model: "nano_banana_2", aspectRatio: "1:1", prompt });
    const withRefs = await generate({
      model: "nano_banana_2",
      aspectRatio: "1:1",
      prompt,
      references: [await pngDataUrl("#ff0000"), await pngDataUrl("#0000ff"), "https://example.com/ref.png"],
    });
    expect(withRefs.task.status).toBe("completed");
    const a = await sharp((await client.fetchResult(plain.task)).bytes).raw().toBuffer();
    const b = await sharp((await client.fetchResult(withRefs.task)).bytes).raw().toBuffer();
    expect(a.length).toBe(b.length);
    let differing = 0;
    for (let i = 0; i < a.length; i += 4) if (Math.abs(a[i] - b[i]) > 30) differing++;
    expect(differing / (a.length / 4)).toBeGreaterThan(0.01);
  });

  it("a refused submit reaches the caller as a GatewayError with the gateway's words", async () => {
    const error = (await client.submit({ model: "nano_banana_2", prompt: "x".repeat(10_001) }).catch((e) => e)) as GatewayError;
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.kind).toBe("invalid");
    const bad = createGatewayClient({ baseUrl: server.url, apiKey: "wrong" });
    const auth = (await bad.submit({ model: "nano_banana_2", prompt: "p" }).catch((e) => e)) as GatewayError;
    expect(auth.kind).toBe("auth");
    expect(auth.message).toContain("无效的令牌");
  });

  it("a failed task carries its reason, and a task without a URL is fetched from /content", async () => {
    const failed = await generate({ model: "nano_banana_2", aspectRatio: "1:1", prompt: "please #fail" });
    expect(failed.task.status).toBe("failed");
    expect(failed.task.error?.message).toBeTruthy();
    const nourl = await generate({ model: "nano_banana_2", aspectRatio: "1:1", prompt: "no link #nourl" });
    expect(nourl.task.status).toBe("completed");
    expect(nourl.task.url).toBeUndefined();
    const result = await client.fetchResult(nourl.task);
    expect(result.source).toBe("content");
    expect((await sharp(result.bytes).metadata()).width).toBe(1024);
  });

  it("get rides out a burst of 502 pages and 429s", async () => {
    const submitted = await client.submit({ model: "nano_banana_2", prompt: "bursty" });
    sim.injectBurst({ status: 502, count: 2, body: "html", only: "poll" });
    sim.injectBurst({ status: 429, count: 1, body: "json", retryAfterSeconds: 0, only: "poll" });
    const before = sim.stats().pollsByTask[submitted.id] ?? 0;
    const task = await client.get(submitted.id);
    expect(task.id).toBe(submitted.id);
    expect((sim.stats().pollsByTask[submitted.id] ?? 0) - before).toBeGreaterThanOrEqual(1);
  });
});
