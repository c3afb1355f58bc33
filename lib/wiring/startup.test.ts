import { afterEach, describe, expect, it, vi } from "vitest";
import { newAccountRow } from "@/lib/auth/accounts";
import { logger } from "@/lib/log";
import { testDeps } from "@/lib/testing/deps";
import { warnAboutUnpricedModels } from "./startup";

// At start-up, with budgets set and prices missing, one warning names the
// models and sizes that have no price (requests for them are refused while
// a budget applies); without budgets, or with every price set, nothing.

let env: ReturnType<typeof testDeps> | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await env?.cleanup();
  env = undefined;
});

function warnings() {
  return vi.spyOn(logger, "warn").mockImplementation(() => undefined as never);
}

describe("warnAboutUnpricedModels", () => {
  it("the studio's monthly budget with only some prices: one warning listing what has no price", async () => {
    env = testDeps();
    env.deps.config.limits.monthlyBudget = 20;
    env.deps.config.prices = { nano_banana_2: 0.04, "nano_banana_pro-4K": 0.24 };
    const warn = warnings();
    await warnAboutUnpricedModels(env.deps);
    expect(warn).toHaveBeenCalledTimes(1);
    const [fields, message] = warn.mock.calls[0] as unknown as [{ unpriced: string[] }, string];
    // nano_banana_pro-4K prices both the fixed 4K model and nano_banana_pro at 4K; the other sizes have none.
    expect(fields.unpriced).toEqual(["nano_banana_pro-1K", "nano_banana_pro-2K"]);
    expect(message).toMatch(/no price/);
  });

  it("a person's budget counts too", async () => {
    env = testDeps();
    await env.deps.db.insertUser({ ...newAccountRow({ name: "mia", role: "member", passwordHash: null, now: 1 }), monthlyBudget: 5 });
    const warn = warnings();
    await warnAboutUnpricedModels(env.deps);
    expect(warn).toHaveBeenCalledTimes(1);
    expect((warn.mock.calls[0][0] as unknown as { unpriced: string[] }).unpriced).toHaveLength(5);
  });

  it("no budget anywhere, or every model priced: no warning", async () => {
    env = testDeps();
    const warn = warnings();
    await warnAboutUnpricedModels(env.deps);
    env.deps.config.limits.monthlyBudget = 20;
    env.deps.config.prices = Object.fromEntries(["nano_banana_2", "nano_banana_pro", "nano_banana_pro-1K", "nano_banana_pro-2K", "nano_banana_pro-4K"].map((k) => [k, 0.1]));
    await warnAboutUnpricedModels(env.deps);
    expect(warn).not.toHaveBeenCalled();
  });
});
