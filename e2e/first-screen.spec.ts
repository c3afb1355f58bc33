import { expect, test } from "@playwright/test";
import { gallery } from "./support/studio-page";

// Issue 15: the first screen is the server's HTML plus hydration. What the
// page shows (who is here, the boards, the gallery's first page, what is in
// progress) came with that HTML, so starting the page asks the API nothing
// again: on a phone each such request meant a fetch, loading zod to check the
// answer and a second render, all while the page was still starting.

test("starting the page asks the API nothing it was already sent", async ({ page }) => {
  const asked: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() !== "fetch" && r.resourceType() !== "xhr") return;
    const url = new URL(r.url());
    if (!url.pathname.startsWith("/api/")) return;
    // Other tests on this shared server may leave pictures in progress: their poll is the page working, not starting.
    if (url.pathname === "/api/generations" && url.searchParams.get("status") === "active") return;
    asked.push(`${url.pathname}${url.search}`);
  });
  await page.goto("/");
  await expect(gallery(page).or(page.getByText("Your gallery is waiting"))).toBeVisible();
  // Hydrated: the prompt box is React's (typing updates the live count).
  await page.getByLabel("Prompt", { exact: true }).fill("a quiet harbour");
  await expect(page.getByText(/^15 \//)).toBeVisible();
  await page.waitForTimeout(2_000);
  expect(asked).toEqual([]);
});

test("the first paint waits for the gallery's first page to be parsed", async ({ page, request }) => {
  // A half-parsed justified list lays its first row out as the last one and
  // shifts when the rest arrives (desktop CLS 0.06–0.1 in Lighthouse): the
  // head asks the browser not to render before the mark after the list.
  const html = await (await request.get("/")).text();
  const head = html.slice(0, html.indexOf("</head>"));
  expect(head).toMatch(/<link rel="expect" href="#gallery-parsed" blocking="render"\/?>/);
  const mark = html.indexOf('id="gallery-parsed"');
  expect(mark).toBeGreaterThan(html.indexOf("</head>"));
  // After every card of the first page.
  const lastCard = html.lastIndexOf("<li");
  expect(lastCard === -1 || lastCard < mark).toBe(true);
  // And the page still paints: the mark is there once hydrated too.
  await page.goto("/");
  await expect(page.locator("#gallery-parsed")).toHaveCount(1);
});
