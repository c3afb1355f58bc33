import { request as playwrightRequest } from "@playwright/test";
import { expect, test } from "./support/demo";
import { accountsStudio } from "./support/own-studio";
import { hydratedNow } from "./support/studio-page";

// A person makes a personal API token on /tokens, copies the secret the page
// shows once, and a script with no cookies uses it; revoking it on the page
// shuts the script out on its next request.

const ADMIN = { name: "admin", password: "admin-password-1" };
const studio = accountsStudio({ admin: ADMIN });

test("a token made on /tokens works from a script until it is revoked there", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: studio.url });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: studio.url });
  const page = await context.newPage();
  const script = await playwrightRequest.newContext({ baseURL: studio.url });
  let secret = "";

  await test.step("signs in and opens API tokens from the account menu", async () => {
    await page.goto("/");
    await page.getByLabel("Your name").fill(ADMIN.name);
    await page.getByLabel("Your password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText(`Signed in as ${ADMIN.name}`)).toBeVisible();
    await page.getByRole("button", { name: `Account menu for ${ADMIN.name}` }).click();
    await page.getByRole("menuitem", { name: "API tokens" }).click();
    await expect(page).toHaveURL(/\/tokens$/);
    await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
    await expect(page.getByText("You have no API tokens yet.")).toBeVisible();
  });

  await test.step("creates a token and copies the secret, shown once", async () => {
    await page.getByLabel("Name", { exact: true }).fill("e2e script");
    await page.getByLabel("Expires").selectOption({ label: "In 30 days" });
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByRole("heading", { name: "Your new token “e2e script”" })).toBeFocused();
    await expect(page.getByText("it is shown only this once and cannot be shown again")).toBeVisible();
    const shown = await page.getByLabel("API token", { exact: true }).inputValue();
    expect(shown).toMatch(/^nst_[A-Za-z0-9_-]{43}$/);
    await page.getByRole("button", { name: "Copy", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
    secret = await page.evaluate(() => navigator.clipboard.readText());
    expect(secret).toBe(shown);

    const mine = page.getByRole("region", { name: "Your tokens" });
    await expect(mine.getByRole("row", { name: /e2e script/ })).toContainText("Not used yet");
    // The admin sees it among everyone's, with whose it is.
    await expect(page.getByRole("region", { name: "Everyone's tokens" }).getByRole("row", { name: /e2e script/ })).toContainText(ADMIN.name);
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByLabel("API token", { exact: true })).toHaveCount(0);
  });

  await test.step("a script with no cookies uses it: lists and makes a picture as the person", async () => {
    expect((await script.get("/api/generations")).status()).toBe(401);
    const auth = { authorization: `Bearer ${secret}` };
    const listed = await script.get("/api/generations", { headers: auth });
    expect(listed.status()).toBe(200);
    const made = await script.post("/api/generations", { headers: auth, data: { model: "nano_banana_2", prompt: "a lighthouse drawn by a script" } });
    expect(made.status()).toBe(201);
    const { generations } = (await made.json()) as { generations: { createdBy: string }[] };
    expect(generations[0].createdBy).toBe(ADMIN.name);
    // The page shows the use.
    await page.reload();
    await expect(page.getByRole("region", { name: "Your tokens" }).getByRole("row", { name: /e2e script/ })).not.toContainText("Not used yet");
  });

  await test.step("revokes it on the page, after a confirmation; the script's next call is 401", async () => {
    await page.getByRole("region", { name: "Your tokens" }).getByRole("button", { name: "Revoke the token e2e script" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Revoke this token?" });
    await expect(dialog).toContainText("“e2e script” stops working at once");
    await dialog.getByRole("button", { name: "Revoke" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText("The token “e2e script” is revoked.")).toBeVisible();
    await expect(page.getByText("You have no API tokens yet.")).toBeVisible();
    await expect(page.getByText("Nobody has an API token yet.")).toBeVisible();

    const refused = await script.get("/api/generations", { headers: { authorization: `Bearer ${secret}` } });
    expect(refused.status()).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe("The API token is not valid (unknown, expired or revoked)");
  });

  await script.dispose();
  await context.close();
});

// Like the studio's first screen (first-screen.spec.ts): what /tokens and
// /usage show comes with their HTML, so starting them asks the API nothing
// (on a phone each request meant loading zod and every schema to check the
// answer while the page was still starting).
test("/tokens and /usage come with what they show: starting them asks the API nothing", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: studio.url });
  const page = await context.newPage();
  const origin = { origin: studio.url };
  expect((await page.request.post("/api/session", { data: ADMIN, headers: origin })).status()).toBe(204);
  expect((await page.request.post("/api/tokens", { data: { name: "nightly export" }, headers: origin })).status()).toBe(201);
  const asked: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if ((r.resourceType() === "fetch" || r.resourceType() === "xhr") && url.pathname.startsWith("/api/")) asked.push(`${url.pathname}${url.search}`);
  });

  expect(await (await page.request.get("/tokens")).text()).toContain("nightly export");
  await page.goto("/tokens");
  await expect(page.getByRole("region", { name: "Your tokens" }).getByRole("row", { name: /nightly export/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Everyone's tokens" }).getByRole("row", { name: /nightly export/ })).toContainText(ADMIN.name);
  await hydratedNow(() => page.getByRole("button", { name: "Create token" }));
  await page.waitForTimeout(1_500);

  const totals = page.getByRole("status").filter({ hasText: /\d+ pictures · \d+ failed · / });
  expect(await (await page.request.get("/usage")).text()).toMatch(/\d+ pictures · \d+ failed · /);
  await page.goto("/usage");
  await expect(totals).toBeVisible();
  await hydratedNow(() => page.getByLabel("From"));
  await page.waitForTimeout(1_500);
  expect(asked).toEqual([]);

  // Another range is asked for through the API, as before.
  await page.getByLabel("From").fill("2026-01-01");
  await expect.poll(() => asked.some((url) => url.startsWith("/api/usage?from=2026-01-01"))).toBe(true);
  await expect(totals).toBeVisible();
  await context.close();
});
