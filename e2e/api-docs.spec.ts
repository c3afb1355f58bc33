import { expect, test } from "./support/demo";

// Someone opens /docs/api to see what the studio's API offers: the reference
// draws from /api/openapi.json with everything served by the studio itself,
// under the same Content-Security-Policy as every page.

test("/docs/api shows the API reference, from this origin alone, with no console error", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const elsewhere: string[] = [];
  const problems: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol !== "data:" && url.protocol !== "blob:" && url.origin !== origin) elsewhere.push(request.url());
  });
  page.on("console", (message) => {
    if (message.type() === "error" || /Content.Security.Policy|Refused to/i.test(message.text())) problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  // The browser's own report of anything the Content-Security-Policy blocked.
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { cspViolations: string[] }).cspViolations = []);
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`));
  });

  await page.setViewportSize({ width: 1440, height: 900 });
  const documentAnswer = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/openapi.json");
  await page.goto("/docs/api");
  expect((await documentAnswer).status()).toBe(200);

  // The reference, with the studio's own operations listed in the sidebar.
  await expect(page.getByRole("heading", { name: "Nano Studio API" })).toBeVisible();
  const sidebar = page.getByRole("navigation", { name: /Sidebar/ });
  await expect(sidebar.getByRole("button", { name: /^Create generations/ })).toBeVisible();

  // The OpenAI-compatible operation a tool would look for.
  await sidebar.getByRole("button", { name: /^OpenAI-compatible/ }).click();
  await sidebar.getByRole("button", { name: /^Create images HTTP Method/ }).click();
  const operation = page.getByRole("heading", { name: "Create images", exact: true });
  await expect(operation).toBeVisible();
  await expect(page.getByText("/v1/images/generations", { exact: true }).first()).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/docs-api.png" });

  // Let late work (lazy chunks, highlighting) show any error too.
  await page.waitForLoadState("networkidle");
  expect(problems, "console errors").toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), "CSP violations").toEqual([]);
  const csp = (await page.request.get("/docs/api")).headers()["content-security-policy"];
  expect(csp, "the page runs under the studio's policy").toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'.*connect-src 'self'/);
  expect(elsewhere, "requests to another origin").toEqual([]);
});

test("the document itself is public JSON", async ({ request }) => {
  const answer = await request.get("/api/openapi.json");
  expect(answer.status()).toBe(200);
  expect(answer.headers()["content-type"]).toMatch(/^application\/json/);
  const document = await answer.json();
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/api/generations", "/v1/images/generations", "/v1/images/edits", "/v1/models"]));
});
