import { describe, expect, it } from "vitest";
import { runLimited } from "./run-limited";

describe("runLimited", () => {
  it("runs every item, never more than the limit at once", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    const gates: (() => void)[] = [];
    const finished = runLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
      done.push(n);
    });
    // Release the waiting ones one at a time until all have run.
    while (done.length < 7) {
      await new Promise((r) => setImmediate(r));
      gates.shift()?.();
    }
    expect(await finished).toEqual([]);
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("answers the failures in input order and still runs the rest", async () => {
    const seen: string[] = [];
    const failures = await runLimited(["a", "b", "c", "d"], 2, async (x) => {
      seen.push(x);
      if (x === "b" || x === "d") throw new Error(`no ${x}`);
    });
    expect(seen.sort()).toEqual(["a", "b", "c", "d"]);
    expect(failures.map((f) => [f.item, (f.error as Error).message])).toEqual([
      ["b", "no b"],
      ["d", "no d"],
    ]);
  });

  it("does nothing for no items", async () => {
    expect(await runLimited([], 4, async () => undefined)).toEqual([]);
  });
});
