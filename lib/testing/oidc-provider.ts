import { generateKeyPairSync, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
// @ts-expect-error oidc-provider 8 ships no type declarations; the few calls used here are typed below.
import OidcProvider from "oidc-provider";

// A real OpenID Connect provider on loopback for the studio's tests (vitest
// and Playwright): one confidential client that must use PKCE, a fixed list of
// people, and a login + consent of its own that a test completes by posting
// the forms (or a browser by filling them in). Test code only.

export type TestAccount = { sub: string; password: string; preferred_username?: string; email?: string; name?: string };

export const TEST_ACCOUNTS: TestAccount[] = [
  { sub: "u-alice", password: "alice-pw", preferred_username: "alice", email: "alice@example.test", name: "Alice" },
  { sub: "u-bob", password: "bob-pw", preferred_username: "bob", email: "bob@example.test", name: "Bob" },
  // No preferred_username: the studio names her by her email.
  { sub: "u-carol", password: "carol-pw", email: "Carol@Example.test" },
  // A name the studio refuses (userNameSchema).
  { sub: "u-mallory", password: "mallory-pw", preferred_username: "<mallory>", email: "mallory@example.test" },
];

export type TestProvider = { issuer: string; close(): Promise<void> };

type Interaction = {
  uid: string;
  prompt: { name: string; details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[] } };
  params: Record<string, string>;
  session?: { accountId?: string };
  grantId?: string;
};
type Grant = { addOIDCScope(scope: string): void; addOIDCClaims(claims: string[]): void; save(): Promise<string> };
type Provider = {
  callback(): http.RequestListener;
  interactionDetails(req: http.IncomingMessage, res: http.ServerResponse): Promise<Interaction>;
  interactionFinished(req: http.IncomingMessage, res: http.ServerResponse, result: unknown, opts?: { mergeWithLastSubmission?: boolean }): Promise<void>;
  Grant: { new (input: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> };
};

export async function startTestProvider(input: {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  accounts?: TestAccount[];
  /**
   * Where the person's claims go: "id_token" (as Keycloak and Entra ID do) or
   * only "userinfo" (the strict reading of OIDC Core, oidc-provider's default).
   */
  claimsIn?: "id_token" | "userinfo";
}): Promise<TestProvider> {
  const accounts = input.accounts ?? TEST_ACCOUNTS;
  let handle: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const provider: Provider = new OidcProvider(issuer, {
    clients: [
      {
        client_id: input.clientId,
        client_secret: input.clientSecret,
        redirect_uris: input.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        // openid-client's default for a client with a secret.
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    pkce: { methods: ["S256"], required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["preferred_username", "name"] },
    conformIdTokenClaims: input.claimsIn !== "id_token",
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.find((a) => a.sub === sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          ...(account.email ? { email: account.email, email_verified: true } : {}),
          ...(account.preferred_username ? { preferred_username: account.preferred_username } : {}),
          ...(account.name ? { name: account.name } : {}),
        }),
      };
    },
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test-key", use: "sig", alg: "RS256" }] },
    cookies: { keys: [randomBytes(32).toString("hex")], long: { signed: true, sameSite: "lax" }, short: { signed: true, sameSite: "lax" } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    adapter: memoryAdapter(),
    ttl: { AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: false } },
    async renderError(ctx: { type: string; body: string }, out: { error: string; error_description?: string }) {
      ctx.type = "html";
      ctx.body = page("Error", `<p role="alert">${escape(out.error)}: ${escape(out.error_description ?? "")}</p>`);
    },
  });
  const oidc = provider.callback();

  handle = (req, res) => {
    const match = /^\/interaction\/([\w-]+)(\/[a-z]+)?$/.exec((req.url ?? "").split("?")[0]);
    if (!match) return oidc(req, res);
    interaction({ provider, accounts, req, res, uid: match[1], action: match[2] }).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(400, { "content-type": "text/html; charset=utf-8" });
      res.end(page("Error", `<p role="alert">${escape(error instanceof Error ? error.message : String(error))}</p>`));
    });
  };

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The provider's state for one test provider, in memory (its built-in one is shared by the whole process). */
function memoryAdapter() {
  type Payload = { uid?: string; grantId?: string; consumed?: number };
  const store = new Map<string, Payload>();
  const byUid = new Map<string, string>();
  return (model: string) => ({
    async upsert(id: string, payload: Payload) {
      store.set(`${model}:${id}`, payload);
      if (payload.uid) byUid.set(`${model}:${payload.uid}`, id);
    },
    find: async (id: string) => store.get(`${model}:${id}`),
    findByUid: async (uid: string) => store.get(`${model}:${byUid.get(`${model}:${uid}`)}`),
    findByUserCode: async () => undefined,
    async consume(id: string) {
      const payload = store.get(`${model}:${id}`);
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    },
    destroy: async (id: string) => void store.delete(`${model}:${id}`),
    async revokeByGrantId(grantId: string) {
      for (const [key, payload] of store) if (payload.grantId === grantId) store.delete(key);
    },
  });
}

/** GET shows the step's form; POST /login, /consent and /abort complete it. */
async function interaction(input: {
  provider: Provider;
  accounts: TestAccount[];
  req: http.IncomingMessage;
  res: http.ServerResponse;
  uid: string;
  action: string | undefined;
}): Promise<void> {
  const { provider, req, res } = input;
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== input.uid) throw new Error("interaction mismatch");
  const base = `/interaction/${details.uid}`;
  const html = (status: number, body: string) => {
    res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(body);
  };

  if (req.method === "GET" && !input.action) {
    return html(200, details.prompt.name === "login" ? loginPage(base) : consentPage(base, details));
  }
  if (req.method !== "POST") return html(405, page("Error", "<p>method not allowed</p>"));
  const form = new URLSearchParams(await readBody(req));

  if (input.action === "/abort") {
    return provider.interactionFinished(req, res, { error: "access_denied", error_description: "The person said no" }, { mergeWithLastSubmission: false });
  }
  if (input.action === "/login" && details.prompt.name === "login") {
    // Two people may carry one username (where a provider lets people pick
    // theirs, or renames one): the password tells them apart here.
    const account = input.accounts.find((a) => (a.preferred_username ?? a.email) === form.get("username") && a.password === form.get("password"));
    if (!account) return html(200, loginPage(base, "Wrong username or password"));
    return provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
  }
  if (input.action === "/consent" && details.prompt.name === "consent") {
    const accountId = details.session?.accountId;
    if (!accountId) throw new Error("no session");
    const grant = details.grantId
      ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId, clientId: details.params.client_id }))
      : new provider.Grant({ accountId, clientId: details.params.client_id });
    if (details.prompt.details.missingOIDCScope) grant.addOIDCScope(details.prompt.details.missingOIDCScope.join(" "));
    if (details.prompt.details.missingOIDCClaims) grant.addOIDCClaims(details.prompt.details.missingOIDCClaims);
    return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  }
  return html(400, page("Error", `<p role="alert">unexpected step ${escape(details.prompt.name)}</p>`));
}

function loginPage(base: string, error?: string): string {
  return page(
    "Sign in to the test provider",
    `${error ? `<p role="alert">${escape(error)}</p>` : ""}
<form method="post" action="${base}/login">
  <label>Username <input name="username" autocomplete="off" required></label>
  <label>Password <input name="password" type="password" required></label>
  <button type="submit">Log in</button>
</form>
<form method="post" action="${base}/abort"><button type="submit">Cancel</button></form>`,
  );
}

function consentPage(base: string, details: Interaction): string {
  const scopes = (details.prompt.details.missingOIDCScope ?? []).map((s) => `<li>${escape(s)}</li>`).join("");
  return page(
    "Allow the studio?",
    `<ul>${scopes}</ul>
<form method="post" action="${base}/consent"><button type="submit">Allow</button></form>
<form method="post" action="${base}/abort"><button type="submit">Deny</button></form>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${body}</body></html>`;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
