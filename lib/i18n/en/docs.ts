// The API reference page, /docs/api: what the server renders at once, around the interactive reference.
export const docs = {
  title: "API reference",
  intro: "The studio's HTTP API, for scripts and tools.",
  howToCall: "Call it with a personal API token in the Authorization header (Bearer nst_…), or from this browser while signed in. OpenAI clients use this studio's address followed by /v1 as their base URL.",
  makeToken: "Make an API token",
  document: "The OpenAPI 3.1 document (JSON)",
  signIn: "Sign in",
  operations: "Operations",
  loading: "Loading the interactive reference…",
  failed: "The interactive reference could not be shown. The operations are listed here; the document itself is at /api/openapi.json.",
};
