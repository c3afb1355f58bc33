import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Generation } from "@/lib/contract";
import type { UserRow } from "@/lib/db";
import { bootStudio, until, type Studio } from "@/lib/testing/studio";

// What the studio's pages read with their HTML: the picture
// /p/<id> opens, and the gallery's first page under the address's filters.

let studio: Studio;
let viewer: UserRow;
let pages: typeof import("@/lib/server/studio-page");
let feedStartFor: typeof import("@/lib/server/feed-start").feedStartFor;
let pageFiltersOf: typeof import("@/lib/server/page-filters").pageFiltersOf;

beforeAll(async () => {
  studio = await bootStudio();
  const { startPoller } = await import("@/lib/generations");
  startPoller(studio.deps);
  const { identify } = await import("@/lib/auth/identify");
  viewer = await identify(new Request("http://studio.test/"), { db: studio.deps.db });
  pages = await import("@/lib/server/studio-page");
  ({ feedStartFor } = await import("@/lib/server/feed-start"));
  ({ pageFiltersOf } = await import("@/lib/server/page-filters"));
});
afterAll(() => studio.cleanup());

async function made(body: { prompt: string; model?: string }): Promise<Generation> {
  const res = await studio.create({ model: "nano_banana_2", ...body });
  expect(res.status).toBe(201);
  return ((await res.json()) as { generations: Generation[] }).generations[0];
}

const finished = (id: string) =>
  until(async () => {
    const g = (await (await studio.get(id)).json()) as Generation;
    return g.status === "completed" ? g : undefined;
  });

describe("the picture a page opens (openablePicture)", () => {
  it("is the finished picture, as the API shows it", async () => {
    const g = await finished((await made({ prompt: "a page of its own" })).id);
    expect(await pages.openablePicture(viewer, g.id)).toMatchObject({ id: g.id, prompt: g.prompt, image: { url: `/api/images/${g.id}` } });
  });

  it("is nothing alike for no such picture, a deleted one, a failed one, one in progress and what is no id", async () => {
    const gone = await finished((await made({ prompt: "deleted before its link was opened" })).id);
    expect((await studio.remove(gone.id)).status).toBe(204);
    studio.sim.setFaults({ failureRate: 1 });
    const failed = await made({ prompt: "refused by the gateway" });
    await until(async () => (((await (await studio.get(failed.id)).json()) as Generation).status === "failed" ? true : undefined));
    studio.sim.setFaults({ failureRate: 0 });
    // Just sent: the poller has not seen it finish (that takes a poll interval at least).
    const drawing = await made({ prompt: "still being drawn" });
    expect(drawing.status).not.toBe("completed");
    for (const id of [drawing.id, "gen_00000000000000000000000000", gone.id, failed.id, "not-an-id", "../../etc/passwd", undefined]) {
      expect(await pages.openablePicture(viewer, id), String(id)).toBeNull();
    }
  });
});

describe("the first page under the address's filters (feedStartFor)", () => {
  it("is the filtered gallery, and says which filters it was read for", async () => {
    const word = `w${Date.now().toString(36)}`;
    const two = await finished((await made({ prompt: `a fox ${word} on a hill` })).id);
    const pro = await finished((await made({ prompt: `a fox ${word} in snow`, model: "nano_banana_pro" })).id);
    const filters = pageFiltersOf({ q: `fox ${word}`, model: "nano_banana_pro" });
    const start = await feedStartFor(viewer, filters);
    expect(start.firstPage.items.map((g) => g.id)).toEqual([pro.id]);
    expect(start.filters).toMatchObject({ q: `fox ${word}`, model: "nano_banana_pro", status: "all", favorite: false, mine: false });
    expect((await feedStartFor(viewer, pageFiltersOf({ q: `fox ${word}` }))).firstPage.items.map((g) => g.id)).toEqual([pro.id, two.id]);
  });

  it("ignores what is not a filter value, never failing the page", async () => {
    const start = await feedStartFor(viewer, pageFiltersOf({ q: "x".repeat(300), model: "dall-e", status: "weird", favorites: "2", mine: "yes", batch: "bat_x" }));
    expect(start.filters).toMatchObject({ q: "", model: "", status: "all", favorite: false, mine: false });
    expect(start.filters?.batch).toBeUndefined();
  });
});

describe("the page's address, for sign-in to come back to (addressOf)", () => {
  it("keeps the path and every query parameter, repeated ones too", () => {
    expect(pages.addressOf("/p/gen_1", {})).toBe("/p/gen_1");
    expect(pages.addressOf("/", { q: "red fox", model: "nano_banana_2", x: ["a", "b"], none: undefined })).toBe("/?q=red+fox&model=nano_banana_2&x=a&x=b");
  });
});
