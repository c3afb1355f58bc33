import { describe, expect, it } from "vitest";
import type { Generation } from "@/lib/contract";
import { dictionaries } from "@/lib/i18n";
import { noticeOutcomes, outcomeText, startWatching, type Outcome } from "./outcome-announcer";

// A picture that finishes or fails is announced (politely),
// once, when its whole batch has ended; never for what was done at load, and
// never once per poll.

let serial = 0;
function gen(over: Partial<Generation> & { batchId: string }): Generation {
  serial++;
  return {
    id: `gen_${String(serial).padStart(26, "0")}`,
    upstreamId: null,
    model: "nano_banana_2",
    prompt: "a lighthouse at dusk",
    aspectRatio: "1:1",
    imageSize: null,
    referenceCount: 0,
    references: [],
    status: "processing",
    progress: 50,
    error: null,
    createdAt: "2026-12-20T10:00:00.000Z",
    updatedAt: "2026-12-20T10:00:00.000Z",
    completedAt: null,
    image: null,
    favorite: false,
    createdBy: "ann",
    saving: null,
    unansweredSince: null,
    cancelledAt: null,
    ...over,
  } as Generation;
}
const done = (g: Generation): Generation => ({
  ...g,
  status: "completed",
  progress: 100,
  image: { url: `/api/images/${g.id}`, thumbUrl: "", previewUrl: "", width: 1024, height: 1024, bytes: 1, contentType: "image/png" },
});
const failed = (g: Generation, message = "Output blocked by the safety filter"): Generation => ({
  ...g,
  status: "failed",
  error: { code: "output_moderation", message },
});

function run(steps: Generation[][]): Outcome[][] {
  let state = startWatching(steps[0]);
  return steps.slice(1).map((items) => {
    const next = noticeOutcomes(state, items);
    state = next.state;
    return next.outcomes;
  });
}

describe("noticeOutcomes", () => {
  it("says nothing of pictures that were done or failed when the page loaded", () => {
    const a = done(gen({ batchId: "bat_a" }));
    const b = failed(gen({ batchId: "bat_b" }));
    expect(run([[a, b], [a, b], [a, b]])).toEqual([[], []]);
  });

  it("one picture that finishes: announced once, however many polls follow", () => {
    const g = gen({ batchId: "bat_1" });
    const [first, second, third] = run([[], [g], [done(g)], [done(g)]]);
    expect(first).toEqual([]);
    expect(second).toEqual([{ prompt: g.prompt, total: 1, done: 1, failed: [] }]);
    expect(third).toEqual([]);
  });

  it("a batch is announced when its last picture ends, with what became of each", () => {
    const [a, b, c] = [gen({ batchId: "bat_2" }), gen({ batchId: "bat_2" }), gen({ batchId: "bat_2" })];
    const out = run([[a, b, c], [done(a), b, c], [done(a), failed(b), c], [done(a), failed(b), done(c)]]);
    expect(out.slice(0, 2)).toEqual([[], []]);
    expect(out[2]).toEqual([{ prompt: a.prompt, total: 3, done: 2, failed: [failed(b)] }]);
  });

  it("a picture deleted or filtered away while in progress is not waited for", () => {
    const [a, b] = [gen({ batchId: "bat_3" }), gen({ batchId: "bat_3" })];
    expect(run([[a, b], [a], [done(a)]])).toEqual([[], [{ prompt: a.prompt, total: 1, done: 1, failed: [] }]]);
  });

  it("a picture being saved (the gateway finished, storage has not) is still in progress", () => {
    const g = gen({ batchId: "bat_4" });
    const saving = { ...g, status: "completed" as const, image: null, saving: { since: g.createdAt, reason: null } };
    expect(run([[g], [saving], [done(g)]])).toEqual([[], [{ prompt: g.prompt, total: 1, done: 1, failed: [] }]]);
  });
});

describe("outcomeText", () => {
  const reason = (g: Generation) => g.error?.message ?? "";
  const en = dictionaries.en;
  it("names the prompt and, for a failure, the reason", () => {
    const g = gen({ batchId: "b", prompt: "a red fox in snow" });
    expect(outcomeText({ outcome: { prompt: g.prompt, total: 1, done: 1, failed: [] }, t: en, reason })).toBe("Finished: a red fox in snow");
    expect(outcomeText({ outcome: { prompt: g.prompt, total: 1, done: 0, failed: [failed(g, "Blocked")] }, t: en, reason })).toBe(
      "Failed: a red fox in snow: Blocked",
    );
    expect(outcomeText({ outcome: { prompt: g.prompt, total: 4, done: 4, failed: [] }, t: en, reason })).toBe("Finished 4 pictures: a red fox in snow");
    expect(outcomeText({ outcome: { prompt: g.prompt, total: 3, done: 2, failed: [failed(g, "Blocked")] }, t: en, reason })).toBe(
      "Finished 2 of 3 pictures, 1 failed: a red fox in snow: Blocked",
    );
  });
  it("has Chinese words too", () => {
    const zh = dictionaries.zh;
    expect(outcomeText({ outcome: { prompt: "狐狸", total: 1, done: 1, failed: [] }, t: zh, reason })).toBe("已完成：狐狸");
  });
});
