import { expect, test } from "./support/demo";
import { ownStudio } from "./support/own-studio";
import { composerReady, hydrated, screenshot } from "./support/studio-page";

// Sign-in as a person meets it, in each mode that has one.

test.describe("STUDIO_AUTH=password", () => {
  const studio = ownStudio({
    env: { STUDIO_AUTH: "password", STUDIO_PASSWORD: "team-password-2026", STUDIO_SESSION_SECRET: "e2e-session-secret-with-more-than-32-chars" },
  });

  test("the studio asks for the password, refuses a wrong one, and lets the team in", async ({ page }) => {
    await page.goto(`${studio.url}/`);
    await expect(page).toHaveURL(/\/sign-in$/);
    expect((await page.request.get(`${studio.url}/api/generations`)).status()).toBe(401);

    await page.getByLabel("Your name").fill("alice");
    await page.getByLabel("Team password").fill("not-it");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /password is not right/ })).toBeVisible();
    await screenshot(page, "sign-in-refused");

    await page.getByLabel("Team password").fill("team-password-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${studio.url}/`);
    await composerReady(page);
    await expect(page.getByText("Signed in as alice")).toBeVisible();
    // The header's allowance ("200 of 200 left today"; the composer's line says "200 left today").
    await expect(page.getByText(/^\d+ of \d+ left today$/)).toBeVisible();
    const cookie = (await page.context().cookies()).find((c) => c.name === "studio_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    await hydrated(page.getByRole("button", { name: "Sign out" }));
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto(`${studio.url}/`);
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("a forged session cookie gets nowhere", async ({ page }) => {
    await page.context().addCookies([{ name: "studio_session", value: "Fe26.2**forged**cookie", url: studio.url }]);
    await page.goto(`${studio.url}/`);
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});

test.describe("STUDIO_AUTH=header", () => {
  const studio = ownStudio({ env: { STUDIO_AUTH: "header", STUDIO_USER_HEADER: "X-Forwarded-User" } });

  test("without the proxy's header the studio stays closed", async ({ page }) => {
    await page.goto(`${studio.url}/`);
    await expect(page.getByRole("heading", { name: "You are not signed in" })).toBeVisible();
  });

  test.describe("behind the auth proxy", () => {
    test.use({ extraHTTPHeaders: { "X-Forwarded-User": "dora" } });
    test("the proxy's user is signed in", async ({ page }) => {
      await page.goto(`${studio.url}/`);
      await expect(page.getByText("Signed in as dora")).toBeVisible();
      await expect(page.getByRole("button", { name: "Generate", exact: true })).toBeVisible();
    });
  });
});
