import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/en";
import { zh } from "@/lib/i18n/zh";
import { runBar, runFinished, runProgressText, runTotal } from "./run-progress";

const counts = (done: number, failed: number, active: number) => ({ done, failed, active });

describe("runProgressText (the run header's words)", () => {
  it("says done of all, then the failed and those in progress", () => {
    expect(runProgressText(counts(31, 1, 8), en.runs)).toBe("31 of 40 done, 1 failed, 8 in progress");
  });

  it("leaves out a part at 0, but always says how many are done", () => {
    expect(runProgressText(counts(31, 1, 0), en.runs)).toBe("31 of 32 done, 1 failed");
    expect(runProgressText(counts(0, 0, 6), en.runs)).toBe("0 of 6 done, 6 in progress");
    expect(runProgressText(counts(6, 0, 0), en.runs)).toBe("6 of 6 done");
  });

  it("is said in Chinese with its own separator", () => {
    expect(runProgressText(counts(3, 1, 2), zh.runs)).toBe("已完成 3/6，1 张失败，2 张进行中");
  });
});

describe("the run's bar", () => {
  it("counts every live picture, and the finished ones (done or failed) as its value", () => {
    expect(runTotal(counts(3, 1, 2))).toBe(6);
    expect(runFinished(counts(3, 1, 2))).toBe(4);
  });

  it("splits into done and failed shares of the whole", () => {
    expect(runBar(counts(2, 1, 1))).toEqual({ done: 50, failed: 25 });
    expect(runBar(counts(0, 0, 0))).toEqual({ done: 0, failed: 0 });
  });
});
