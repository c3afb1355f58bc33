import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSimulator, type SimulatorOptions } from "./index";
import { KEY, client, pngDataUrl, readJson } from "./test-helpers";

// A real gateway keeps its tasks when the studio restarts; with `persistFile`
// the simulator does too. "A restart" here is a second simulator on the same file.

let dir: string;
let file: string;
let t: number;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sim-persist-"));
  file = path.join(dir, "nested", "simulator", "tasks.jsonl");
  t = 1_750_000_000_000;
});

afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const simulator = (options: Partial<SimulatorOptions> = {}) =>
  createSimulator({ apiKey: KEY, now: () => t, persistFile: file, ...options });

const fileLines = () => fs.readFileSync(file, "utf8").split("\n").filter((l) => l !== "");

async function bytesOf(res: Response): Promise<Buffer> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("image/png");
  return Buffer.from(await res.arrayBuffer());
}

describe("persistFile", () => {
  it("answers, after a restart, for the tasks a previous process accepted", async () => {
    const a = simulator();
    const apiA = client(a);
    const text = await apiA.create({ model: "nano_banana_2", prompt: "a lighthouse at dusk", metadata: { aspectRatio: "16:9" } });
    // The first reference is the picture an edit starts from; the green one shows in the strip of the others.
    const [parent, ref] = await Promise.all([pngDataUrl("#3050ff", 120, 80), pngDataUrl("#00ff00", 120, 80)]);
    const i2i = await apiA.create({
      model: "nano_banana_pro-2K",
      prompt: "make it pop",
      metadata: { aspectRatio: "1:1", urls: [parent, ref, "https://cdn.example.com/cat.jpg"] },
    });
    const failing = await apiA.create({ model: "nano_banana_2", prompt: "a cat #fail" });
    const noUrl = await apiA.create({ model: "nano_banana_2", prompt: "no url please #nourl" });
    expect(fs.existsSync(file)).toBe(true); // created with its parent directories
    expect(fileLines()).toHaveLength(4);

    t += 1_000; // all still running when the "server" goes down
    expect((await readJson(await apiA.poll(text))).status).toBe("processing");

    t += 60_000; // the restart takes a while; the tasks finish meanwhile
    const b = simulator();
    const apiB = client(b);
    const polled = await Promise.all([text, i2i, failing, noUrl].map(async (id) => readJson(await apiB.poll(id))));
    expect(polled[0]).toMatchObject({ id: text, model: "nano_banana_2", status: "completed", progress: 100, url: `http://gateway.test/v1/files/${text}.png` });
    expect(polled[0].created).toBe(Math.floor(1_750_000_000_000 / 1000));
    expect(polled[1]).toMatchObject({ id: i2i, model: "nano_banana_pro-2K", status: "completed" });
    expect(polled[2]).toMatchObject({
      id: failing,
      status: "failed",
      error: { message: "Output blocked by the safety filter (simulated)", code: "output_moderation" },
    });
    expect(polled[3]).toMatchObject({ id: noUrl, status: "completed" });
    expect(polled[3]).not.toHaveProperty("url");

    // The result URL (no key, as a CDN) and /content both serve the picture at the right size.
    const viaUrl = await bytesOf(await b.fetch(polled[0].url));
    expect(await sharp(viaUrl).metadata()).toMatchObject({ format: "png", width: 1376, height: 768 });
    const viaContent = await bytesOf(await apiB.content(text));
    expect(viaContent.equals(viaUrl)).toBe(true);
    const i2iB = await bytesOf(await apiB.content(i2i));
    expect(await sharp(i2iB).metadata()).toMatchObject({ width: 2048, height: 2048 });
    expect((await bytesOf(await apiB.content(noUrl))).length).toBeGreaterThan(1000);
    expect((await apiB.content(failing)).status).toBe(400);

    // The reference survived the restart: B draws what A draws for the same task.
    const i2iA = await bytesOf(await apiA.content(i2i));
    expect(i2iB.equals(i2iA)).toBe(true);
    const { data, info } = await sharp(i2iB).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let green = 0;
    for (let i = 0; i < info.width * info.height * 3; i += 3) {
      if (data[i] < 10 && data[i + 1] > 245 && data[i + 2] < 10) green++;
    }
    expect(green).toBeGreaterThan(1000);

    // Stats of the new process record the completion at the time it really happened.
    expect(b.stats().completedAtByTask[text]).toBe(1_750_000_000_000 + 4_000);
  });

  it("keeps a still-running task running from its stored creation time", async () => {
    const a = simulator();
    const id = await client(a).create({ model: "nano_banana_pro-4K", prompt: "slow" }); // 12 s
    t += 5_000;
    const b = simulator();
    expect((await readJson(await client(b).poll(id))).status).toBe("processing");
    t += 7_000;
    expect((await readJson(await client(b).poll(id))).status).toBe("completed");
  });

  it("keeps a forgotten task forgotten", async () => {
    const a = simulator();
    const api = client(a);
    const gone = await api.create({ model: "nano_banana_2", prompt: "forget me" });
    const kept = await api.create({ model: "nano_banana_2", prompt: "keep me" });
    a.forgetTask(gone);
    a.forgetTask("task_nano_never_existed"); // nothing to write for an unknown id
    expect(fileLines()).toHaveLength(3);
    const b = client(simulator());
    const res = await b.poll(gone);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: "task_not_exist", message: "task_not_exist", data: null });
    expect((await b.poll(kept)).status).toBe(200);
  });

  it("loads the readable lines of a file with a garbage line and a torn last line, and appends after them", async () => {
    const a = simulator();
    const apiA = client(a);
    const first = await apiA.create({ model: "nano_banana_2", prompt: "first" });
    const second = await apiA.create({ model: "nano_banana_2", prompt: "second" });
    const [line1, line2] = fileLines();
    fs.writeFileSync(
      file,
      [line1, "this is not json", '{"v":1,"type":"task","id":"task_nano_half"}', '{"v":99,"type":"forget","id":"x"}', line2].join("\n") +
        "\n" +
        line2.slice(0, 40).replace(second, "task_nano_torn"), // a crash mid-append
    );

    const b = simulator();
    const apiB = client(b);
    t += 10_000;
    expect((await readJson(await apiB.poll(first))).status).toBe("completed");
    expect((await readJson(await apiB.poll(second))).status).toBe("completed");
    expect((await apiB.poll("task_nano_half")).status).toBe(400);

    // A task accepted after the torn line starts on a line of its own.
    const third = await apiB.create({ model: "nano_banana_2", prompt: "third" });
    t += 10_000;
    const apiC = client(simulator());
    for (const id of [first, second, third]) expect((await readJson(await apiC.poll(id))).status).toBe("completed");
  });

  it("keeps the newest 10,000 tasks and compacts a file past twice that many lines", async () => {
    const a = simulator();
    const api = client(a);
    const seed = await api.create({ model: "nano_banana_2", prompt: "seed" });
    const record = JSON.parse(fileLines()[0]) as Record<string, unknown>;
    const ids = Array.from({ length: 20_500 }, (_, i) => `task_nano_bulk${i}`);
    const body = ids.map((id) => JSON.stringify({ ...record, id })).join("\n");
    fs.appendFileSync(file, `${body}\n${JSON.stringify({ v: 1, type: "forget", id: ids.at(-1) })}\n`);

    const b = client(simulator());
    expect((await b.poll(seed)).status).toBe(400); // too old: beyond the bound
    expect((await b.poll(ids[10_498])).status).toBe(400); // the oldest left out
    expect((await b.poll(ids[10_499])).status).toBe(200); // the oldest kept
    expect((await b.poll(ids.at(-2)!)).status).toBe(200);
    expect((await b.poll(ids.at(-1)!)).status).toBe(400); // forgotten

    const lines = fileLines();
    expect(lines).toHaveLength(10_000);
    expect((JSON.parse(lines[0]) as { id: string }).id).toBe(ids[10_499]);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["tasks.jsonl"]); // no temp file left behind

    const c = client(simulator()); // the compacted file reads the same
    expect((await c.poll(ids[10_499])).status).toBe(200);
    expect((await c.poll(ids.at(-1)!)).status).toBe(400);
  });

  it("answers 404 for a result that expired while the server was down", async () => {
    const a = simulator({ resultTtlSeconds: 60 });
    const id = await client(a).create({ model: "nano_banana_2", prompt: "late copy" });
    t += 120_000;
    const b = simulator({ resultTtlSeconds: 60 });
    const task = await readJson(await client(b).poll(id));
    expect(task.status).toBe("completed");
    expect((await b.fetch(task.url)).status).toBe(404);
  });

  it("refuses a submit it cannot store", async () => {
    const sim = simulator();
    vi.spyOn(fs, "appendFileSync").mockImplementation(() => {
      throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    });
    const res = await client(sim).submit({ model: "nano_banana_2", prompt: "nowhere to go" });
    expect(res.status).toBe(500);
    expect((await readJson(res)).error.code).toBe("task_store_failed");
    vi.restoreAllMocks();
    expect(fs.existsSync(file)).toBe(false); // and nothing half-accepted shows up after a reload
    expect(sim.stats().completedAtByTask).toEqual({});
  });

  it("writes nothing without persistFile", async () => {
    const writes = [
      vi.spyOn(fs, "appendFileSync"),
      vi.spyOn(fs, "writeFileSync"),
      vi.spyOn(fs, "openSync"),
      vi.spyOn(fs, "mkdirSync"),
      vi.spyOn(fs, "renameSync"),
    ];
    const sim = createSimulator({ apiKey: KEY, now: () => t });
    const api = client(sim);
    const id = await api.create({ model: "nano_banana_2", prompt: "memory only" });
    t += 10_000;
    expect((await readJson(await api.poll(id))).status).toBe("completed");
    sim.forgetTask(id);
    for (const spy of writes) expect(spy).not.toHaveBeenCalled();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
