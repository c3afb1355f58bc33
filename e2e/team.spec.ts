import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/demo";
import { accountsStudio } from "./support/own-studio";
import { card, composerReady, generate, hydrated, pictureOf, uniquePrompt } from "./support/studio-page";

// A team on STUDIO_AUTH=accounts, as its people meet it: the admin adds two
// people (one with a password, one by invite link), sets a daily limit, and
// disables someone; the members make pictures, meet the limit and the rules
// about whose picture is whose; the usage page draws what happened.

const ADMIN = { name: "admin", password: "admin-password-1" };
const BEA = { name: "bea", password: "bea-password-2026" };
const CARL = { name: "carl", password: "carl-password-2026" };

test.describe.configure({ mode: "serial" });

const studio = accountsStudio({ admin: ADMIN, env: { STUDIO_PRICES: "nano_banana_2=0.04,nano_banana_pro-4K=0.24" } });

async function signIn(page: Page, who: { name: string; password: string }) {
  await page.goto(`${studio.url}/`);
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByText("Sign in with your name and your own password.")).toBeVisible();
  await page.getByLabel("Your name").fill(who.name);
  await page.getByLabel("Your password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${studio.url}/`);
  await composerReady(page);
  await expect(page.getByText(`Signed in as ${who.name}`)).toBeVisible();
}

async function newPage(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: studio.url, ...options });
  return context.newPage();
}

const person = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name}\\b`) }) });

test("an admin runs a team: people, invites, limits, whose picture is whose, disabling, usage", async ({ browser }) => {
  test.setTimeout(240_000);
  const admin = await newPage(browser);
  let inviteUrl = "";

  await test.step("the admin signs in and opens Admin from the account menu", async () => {
    await signIn(admin, ADMIN);
    // The charts library stays out of the studio's own scripts (the usage page loads it).
    const scripts = await admin.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name).filter((url) => url.endsWith(".js")));
    expect(scripts.length).toBeGreaterThan(0);
    for (const url of scripts) expect(await (await admin.request.get(url)).text(), url).not.toContain("recharts-bar-rectangle");
    await admin.getByRole("button", { name: `Account menu for ${ADMIN.name}` }).click();
    await admin.getByRole("menuitem", { name: "Admin" }).click();
    await expect(admin).toHaveURL(/\/admin$/);
    await expect(person(admin, ADMIN.name)).toBeVisible();
  });

  await test.step("adds bea with a password, a daily limit of 2 and a monthly budget of $1", async () => {
    await admin.getByLabel("Name", { exact: true }).fill(BEA.name);
    await admin.getByLabel("Set a password now").check();
    await admin.getByLabel("Password", { exact: true }).fill(BEA.password);
    await admin.getByRole("button", { name: "Add person" }).click();
    await expect(admin.getByText(`${BEA.name} can now sign in.`)).toBeVisible();
    await admin.getByLabel(`Pictures a day for ${BEA.name}`).fill("2");
    await admin.getByLabel(`Monthly budget (USD) for ${BEA.name}`).fill("1");
    await admin.getByRole("button", { name: `Save limits for ${BEA.name}` }).click();
    await expect(person(admin, BEA.name).getByText("Saved")).toBeVisible();
    await admin.reload();
    await expect(admin.getByLabel(`Pictures a day for ${BEA.name}`)).toHaveValue("2");
    await expect(admin.getByLabel(`Monthly budget (USD) for ${BEA.name}`)).toHaveValue("1");
    await expect(admin.getByLabel(`In flight at once for ${BEA.name}`)).toHaveValue("");
  });

  await test.step("adds carl by invite: the link is shown once", async () => {
    await admin.getByLabel("Name", { exact: true }).fill(CARL.name);
    await admin.getByLabel("Send an invite link").check();
    await admin.getByRole("button", { name: "Add person" }).click();
    await expect(admin.getByRole("heading", { name: `Invite link for ${CARL.name}` })).toBeVisible();
    inviteUrl = await admin.getByRole("textbox", { name: "Invite link" }).inputValue();
    expect(inviteUrl).toMatch(new RegExp(`^${studio.url}/invite/[\\w-]+$`));
    await expect(person(admin, CARL.name).getByText("Invite not used yet")).toBeVisible();
    await admin.getByRole("button", { name: "Done" }).click();
    await expect(admin.getByRole("textbox", { name: "Invite link" })).toHaveCount(0);
  });

  const carl = await newPage(browser);
  let carlsPicture = "";
  const carlsPrompt = uniquePrompt("a lighthouse at dusk");
  await test.step("carl opens the invite, sets a password (checked twice) and makes pictures", async () => {
    await carl.goto(inviteUrl);
    await expect(carl.getByRole("heading", { name: "Set your password" })).toBeVisible();
    await expect(carl.getByText(`You are joining as ${CARL.name}.`)).toBeVisible();
    await carl.getByLabel("New password", { exact: true }).fill("short");
    await carl.getByLabel("New password again").fill("short");
    await carl.getByRole("button", { name: "Set password and sign in" }).click();
    await expect(carl.getByRole("alert").filter({ hasText: "at least 10 characters" })).toBeVisible();
    await carl.getByLabel("New password", { exact: true }).fill(CARL.password);
    await carl.getByLabel("New password again").fill(CARL.password);
    await carl.getByRole("button", { name: "Set password and sign in" }).click();
    await expect(carl).toHaveURL(`${studio.url}/`);
    await composerReady(carl);
    await expect(carl.getByText(`Signed in as ${CARL.name}`)).toBeVisible();

    await generate(carl, carlsPrompt);
    await pictureOf(carl, carlsPrompt);
    // A second model, so the day chart has a stack.
    const made = await carl.request.post("/api/generations", { data: { model: "nano_banana_pro-4K", prompt: uniquePrompt("a lighthouse in 4K") } });
    expect(made.status()).toBe(201);
    const mine = async () => (await (await carl.request.get("/api/generations?mine=1")).json()).items as { id: string; prompt: string; status: string }[];
    await expect.poll(async () => (await mine()).map((g) => g.status), { timeout: 30_000 }).toEqual(["completed", "completed"]);
    carlsPicture = (await mine()).find((g) => g.prompt === carlsPrompt)!.id;
  });

  await test.step("the used invite link does not work twice: it says so at once, with no form", async () => {
    const stranger = await newPage(browser);
    await stranger.goto(inviteUrl);
    await expect(stranger.getByRole("heading", { name: "This invite was already used" })).toBeVisible();
    await expect(stranger.getByLabel("New password", { exact: true })).toHaveCount(0);
    await stranger.getByRole("link", { name: "Go to sign in" }).click();
    await expect(stranger).toHaveURL(/\/sign-in$/);
    // The API refuses it too, whatever the page shows.
    const again = await stranger.request.post(`/api/invites/${inviteUrl.split("/").pop()}`, { data: { password: "another-password-1" } });
    expect(again.status()).toBe(404);
    await stranger.context().close();
  });

  const bea = await newPage(browser);
  const beasPrompt = uniquePrompt("a red bicycle");
  await test.step("bea signs in elsewhere and makes a picture", async () => {
    await signIn(bea, BEA);
    await expect(bea.getByText("2 of 2 left today")).toBeVisible();
    await expect(bea.getByText("$1.00 of $1.00 left this month")).toBeVisible();
    await generate(bea, beasPrompt);
    await pictureOf(bea, beasPrompt);
    await expect(bea.getByText("1 of 2 left today")).toBeVisible();
    await expect(bea.getByText("$0.96 of $1.00 left this month")).toBeVisible();
    await bea.screenshot({ path: path.join(test.info().config.rootDir, "screenshots", "studio-member-header.png") });
  });

  await test.step("bea cannot delete carl's picture: no button, and the API says 403", async () => {
    await bea.reload();
    await hydrated(card(bea, carlsPrompt).getByRole("button", { name: carlsPrompt, exact: true }));
    await card(bea, carlsPrompt).getByRole("button", { name: carlsPrompt, exact: true }).click();
    const lightbox = bea.getByRole("dialog");
    await expect(lightbox.getByRole("button", { name: "Remix" })).toBeVisible();
    await expect(lightbox.getByRole("button", { name: "Delete" })).toHaveCount(0);
    await bea.keyboard.press("Escape");
    const refused = await bea.request.delete(`/api/generations/${carlsPicture}`);
    expect(refused.status()).toBe(403);
    // Her own picture is hers to delete.
    await card(bea, beasPrompt).getByRole("button", { name: beasPrompt, exact: true }).click();
    await expect(bea.getByRole("dialog").getByRole("button", { name: "Delete" })).toBeVisible();
    await bea.keyboard.press("Escape");
  });

  await test.step("bea reaches the daily limit the admin set: Generate is off and says when it resets", async () => {
    await generate(bea, uniquePrompt("a blue bicycle #fail"));
    await expect(bea.getByText("0 of 2 left today")).toBeVisible();
    await bea.getByLabel("Prompt", { exact: true }).fill(uniquePrompt("a green bicycle"));
    await expect(bea.getByRole("button", { name: "Generate", exact: true })).toBeDisabled();
    await expect(bea.getByText(/^No pictures left today\. It resets at midnight UTC \(in \d+ (h|min|s)\)\.$/)).toBeVisible();
    // The server refuses it all the same, naming the limit and when it resets.
    const refused = await bea.request.post("/api/generations", { data: { model: "nano_banana_2", prompt: "a green bicycle" } });
    expect(refused.status()).toBe(429);
    expect((await refused.json()).error).toMatchObject({ code: "quota_exceeded", limit: "daily", message: expect.stringMatching(/^Daily limit reached: 2 of 2 pictures used today/) });
  });

  await test.step("the admin disables bea: her next request lands on sign-in with the reason", async () => {
    // Nothing of hers in progress any more, so her page has stopped polling
    // what is in progress (once a second while anything is): on a busy machine
    // that poll could otherwise be the request that meets "disabled" and ends
    // her sessions between the click and the reload, which would then be 401.
    await expect
      .poll(async () => ((await (await bea.request.get("/api/generations?status=active&limit=100")).json()) as { items: unknown[] }).items.length, { timeout: 45_000 })
      .toBe(0);
    // Her page's own poll sees that within a second and stops.
    await bea.waitForTimeout(2_000);
    await admin.getByRole("button", { name: `Disable ${BEA.name}` }).click();
    await expect(person(admin, BEA.name).getByText("Disabled")).toBeVisible();
    // Her next request (the page, or its session poll) is 403 "disabled", which
    // ends her sessions there and then: she lands on sign-in with the reason.
    await bea.reload();
    await expect(bea).toHaveURL(/\/sign-in\?error=disabled$/);
    await expect(bea.getByText("This account is disabled").first()).toBeVisible();
    // Signing in again says why.
    await bea.getByLabel("Your name").fill(BEA.name);
    await bea.getByLabel("Your password").fill(BEA.password);
    await bea.getByRole("button", { name: "Sign in" }).click();
    await expect(bea.getByRole("alert").filter({ hasText: "This account is disabled" })).toBeVisible();
    await expect(bea).toHaveURL(/\/sign-in/);
  });

  await test.step("the admin's usage page shows both people's pictures and spend, with charts drawn", async () => {
    await admin.goto(`${studio.url}/usage`);
    const byPerson = admin.getByRole("table", { name: "By person" });
    // bea's "#fail" picture was taken by the gateway and failed there: it is
    // charged like any task the gateway took, so she spent $0.08.
    await expect(byPerson.getByRole("row", { name: /^bea 1 1 50% \$0\.08$/ })).toBeVisible();
    await expect(byPerson.getByRole("row", { name: /^carl 2 0 0% \$0\.28$/ })).toBeVisible();
    await expect(byPerson.getByRole("row", { name: /^Total 3 1 25% \$0\.36$/ })).toBeVisible();
    const perDay = admin.getByRole("figure", { name: "Pictures per day" });
    await expect(perDay.locator(".recharts-bar-rectangle").first()).toBeVisible();
    expect(await perDay.locator(".recharts-bar-rectangle").count()).toBeGreaterThanOrEqual(2);
    // Models by name, not id.
    await expect(perDay.getByText("Nano Banana Pro · 4K")).toBeVisible();
    const spend = admin.getByRole("figure", { name: "Spend per person" });
    await expect(spend.locator(".recharts-bar-rectangle")).toHaveCount(2);
    await expect(admin.getByRole("figure", { name: "Failure rate per day" }).locator(".recharts-line-curve, .recharts-line-dot").first()).toBeAttached();
    const csv = await admin.request.get(await admin.getByRole("link", { name: "Download CSV by person" }).getAttribute("href").then((h) => h!));
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toMatch(/carl/);
  });

  await test.step("a member's usage page shows only their own", async () => {
    await carl.goto(`${studio.url}/usage`);
    // Only carl in view: his day table, and no per-person chart or table of one.
    await expect(carl.getByRole("table", { name: "By day, newest first" }).getByRole("row", { name: /^Total 2 0 / })).toBeVisible();
    await expect(carl.getByRole("table", { name: "By person" })).toHaveCount(0);
    await expect(carl.getByRole("figure", { name: "Spend per person" })).toHaveCount(0);
    await expect(carl.getByRole("link", { name: "Admin" })).toHaveCount(0);
    await carl.goto(`${studio.url}/admin`);
    await expect(carl.getByRole("heading", { name: "For admins only" })).toBeVisible();
    expect((await carl.request.get("/api/admin/users")).status()).toBe(403);
  });

  await test.step("carl changes his password from the account menu", async () => {
    await carl.goto(`${studio.url}/`);
    await hydrated(carl.getByRole("button", { name: `Account menu for ${CARL.name}` }));
    await carl.getByRole("button", { name: `Account menu for ${CARL.name}` }).click();
    await carl.getByRole("menuitem", { name: "Change password" }).click();
    const dialog = carl.getByRole("dialog", { name: "Change your password" });
    await dialog.getByLabel("Current password").fill("not-my-password");
    await dialog.getByLabel("New password", { exact: true }).fill("carl-password-2027");
    await dialog.getByLabel("New password again").fill("carl-password-2027");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog.getByRole("alert")).toHaveText("Your current password is not right.");
    await dialog.getByLabel("Current password").fill(CARL.password);
    await dialog.getByRole("button", { name: "Save" }).click();
    // Its tokens go too, by default: the line says so after "changed".
    await expect(dialog.getByText(/^Your password is changed and your API tokens are revoked\./)).toBeVisible();
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(dialog).toHaveCount(0);
  });

  await test.step("screenshots of /admin and /usage, light and dark, and /usage on a phone", async () => {
    // For the note; e2e/screenshots/ is not committed.
    const SCREENSHOTS = path.join(test.info().config.rootDir, "screenshots");
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    for (const scheme of ["light", "dark"] as const) {
      const page = await newPage(browser, { storageState: await admin.context().storageState(), colorScheme: scheme, viewport: { width: 1400, height: 900 } });
      await page.goto(`${studio.url}/admin`);
      await expect(person(page, CARL.name)).toBeVisible();
      await page.screenshot({ path: path.join(SCREENSHOTS, `admin-${scheme}.png`), fullPage: true });
      await page.goto(`${studio.url}/usage`);
      await expect(page.getByRole("figure", { name: "Spend per person" }).locator(".recharts-bar-rectangle")).toHaveCount(2);
      await page.screenshot({ path: path.join(SCREENSHOTS, `usage-${scheme}.png`), fullPage: true });
      await page.context().close();
    }
    const phone = await newPage(browser, { storageState: await admin.context().storageState(), viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await phone.goto(`${studio.url}/usage`);
    await expect(phone.getByRole("figure", { name: "Pictures per day" }).locator(".recharts-bar-rectangle").first()).toBeVisible();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: path.join(SCREENSHOTS, "usage-phone.png"), fullPage: true });
    await phone.goto(`${studio.url}/admin`);
    await phone.screenshot({ path: path.join(SCREENSHOTS, "admin-phone.png"), fullPage: true });
    await phone.context().close();
  });
});
