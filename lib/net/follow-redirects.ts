import "server-only";
import { assertSafeTarget, type SafeTargetOptions } from "./safe-target";

// A GET whose redirects are followed by hand, each hop checked by the
// private-address guard before anything connects to it. Shared by the result
// download (lib/gateway) and the reference fetcher (fetch-reference.ts): both
// follow URLs the studio did not choose. The caller reads (or refuses) the
// final answer and turns these errors into its own.

export class TooManyRedirectsError extends Error {
  override name = "TooManyRedirectsError";
}

export class UnreadableLocationError extends Error {
  override name = "UnreadableLocationError";
}

export async function fetchFollowingRedirects(input: {
  url: string | URL;
  fetch: typeof fetch;
  guard: SafeTargetOptions;
  signal: AbortSignal;
  maxRedirects: number;
  /** Headers for one hop (the gateway's key goes to the gateway's own origin only). */
  headersFor?: (hop: URL) => HeadersInit | undefined;
  /** A check of the caller's own before the guard's, e.g. a refusal worded its way. */
  beforeHop?: (hop: URL) => void;
}): Promise<Response> {
  let current = new URL(input.url);
  for (let hop = 0; hop <= input.maxRedirects; hop++) {
    input.beforeHop?.(current);
    await assertSafeTarget(current, input.guard);
    const response = await input.fetch(current.href, { headers: input.headersFor?.(current), redirect: "manual", signal: input.signal });
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !location) return response;
    await response.body?.cancel().catch(() => {});
    try {
      current = new URL(location, current);
    } catch {
      throw new UnreadableLocationError(`a redirect to an unreadable address (${location.slice(0, 100)})`);
    }
  }
  throw new TooManyRedirectsError(`more than ${input.maxRedirects} redirects`);
}
