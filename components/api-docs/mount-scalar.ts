"use client";
import "./zod-jitless";
import { createApiReference } from "@scalar/api-reference";
import "@scalar/api-reference/style.css";

// Scalar (Vue inside) and its stylesheet, in a chunk of their own that only
// /docs/api loads, after its first paint. Everything it needs is bundled: no
// CDN, no fonts from fonts.scalar.com, no telemetry, no request proxy, no
// agent chat, so the studio's Content-Security-Policy (connect-src 'self',
// font-src 'self') has nothing to refuse.

export function mountScalar(element: HTMLElement, input: { url: string; dark: boolean }) {
  const origin = window.location.origin;
  return createApiReference(element, {
    url: input.url,
    withDefaultFonts: false,
    telemetry: false,
    // "Try it" sends from the browser to this origin itself, with the session cookie.
    servers: [{ url: origin, description: "This studio" }],
    baseServerURL: origin,
    agent: { disabled: true },
    // "Open API Client" would send this document's address to client.scalar.com: "Try it" stays, here.
    hideClientButton: true,
    showDeveloperTools: "never",
    darkMode: input.dark,
    hideDarkModeToggle: true,
    documentDownloadType: "json",
    defaultHttpClient: { targetKey: "shell", clientKey: "curl" },
    metaData: { title: "API · Nano Studio" },
  });
}
