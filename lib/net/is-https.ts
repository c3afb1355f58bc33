import "server-only";

/** Whether the person reached the studio over https: directly, or through a proxy that says so (X-Forwarded-Proto). */
export const isHttps = (request: Request) =>
  new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
