import { describe, expect, it } from "vitest";
import type { Generation } from "@/lib/contract";
import { NO_FILTERS } from "@/lib/contract-feed";
import { servedFilters } from "./served-filters";

const RUN = "run_01JDQ8Z6T3W5Y7A9B1C3D5E7F9";
const page = (...runIds: (string | null)[]) => ({ items: runIds.map((runId) => ({ runId }) as Generation), nextCursor: null });

describe("servedFilters (what the server's first page answers)", () => {
  it("is the page's filters when they name no run", () => {
    expect(servedFilters({ filters: { ...NO_FILTERS, q: "fox" }, firstPage: page(null, RUN) })).toEqual({ ...NO_FILTERS, q: "fox" });
    expect(servedFilters(undefined)).toBeUndefined();
  });

  it("leaves the run out when the page holds other pictures: the server listed the gallery without it", () => {
    const filters = { ...NO_FILTERS, mine: true, run: RUN };
    expect(servedFilters({ filters, firstPage: page(RUN, null) })).toEqual({ ...NO_FILTERS, mine: true });
  });

  it("keeps the run when the page holds its pictures only (or none)", () => {
    const filters = { ...NO_FILTERS, run: RUN };
    expect(servedFilters({ filters, firstPage: page(RUN, RUN) })).toEqual(filters);
    expect(servedFilters({ filters, firstPage: page() })).toEqual(filters);
  });
});
