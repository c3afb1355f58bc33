import { describe, expect, it } from "vitest";
import { listUrl } from "./api";
import { NO_FILTERS } from "@/lib/contract-feed";
import { filtersFromQuery, galleryHref, pictureHref, pictureIdOf, queryWithFilters } from "./page-url";
import { pageFiltersOf } from "@/lib/server/page-filters";

const GEN = "gen_01JDQ8Z6T3W5Y7A9B1C3D5E7F9";
const GEN2 = "gen_01JDQ8Z6T3W5Y7A9B1C3D5E7FA";
const BAT = "bat_01JDQ8Z6T3W5Y7A9B1C3D5E7F9";
const BRD = "brd_01JDQ8Z6T3W5Y7A9B1C3D5E7F9";
const RUN = "run_01JDQ8Z6T3W5Y7A9B1C3D5E7F9";
const q = (s: string) => new URLSearchParams(s);

describe("filtersFromQuery (the gallery's filters as / and a board page name them)", () => {
  it("reads every filter by its documented name", () => {
    expect(filtersFromQuery(q(`q=red+fox&model=nano_banana_pro&status=failed&favorites=1&mine=1&batch=${BAT}`))).toEqual({
      q: "red fox",
      model: "nano_banana_pro",
      status: "failed",
      favorite: true,
      mine: true,
      batch: BAT,
    });
  });

  it("is no filter at all for an empty query", () => {
    expect(filtersFromQuery(q(""))).toEqual(NO_FILTERS);
  });

  it("ignores what is not a filter value rather than failing", () => {
    expect(filtersFromQuery(q(`q=${"x".repeat(201)}&model=dall-e&status=all&favorites=yes&mine=0&batch=bat_nope`))).toEqual(NO_FILTERS);
  });

  it("reads ?versions=all (every version, not one card per tree), and nothing else under that name", () => {
    expect(filtersFromQuery(q("versions=all"))).toEqual({ ...NO_FILTERS, versions: "all" });
    expect(filtersFromQuery(q("versions=1"))).toEqual(NO_FILTERS);
    expect(filtersFromQuery(q("versions=ALL")).versions).toBeUndefined();
  });

  it("reads ?run=<run id> (a bulk run's group), and nothing that is not a run's id", () => {
    expect(filtersFromQuery(q(`run=${RUN}`))).toEqual({ ...NO_FILTERS, run: RUN });
    expect(filtersFromQuery(q(`run=${BAT}`))).toEqual(NO_FILTERS);
    expect(filtersFromQuery(q("run=run_nope"))).toEqual(NO_FILTERS);
    expect(filtersFromQuery(q(`run=${RUN.toLowerCase()}`)).run).toBeUndefined();
  });

  it("takes the first of a repeated parameter, as URLSearchParams.get does", () => {
    expect(filtersFromQuery(q("model=nano_banana_2&model=nano_banana_pro")).model).toBe("nano_banana_2");
  });
});

describe("queryWithFilters", () => {
  it("writes only the filters that are set, under their names, and keeps other parameters", () => {
    const next = queryWithFilters(q(`p=${GEN}&model=nano_banana_2&favorites=1`), { ...NO_FILTERS, q: "red fox", status: "completed", mine: true });
    expect(next.toString()).toBe(`q=red+fox&status=completed&mine=1&p=${GEN}`);
  });

  it("writes ?versions=all last of the filters, and drops it when the filters no longer ask for it", () => {
    expect(queryWithFilters(q(`p=${GEN}`), { ...NO_FILTERS, mine: true, versions: "all" }).toString()).toBe(`mine=1&versions=all&p=${GEN}`);
    expect(queryWithFilters(q("versions=all&q=a"), { ...NO_FILTERS, q: "a" }).toString()).toBe("q=a");
  });

  it("round-trips through filtersFromQuery", () => {
    const filters = { q: "猫 cat", model: "nano_banana_pro-4K", status: "active" as const, favorite: true, mine: false, batch: BAT, versions: "all" as const };
    expect(filtersFromQuery(queryWithFilters(q(""), filters))).toEqual(filters);
  });

  it("writes ?run= after ?batch=, and drops it when the filters no longer name it", () => {
    expect(queryWithFilters(q(`p=${GEN}`), { ...NO_FILTERS, batch: BAT, run: RUN }).toString()).toBe(`batch=${BAT}&run=${RUN}&p=${GEN}`);
    expect(queryWithFilters(q(`run=${RUN}&q=a`), { ...NO_FILTERS, q: "a" }).toString()).toBe("q=a");
    expect(filtersFromQuery(queryWithFilters(q(""), { ...NO_FILTERS, run: RUN }))).toEqual({ ...NO_FILTERS, run: RUN });
  });

  it("writes nothing for no filters (the studio's address stays /)", () => {
    expect(queryWithFilters(q("q=a&status=failed"), NO_FILTERS).toString()).toBe("");
  });
});

describe("the open picture's address", () => {
  it("is /p/<id> on the studio, keeping the gallery's query so the view behind stays the same", () => {
    expect(pictureHref({ pathname: "/", search: q("q=fox&model=nano_banana_2") }, GEN)).toBe(`/p/${GEN}?q=fox&model=nano_banana_2`);
    expect(pictureHref({ pathname: `/p/${GEN}`, search: q("") }, GEN2)).toBe(`/p/${GEN2}`);
    expect(pictureIdOf({ pathname: `/p/${GEN}`, search: q("q=fox") })).toBe(GEN);
    expect(galleryHref({ pathname: `/p/${GEN}`, search: q("q=fox") })).toBe("/?q=fox");
    expect(galleryHref({ pathname: `/p/${GEN}`, search: q("") })).toBe("/");
  });

  it("is ?p=<id> on a board page", () => {
    expect(pictureHref({ pathname: `/boards/${BRD}`, search: q("mine=1") }, GEN)).toBe(`/boards/${BRD}?mine=1&p=${GEN}`);
    expect(pictureHref({ pathname: `/boards/${BRD}`, search: q(`p=${GEN}&mine=1`) }, GEN2)).toBe(`/boards/${BRD}?p=${GEN2}&mine=1`);
    expect(pictureIdOf({ pathname: `/boards/${BRD}`, search: q(`p=${GEN}`) })).toBe(GEN);
    expect(galleryHref({ pathname: `/boards/${BRD}`, search: q(`mine=1&p=${GEN}`) })).toBe(`/boards/${BRD}?mine=1`);
  });

  it("is no picture elsewhere or for what is not a picture id", () => {
    expect(pictureIdOf({ pathname: "/", search: q(`p=${GEN}`) })).toBeNull();
    expect(pictureIdOf({ pathname: "/p/gen_short", search: q("") })).toBeNull();
    expect(pictureIdOf({ pathname: `/boards/${BRD}`, search: q("p=../../etc") })).toBeNull();
    expect(galleryHref({ pathname: "/", search: q("q=fox") })).toBe("/?q=fox");
    // A /p/ address that names no picture (answered 404 with the gallery) becomes the studio's.
    expect(galleryHref({ pathname: "/p/not-a-picture", search: q("mine=1") })).toBe("/?mine=1");
  });
});

describe("the server reads the same filters, checked with the API's own schema", () => {
  const cases = [
    "",
    `q=red+fox&model=nano_banana_pro&status=failed&favorites=1&mine=1&batch=${BAT}`,
    "q=++spaced++&favorites=true&mine=false",
    `q=${"y".repeat(200)}`,
    `q=${"y".repeat(201)}`,
    `q=${" ".repeat(5)}${"y".repeat(200)}${" ".repeat(5)}`,
    "model=nope&status=all&favorites=2&mine=yes&batch=bat_x",
    `status=active&batch=${GEN}`,
    "model=nano_banana_2&model=nano_banana_pro",
    "versions=all",
    "versions=all&versions=none",
    "versions=none&versions=all",
    "versions=some&q=fox",
    `run=${RUN}`,
    `run=${RUN}&batch=${BAT}&mine=1`,
    `run=${BAT}`,
    `run=${RUN}x`,
    `run=${RUN}&run=run_nope`,
    `run=run_nope&run=${RUN}`,
  ];
  it.each(cases)("?%s", (query) => {
    const params: Record<string, string | string[]> = {};
    for (const [name, value] of q(query)) {
      const held = params[name];
      params[name] = held === undefined ? value : [...(Array.isArray(held) ? held : [held]), value];
    }
    const server = pageFiltersOf(params);
    const browser = filtersFromQuery(q(query));
    // The same list asked for: the first page the server sends is the one the page shows.
    expect(listUrl({ ...browser, status: browser.status === "all" ? undefined : browser.status })).toBe(
      listUrl({ ...server, status: server.status === "all" ? undefined : server.status }),
    );
  });

  it("never throws, whatever the query holds", () => {
    expect(pageFiltersOf({ q: ["a", "b"], model: undefined, status: "", favorites: "", mine: [], batch: "x".repeat(10_000) })).toEqual({ ...NO_FILTERS, q: "a" });
  });
});
