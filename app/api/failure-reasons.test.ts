import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Generation } from "@/lib/contract";
import { failureReason } from "@/lib/client/failure-reason";
import { dictionaries } from "@/lib/i18n";
import { bootStudio, until, type Studio } from "@/lib/testing/studio";

// The failed card's words from what the real route handlers
// answer: the studio's English sentence is never shown in Chinese, the reason is
// chosen by its code, and the gateway's own words are quoted.

let studio: Studio;
beforeAll(async () => {
  studio = await bootStudio();
  const { startPoller } = await import("@/lib/generations");
  startPoller(studio.deps);
});
afterAll(() => studio.cleanup());

const { zh, en } = dictionaries;

async function failedWith(prompt: string): Promise<Generation> {
  return until(async () => {
    const { items } = (await (await studio.list(`?q=${encodeURIComponent(prompt)}`)).json()) as { items: Generation[] };
    return items.find((g) => g.status === "failed");
  });
}

describe("a failed picture's reason, as the card shows it", () => {
  it("a task the gateway's safety filter failed: translated by its code, none of the gateway's English", async () => {
    const res = await studio.create({ model: "nano_banana_2", prompt: "reasons: a blocked one #fail" });
    expect(res.status).toBe(201);
    const failed = await failedWith("reasons: a blocked one");
    expect(failed.error?.code).toBe("output_moderation");
    expect(failureReason({ error: failed.error, t: zh })).toBe("网关的安全过滤拦截了这张图片。");
    expect(failureReason({ error: failed.error, t: en })).toBe("The gateway's safety filter blocked this picture.");
  });

  it("a submit the gateway refused (401, new-api's 无效的令牌): the studio's reason in Chinese, then the gateway's words quoted", async () => {
    studio.sim.injectBurst({ status: 401, count: 1, body: "json", only: "submit" });
    const res = await studio.create({ model: "nano_banana_2", prompt: "reasons: a refused key" });
    expect(res.status).toBe(502);
    const failed = await failedWith("reasons: a refused key");
    expect(failed.error?.code).toBe("submit_auth");
    expect(failureReason({ error: failed.error, t: zh })).toBe(`${zh.failures.codes.submit_auth}网关说：“无效的令牌”`);
    expect(failureReason({ error: failed.error, t: zh })).not.toMatch(/[A-Za-z]{4,}/);
  });
});
