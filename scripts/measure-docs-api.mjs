// `node scripts/measure-docs-api.mjs http://127.0.0.1:3000 7` against a running `next start`.
// Times /docs/api in Chromium: first contentful paint, the first moment the page
// shows something useful (the server-drawn operation list, or the reference's
// own title), and the moment the interactive reference has drawn. Medians of N.
import { chromium } from "@playwright/test";

const [base, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 7);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const rows = [];
for (let i = 0; i < runs + 1; i++) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const marks = ((window).__marks = {});
    const check = () => {
      const now = performance.now();
      const text = document.body?.innerText ?? "";
      if (marks.useful === undefined && (document.querySelector("#operations-heading") || /Nano Studio API/.test(text))) marks.useful = now;
      if (marks.reference === undefined && [...document.querySelectorAll("h1")].some((h) => h.textContent?.includes("Nano Studio API"))) marks.reference = now;
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
    document.addEventListener("DOMContentLoaded", check);
  });
  await page.goto(`${base}/docs/api`);
  await page.waitForFunction(() => (window).__marks.reference !== undefined, null, { timeout: 60_000 });
  const m = await page.evaluate(() => ({ ...(window).__marks, fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime }));
  if (i > 0) rows.push(m); // the first run warms the server's caches
  await context.close();
}
await browser.close();
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (k) => `${k}: median ${Math.round(median(rows.map((r) => r[k])))} ms (${rows.map((r) => Math.round(r[k])).join(", ")})`;
console.log(base, `${runs} runs`);
for (const k of ["fcp", "useful", "reference"]) console.log("  " + fmt(k));
