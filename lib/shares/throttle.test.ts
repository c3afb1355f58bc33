import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { StudioDatabase } from "@/lib/db";
import { openTemp as openPostgres } from "@/lib/db/postgres/test-helpers";
import { openTemp as openSqlite } from "@/lib/db/sqlite/test-helpers";
import { ENGINES, type Engine } from "@/lib/testing/instances";
import { SHARE_IMAGES_PER_MINUTE, SHARE_PAGES_PER_MINUTE, createShareThrottle, useSharedCounters } from "./throttle";

// The share pages' limit per client address was counted in
// each instance's memory, so N instances behind a proxy let an address make N
// times the limit. Now every instance counts in the database (rate_counters),
// the same table on PostgreSQL and SQLite.

// The address comes from X-Forwarded-For behind one proxy of ours (as the
// share page tests have it). Set before the imports: the logger reads the
// configuration, once, as it is imported.
vi.hoisted(() => {
  process.env.STUDIO_TRUSTED_PROXIES = "1";
});

const T = 1_800_000_000_000 + 1_000; // a second into a minute
const page = (from: string) => new Request("http://studio.test/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", { headers: { "x-forwarded-for": from } });
const picture = (from: string) =>
  new Request("http://studio.test/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/images/gen_01J00000000000000000000000", { headers: { "x-forwarded-for": from } });

/** Two connections to one fresh database, as two instances of the studio have. */
async function twoConnections(engine: Engine): Promise<[StudioDatabase, StudioDatabase]> {
  if (engine === "postgres") {
    const first = await openPostgres();
    return [first.db, (await openPostgres({ url: first.url })).db];
  }
  const first = openSqlite();
  return [first.db, openSqlite({ file: first.file }).db];
}

describe.each(ENGINES)("the share pages' limit across instances on %s", (engine) => {
  it("two instances together allow one address the limit a minute, pages and pictures apart; then 429 with Retry-After", async () => {
    const [dbA, dbB] = await twoConnections(engine);
    const instances = [createShareThrottle(dbA), createShareThrottle(dbB)];
    const allowed = async (make: (from: string) => Request, tries: number, from: string) => {
      let passed = 0;
      for (let i = 0; i < tries; i++) if ((await instances[i % 2].throttle(make(from), T + i)) === undefined) passed++;
      return passed;
    };
    expect(await allowed(page, 2 * SHARE_PAGES_PER_MINUTE, "198.51.100.1")).toBe(SHARE_PAGES_PER_MINUTE);
    // Pictures have a budget of their own (one board page shows up to 60).
    expect(await allowed(picture, 2 * SHARE_IMAGES_PER_MINUTE, "198.51.100.1")).toBe(SHARE_IMAGES_PER_MINUTE);

    const refused = await instances[0].throttle(page("198.51.100.1"), T + 30_000);
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get("retry-after")).toBe("29");
    expect(refused?.headers.get("content-type")).toMatch(/^text\/html/);
    // Another address is another client; the next minute starts afresh.
    expect(await instances[1].throttle(page("198.51.100.2"), T + 30_000)).toBeUndefined();
    expect(await instances[1].throttle(page("198.51.100.1"), T + 60_000)).toBeUndefined();
  });
});

describe("the proxy", () => {
  // The proxy reads the clock itself: held at T, so a minute cannot turn mid-test.
  afterEach(() => void vi.useRealTimers());

  it("counts in the database once the server registered it: what another instance counted is spent", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: T });
    const { proxy } = await import("@/proxy");
    const [dbA, dbB] = await twoConnections("postgres");
    useSharedCounters(dbA);
    const other = createShareThrottle(dbB);
    const half = SHARE_PAGES_PER_MINUTE / 2;
    for (let i = 0; i < half; i++) expect(await other.throttle(page("198.51.100.7"))).toBeUndefined();
    const hit = () => proxy(new NextRequest(page("198.51.100.7")));
    for (let i = 0; i < half; i++) expect((await hit()).status).not.toBe(429);
    const refused = await hit();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});
