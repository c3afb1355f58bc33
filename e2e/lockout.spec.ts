import { request as playwrightRequest, type Browser, type Page } from "@playwright/test";
import { expect, test } from "./support/demo";
import { accountsStudio } from "./support/own-studio";
import { hydrated } from "./support/studio-page";

// Locking a thief out. A person's "Sign out everywhere" asks first
// and revokes their API tokens too (ticked); an admin sets how long a token
// may live, and signs a person out from /admin.

const ADMIN = { name: "admin", password: "admin-password-1" };
const BEA = { name: "bea", password: "bea-password-2026" };
const studio = accountsStudio({ admin: ADMIN });

async function signIn(page: Page, who: { name: string; password: string }) {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel("Your name").fill(who.name);
  await page.getByLabel("Your password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(`Signed in as ${who.name}`)).toBeVisible();
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: studio.url });
  return context.newPage();
}

/** Makes a token on /tokens and gives its secret, as shown once. */
async function makeToken(page: Page, name: string, expiry?: string): Promise<string> {
  await page.goto("/tokens");
  await page.getByLabel("Name", { exact: true }).fill(name);
  if (expiry) await page.getByLabel("Expires").selectOption({ label: expiry });
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = await page.getByLabel("API token", { exact: true }).inputValue();
  expect(secret).toMatch(/^nst_/);
  await page.getByRole("button", { name: "Done" }).click();
  return secret;
}

test("sign out everywhere revokes tokens; an admin caps token lives and signs a person out", async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await newPage(browser);
  const bea = await newPage(browser);
  const script = await playwrightRequest.newContext({ baseURL: studio.url });
  const asScript = (secret: string) => script.get("/api/generations", { headers: { authorization: `Bearer ${secret}` } });

  await test.step("the admin adds bea, who signs in and makes a token", async () => {
    await signIn(admin, ADMIN);
    const added = await admin.request.post("/api/admin/users", { data: { name: BEA.name, password: BEA.password }, headers: { origin: studio.url } });
    expect(added.status()).toBe(201);
    await signIn(bea, BEA);
  });

  await test.step("bea signs out everywhere: the dialog offers to revoke her tokens, ticked; her script is shut out", async () => {
    const secret = await makeToken(bea, "bea's script");
    expect((await asScript(secret)).status()).toBe(200);
    await bea.goto("/");
    await hydrated(bea.getByRole("button", { name: `Account menu for ${BEA.name}` }));
    await bea.getByRole("button", { name: `Account menu for ${BEA.name}` }).click();
    await bea.getByRole("menuitem", { name: "Sign out everywhere" }).click();
    const dialog = bea.getByRole("alertdialog", { name: "Sign out everywhere?" });
    await expect(dialog.getByRole("checkbox", { name: /Also revoke my API tokens/ })).toBeChecked();
    await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(bea).toHaveURL(/\/sign-in$/);
    expect((await asScript(secret)).status()).toBe(401);
  });

  await test.step("the admin lowers the longest token life to 30 days; bea's form offers nothing longer", async () => {
    await admin.goto("/admin");
    await admin.getByLabel("Longest life of an API token (days)").fill("30");
    await admin.getByRole("region", { name: "Sessions and API tokens" }).getByRole("button", { name: "Save", exact: true }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await signIn(bea, BEA);
    await bea.goto("/tokens");
    const options = await bea.getByLabel("Expires").locator("option").allTextContents();
    expect(options).toEqual(["In 30 days"]);
  });

  await test.step("the admin signs bea out from /admin, her token too; her next page is the sign-in", async () => {
    const secret = await makeToken(bea, "another script");
    await admin.reload();
    await hydrated(admin.getByRole("button", { name: `Sign ${BEA.name} out everywhere` }));
    await admin.getByRole("button", { name: `Sign ${BEA.name} out everywhere` }).click();
    const dialog = admin.getByRole("alertdialog", { name: `Sign ${BEA.name} out everywhere?` });
    await expect(dialog.getByRole("checkbox", { name: "Also revoke their API tokens" })).toBeChecked();
    await dialog.getByRole("button", { name: "Sign out" }).click();
    await expect(admin.getByText(`${BEA.name} is signed out. Sessions ended: 1. Tokens revoked: 1.`)).toBeVisible();
    await bea.reload();
    // She was on /tokens: sign-in brings her back there.
    await expect(bea).toHaveURL(/\/sign-in\?returnTo=%2Ftokens$/);
    expect((await asScript(secret)).status()).toBe(401);
  });

  await script.dispose();
});
