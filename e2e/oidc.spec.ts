import type { Page } from "@playwright/test";
import { startTestProvider, type TestProvider } from "../lib/testing/oidc-provider";
import { expect, test } from "./support/demo";
import { ownStudio } from "./support/own-studio";
import { composerReady, hydrated } from "./support/studio-page";
import { freePort } from "./support/server";

// STUDIO_AUTH=oidc as a person meets it: the studio sends them to the team's
// provider (a real OpenID Connect provider on loopback), they log in there and
// come back signed in. This provider keeps the person's name out of the ID
// token (userinfo only), so the studio's userinfo path is the one used here.

const CLIENT = { id: "studio-e2e", secret: "studio-e2e-client-secret" };

test.describe("STUDIO_AUTH=oidc", () => {
  let provider: TestProvider;
  // The provider knows the studio's callback before the studio starts: its port is picked first.
  let port = 0;
  test.beforeAll(async () => {
    port = await freePort();
    provider = await startTestProvider({
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      redirectUris: [`http://127.0.0.1:${port}/api/auth/oidc/callback`],
      claimsIn: "userinfo",
    });
  });
  test.afterAll(async () => {
    await provider?.close();
  });
  const studio = ownStudio({
    port: () => port,
    env: () => ({
      STUDIO_AUTH: "oidc",
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT.id,
      OIDC_CLIENT_SECRET: CLIENT.secret,
      STUDIO_SESSION_SECRET: "e2e-oidc-session-secret-with-more-than-32-chars",
      STUDIO_ADMINS: "alice@example.test",
      // Every line, so the spec can check that none carries a code or a state.
      LOG_LEVEL: "info",
    }),
  });

  /** From the studio's sign-in page to the provider's login form. */
  async function toProviderLogin(page: Page) {
    await page.goto(`${studio.url}/`);
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.getByRole("link", { name: "Sign in with your team's account" }).click();
    await expect(page.getByRole("heading", { name: "Sign in to the test provider" })).toBeVisible();
  }

  async function logIn(page: Page, username: string, password: string) {
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("heading", { name: "Allow the studio?" })).toBeVisible();
  }

  test("a person signs in with the team's account, lands on the studio signed in, and signs out", async ({ page }) => {
    expect((await page.request.get(`${studio.url}/api/generations`)).status()).toBe(401);
    await toProviderLogin(page);
    await logIn(page, "alice", "alice-pw");
    await page.getByRole("button", { name: "Allow" }).click();

    await expect(page).toHaveURL(`${studio.url}/`);

    await composerReady(page);
    await expect(page.getByText("Signed in as alice")).toBeVisible();
    const cookies = await page.context().cookies(studio.url);
    expect(cookies.find((c) => c.name === "studio_session")).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expect(cookies.find((c) => c.name === "studio_oidc")).toBeUndefined();
    const me = await page.request.get(`${studio.url}/api/session`);
    expect(await me.json()).toMatchObject({ user: "alice", role: "admin", auth: "oidc" });

    await hydrated(page.getByRole("button", { name: "Sign out" }));
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto(`${studio.url}/`);
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("an answer whose state was tampered with is refused", async ({ page }) => {
    await toProviderLogin(page);
    await logIn(page, "bob", "bob-pw");
    // Allow, but walk the provider's redirects by hand (Playwright does not
    // route redirected requests) to the answer it sends the browser back with.
    const callback = `${studio.url}/api/auth/oidc/callback`;
    let res = await page.request.post(`${page.url()}/consent`, { form: {}, maxRedirects: 0 });
    let answer: URL | undefined;
    for (let hop = 0; hop < 5 && !answer; hop++) {
      expect([302, 303]).toContain(res.status());
      const next = new URL(res.headers().location, res.url());
      if (next.href.startsWith(callback)) answer = next;
      else res = await page.request.get(next.href, { maxRedirects: 0 });
    }
    const [code, state] = [answer?.searchParams.get("code"), answer?.searchParams.get("state")];
    expect(code).toBeTruthy();
    answer!.searchParams.set("state", `${state}-tampered`);
    await page.goto(answer!.href);

    await expect(page).toHaveURL(`${studio.url}/sign-in?error=oidc_failed`);
    await expect(page.getByRole("alert").filter({ hasText: "Signing in with your team's account did not work" })).toBeVisible();
    expect((await page.context().cookies(studio.url)).find((c) => c.name === "studio_session")).toBeUndefined();
    expect((await page.request.get(`${studio.url}/api/session`)).status()).toBe(401);
    expect(studio.output()).toContain("oidc sign-in refused");
    expect(studio.output()).not.toContain(code!);
    expect(studio.output()).not.toContain(state!);
  });

  test("saying no at the provider is refused without a session", async ({ page }) => {
    await toProviderLogin(page);
    await logIn(page, "bob", "bob-pw");
    await page.getByRole("button", { name: "Deny" }).click();

    await expect(page).toHaveURL(`${studio.url}/sign-in?error=oidc_failed`);
    expect((await page.context().cookies(studio.url)).find((c) => c.name === "studio_session")).toBeUndefined();
  });
});
