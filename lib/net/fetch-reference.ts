import "server-only";
import { readCappedBody } from "@/lib/read-capped";
import { fetchFollowingRedirects, TooManyRedirectsError, UnreadableLocationError } from "@/lib/net/follow-redirects";
import { UnsafeTargetError, type HostLookup } from "@/lib/net/safe-target";

// A URL reference is fetched once by the studio so the gallery can show it
// (the page's CSP loads no third-party pictures) and so a link that is not a
// picture is refused before anything is billed. The URL was typed by a
// person, so every hop goes through the private-address guard first.

export type FetchReferenceOptions = {
  /** Injected transport (tests); default the global fetch. */
  fetch?: typeof fetch;
  /** Hosts or origins reachable although private (tests on loopback; see assertSafeTarget). */
  allow?: readonly string[];
  /** Name resolution for the guard; default DNS. */
  lookup?: HostLookup | false;
  /** The whole exchange, redirects and body included; default 15 s. */
  timeoutMs?: number;
};

/** Why a reference URL could not be copied, in words for the person who gave it. */
export class ReferenceFetchError extends Error {
  override name = "ReferenceFetchError";
}

const MAX_REDIRECTS = 5;
const DEFAULT_TIMEOUT_MS = 15_000;
// Refused before the body is read: a web page or an API answer is never a picture.
const NOT_A_PICTURE = /^(text\/|application\/(json|xml|xhtml\+xml|javascript)$)/;

/** The bytes behind a reference URL (at most `maxBytes`), following at most five checked redirects. */
export async function fetchReference(
  url: string,
  options: FetchReferenceOptions & { maxBytes: number },
): Promise<{ bytes: Buffer; contentType: string }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetchFollowingRedirects({
      url,
      fetch: options.fetch ?? fetch,
      guard: { allow: options.allow, lookup: options.lookup },
      signal,
      maxRedirects: MAX_REDIRECTS,
      headersFor: () => ({ accept: "image/png,image/jpeg,image/webp" }),
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new ReferenceFetchError(`the link answered HTTP ${response.status}`);
    }
    const contentType = (response.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (NOT_A_PICTURE.test(contentType)) {
      await response.body?.cancel().catch(() => {});
      throw new ReferenceFetchError(`the link is not a picture (it answered ${contentType})`);
    }
    const bytes = await readCappedBody(response, options.maxBytes);
    if (bytes === "too_large") throw new ReferenceFetchError(`the picture is larger than ${Math.round(options.maxBytes / 1024 / 1024)} MB`);
    return { bytes, contentType };
  } catch (error) {
    if (error instanceof ReferenceFetchError) throw error;
    if (error instanceof UnsafeTargetError) throw new ReferenceFetchError(error.message);
    if (error instanceof TooManyRedirectsError) throw new ReferenceFetchError("the link was redirected too many times");
    if (error instanceof UnreadableLocationError) throw new ReferenceFetchError("the link redirected to an unreadable address");
    if (signal.aborted) throw new ReferenceFetchError(`the link did not answer within ${Math.round(timeoutMs / 1000)} s`);
    throw new ReferenceFetchError("the link could not be reached");
  }
}
