import type { Page } from "@playwright/test";

type Item = Record<string, unknown> & { id: string; prompt: string };

/**
 * Rewrites the generations the page reads (lists and single reads) on their
 * way to the browser, for states the simulator cannot produce on demand
 * (an "unknown outcome" failure, a picture stuck while being saved).
 */
export async function rewriteGenerations(page: Page, change: (g: Item) => Item) {
  await page.route(/\/api\/generations(\?.*)?$|\/api\/generations\/gen_[^/]+$/, async (route) => {
    if (route.request().method() !== "GET") return route.continue();
    try {
      const response = await route.fetch();
      const body = (await response.json()) as { items?: Item[] } & Item;
      const next = Array.isArray(body.items) ? { ...body, items: body.items.map(change) } : change(body);
      await route.fulfill({ response, json: next });
    } catch (e) {
      // The page went away with a poll in flight (the test is over): nothing left to answer.
      if (page.isClosed() || /disposed|closed|Test ended/i.test(String(e))) return;
      throw e;
    }
  });
}
