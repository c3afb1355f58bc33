import { describe, expect, it } from "vitest";
import type { User } from "@/lib/contract";
import { draftOf, limitsPatch, parseLimit } from "./admin-limits";

const user: User = {
  id: "usr_1",
  name: "bea",
  email: null,
  role: "member",
  disabled: false,
  dailyLimit: 5,
  maxActive: null,
  monthlyBudget: 12.5,
  hasPassword: true,
  createdAt: "2026-11-29T00:00:00.000Z",
  lastSeenAt: null,
};

describe("limits as typed", () => {
  it("empty is the default, counts are whole, budgets may have cents", () => {
    expect(parseLimit("dailyLimit", " ")).toBeNull();
    expect(parseLimit("dailyLimit", "3")).toBe(3);
    expect(parseLimit("dailyLimit", "2.5")).toBe("invalid");
    expect(parseLimit("maxActive", "-1")).toBe("invalid");
    expect(parseLimit("monthlyBudget", "2.5")).toBe(2.5);
    expect(parseLimit("monthlyBudget", "abc")).toBe("invalid");
  });

  it("sends only what changed", () => {
    expect(limitsPatch(user, draftOf(user))).toEqual({ patch: {} });
    expect(limitsPatch(user, { dailyLimit: "", maxActive: "2", monthlyBudget: "12.5" })).toEqual({ patch: { dailyLimit: null, maxActive: 2 } });
    expect(limitsPatch(user, { dailyLimit: "x", maxActive: "", monthlyBudget: "-3" })).toEqual({ invalid: ["dailyLimit", "monthlyBudget"] });
  });
});
