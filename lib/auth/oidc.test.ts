import { describe, expect, it } from "vitest";
import type { StudioConfig } from "@/lib/config";
import { startScriptedServer } from "@/lib/testing/http-server";
import { OidcRefusal, oidcAuth, personOf, providerConfiguration, redirectUri, safeReturnTo, subjectOf, type OidcAuth } from "./oidc";

const auth = (issuer: string, over: Partial<OidcAuth> = {}): OidcAuth => ({
  mode: "oidc",
  sessionDays: 30,
  sessionSecret: "x".repeat(32),
  issuer,
  clientId: "studio",
  clientSecret: "secret",
  redirectUrl: undefined,
  admins: [],
  ...over,
});

describe("oidcAuth", () => {
  it("is invalid_request in any other mode", () => {
    expect(() => oidcAuth({ mode: "none" } as StudioConfig["auth"])).toThrow(/does not sign in through OpenID Connect/);
    const a = auth("https://id.example");
    expect(oidcAuth(a)).toBe(a);
  });
});

describe("safeReturnTo", () => {
  it("keeps paths on this studio and turns everything else into /", () => {
    expect(safeReturnTo(undefined)).toBe("/");
    expect(safeReturnTo("/?q=foxes")).toBe("/?q=foxes");
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example/", "evil", "/a\nb", `/${"a".repeat(600)}`]) {
      expect(safeReturnTo(bad)).toBe("/");
    }
  });
});

describe("redirectUri", () => {
  it("is OIDC_REDIRECT_URL when set, else this request's origin (https behind a proxy that says so)", () => {
    expect(redirectUri(auth("https://id.example", { redirectUrl: "https://studio.example/api/auth/oidc/callback" }), new Request("http://10.0.0.5/x"))).toBe(
      "https://studio.example/api/auth/oidc/callback",
    );
    expect(redirectUri(auth("https://id.example"), new Request("http://127.0.0.1:3000/api/auth/oidc/start"))).toBe("http://127.0.0.1:3000/api/auth/oidc/callback");
    const proxied = new Request("http://10.0.0.5:3000/api/auth/oidc/start", { headers: { host: "studio.example", "x-forwarded-proto": "https" } });
    expect(redirectUri(auth("https://id.example"), proxied)).toBe("https://studio.example/api/auth/oidc/callback");
  });
});

describe("subjectOf", () => {
  it("is the issuer and sub together; an ID token without either is refused", () => {
    expect(subjectOf({ iss: "https://id.example", sub: "u-1", preferred_username: "alice" })).toBe("https://id.example u-1");
    expect(subjectOf({ iss: "https://other.example", sub: "u-1" })).not.toBe(subjectOf({ iss: "https://id.example", sub: "u-1" }));
    for (const claims of [{ sub: "u-1" }, { iss: "https://id.example" }, { iss: "https://id.example", sub: "" }, { iss: "https://id.example", sub: 7 }]) {
      expect(() => subjectOf(claims)).toThrow(OidcRefusal);
    }
  });
});

describe("personOf", () => {
  it("names a person by preferred_username, else email, else sub", () => {
    expect(personOf({ sub: "s1", preferred_username: "alice", email: "a@x.test" })).toEqual({ name: "alice", email: "a@x.test" });
    expect(personOf({ sub: "s1", email: "a@x.test" })).toEqual({ name: "a@x.test", email: "a@x.test" });
    expect(personOf({ sub: "s1" })).toEqual({ name: "s1", email: null });
  });

  it("does not use an email the provider says is unverified", () => {
    expect(personOf({ sub: "s1", email: "boss@x.test", email_verified: false })).toEqual({ name: "s1", email: null });
  });

  it("refuses a name userNameSchema refuses, saying why", () => {
    expect(() => personOf({ sub: "s1", preferred_username: "<script>" })).toThrow(OidcRefusal);
    expect(() => personOf({ sub: "s1", preferred_username: "x".repeat(65) })).toThrow(/name for this person is not allowed here \(name must be at most 64 characters\)/);
  });
});

describe("providerConfiguration", () => {
  it("discovers once per process, and a failed discovery is tried again on the next sign-in", async () => {
    let issuer = "";
    const server = await startScriptedServer((_req, index) =>
      index === 0
        ? { status: 503, body: "{}" }
        : {
            status: 200,
            body: JSON.stringify({
              issuer,
              authorization_endpoint: `${issuer}/auth`,
              token_endpoint: `${issuer}/token`,
              jwks_uri: `${issuer}/jwks`,
              response_types_supported: ["code"],
            }),
          },
    );
    issuer = server.url;
    try {
      const a = auth(issuer);
      await expect(providerConfiguration(a)).rejects.toMatchObject({ code: "oidc_failed", message: expect.stringMatching(/discovery .* failed/) });
      const config = await providerConfiguration(a);
      expect(config.serverMetadata().token_endpoint).toBe(`${issuer}/token`);
      expect(await providerConfiguration(a)).toBe(config);
      expect(server.requests.map((r) => r.url)).toEqual(["/.well-known/openid-configuration", "/.well-known/openid-configuration"]);
    } finally {
      await server.close();
    }
  });
});
