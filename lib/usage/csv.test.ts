import { describe, expect, it } from "vitest";
import { usageCsv } from "./csv";

describe("usage CSV", () => {
  it("has a header, one line per row, a total, per-model columns, and no formula injection", () => {
    const csv = usageCsv({
      from: "2026-11-01",
      to: "2026-11-02",
      groupBy: "user",
      currency: "USD",
      rows: [
        { key: "=HYPERLINK(1)", pictures: 2, failed: 1, failedCharged: 1, inFlight: 0, cost: 0.12, byModel: { nano_banana_2: 2 } },
        { key: "bob, jr", pictures: 1, failed: 0, failedCharged: 0, inFlight: 1, cost: 0.48, byModel: { "nano_banana_pro-4K": 1 } },
      ],
      total: { pictures: 3, failed: 1, failedCharged: 1, inFlight: 1, cost: 0.6 },
    });
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("user,pictures,failed,cost,currency,failed_charged,in_flight,pictures_nano_banana_2,pictures_nano_banana_pro-4K");
    expect(lines[1]).toBe(`"'=HYPERLINK(1)",2,1,0.12,USD,1,0,2,0`);
    expect(lines[2]).toBe(`"bob, jr",1,0,0.48,USD,0,1,0,1`);
    expect(lines[3]).toBe("total,3,1,0.6,USD,1,1,,");
  });
});
