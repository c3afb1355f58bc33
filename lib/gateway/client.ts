import "server-only";
import type { AspectRatio, ImageSize, ModelId } from "@/lib/models";
import { fetchFollowingRedirects, TooManyRedirectsError } from "@/lib/net/follow-redirects";
import { UnsafeTargetError, type HostLookup } from "@/lib/net/safe-target";
import { GatewayError, errorFromResponse, readErrorBody } from "./errors";
import { normalizeTask, type NormalizedTask } from "./normalize";
import { decodeDataUrl } from "@/lib/data-url";
import { encodeSubmitBody } from "./submit-body";
import { networkError, readCapped, sleep } from "./transport";

export type GatewayClientOptions = {
  baseUrl: string;
  apiKey: string;
  /** Injected transport: the demo mode passes the simulator's fetch here. */
  fetch?: typeof fetch;
  /** One HTTP exchange. */
  timeoutMs?: number;
  /** All retries of one `get` together. */
  retryBudgetMs?: number;
  resultMaxBytes?: number;
  resultTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * How result hosts are resolved before the private-address check (default
   * dns.lookup); `false` when `fetch` is injected and never touches the network.
   */
  lookupHost?: HostLookup | false;
};

export type SubmitInput = {
  model: ModelId;
  prompt: string;
  aspectRatio?: AspectRatio;
  imageSize?: ImageSize;
  /** data: URLs or http(s) URLs, at most five. */
  references?: string[];
};

/**
 * A submit's body, encoded once: `count: 4` with five large references sends
 * the same bytes four times instead of building four copies of them.
 */
export type PreparedSubmit = { readonly kind: "prepared"; readonly model: ModelId; readonly body: Uint8Array<ArrayBuffer> };

export type FetchedResult = { bytes: Buffer; contentType: string; source: "url" | "content" };

export type GatewayClient = {
  prepareSubmit(input: SubmitInput): PreparedSubmit;
  submit(input: SubmitInput | PreparedSubmit): Promise<NormalizedTask>;
  get(taskId: string, opts?: { previousProgress?: number }): Promise<NormalizedTask>;
  fetchResult(task: Pick<NormalizedTask, "id" | "url">): Promise<FetchedResult>;
};

const MAX_REDIRECTS = 5;
/** The code of a result download refused by the address guard. */
const UNSAFE_TARGET = "unsafe_target";

export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const base = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retryBudgetMs = options.retryBudgetMs ?? 20_000;
  const resultMaxBytes = options.resultMaxBytes ?? 50 * 1024 * 1024;
  const resultTimeoutMs = options.resultTimeoutMs ?? 60_000;
  const wait = options.sleep ?? sleep;
  const auth = { authorization: `Bearer ${options.apiKey}` };

  // The key must never leave in a message, whatever a gateway echoes back.
  const scrub = (error: GatewayError): GatewayError => {
    if (!options.apiKey || !error.message.includes(options.apiKey)) return error;
    return new GatewayError({
      kind: error.kind,
      status: error.status,
      code: error.code,
      retryAfterSeconds: error.retryAfterSeconds,
      outcomeUnknown: error.outcomeUnknown,
      message: error.message.split(options.apiKey).join("[key]"),
    });
  };

  async function exchange(url: string, init: RequestInit, what: string, during: "submit" | "poll") {
    let response: Response;
    let bodyText: string;
    try {
      // Never followed: a redirected API call would carry the key to wherever
      // the redirect points (and a redirected POST may be re-sent).
      response = await doFetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
      bodyText = await response.text();
    } catch (error) {
      throw scrub(networkError(error, what));
    }
    if (response.status >= 300 && response.status < 400) {
      const where = redirectTarget(response.headers.get("location"), url);
      throw new GatewayError({
        kind: "invalid",
        status: response.status,
        message: `The gateway answered with a redirect${where} (HTTP ${response.status}); the studio does not follow redirects with the key. Check NANO_API_BASE_URL.`,
      });
    }
    if (!response.ok) {
      throw scrub(errorFromResponse({ status: response.status, bodyText, retryAfter: response.headers.get("retry-after"), during }));
    }
    return { response, bodyText };
  }

  function parseTask(bodyText: string, opts: { previousProgress?: number; fallbackId?: string }): NormalizedTask {
    let body: unknown;
    try {
      body = JSON.parse(bodyText);
    } catch {
      throw new GatewayError({ kind: "malformed", status: 200, message: "The gateway sent an unreadable answer" });
    }
    // new-api's flat error style sometimes arrives with a 2xx status.
    const flat = body as { code?: unknown; data?: unknown };
    if (flat && typeof flat === "object" && flat.code === "task_not_exist") {
      throw scrub(errorFromResponse({ status: 400, bodyText, retryAfter: null, during: "poll" }));
    }
    const task = normalizeTask(body, opts);
    if (!task) {
      const said = readErrorBody(bodyText).message;
      throw scrub(new GatewayError({ kind: "malformed", status: 200, message: `The gateway sent an answer without a task${said ? `: ${said}` : ""}` }));
    }
    return task;
  }

  function prepareSubmit(input: SubmitInput): PreparedSubmit {
    const metadata: Record<string, unknown> = { aspectRatio: input.aspectRatio ?? "auto" };
    if (input.imageSize) metadata.imageSize = input.imageSize;
    const body = encodeSubmitBody({ model: input.model, prompt: input.prompt, metadata, urls: input.references ?? [] });
    return { kind: "prepared", model: input.model, body };
  }

  async function submit(input: SubmitInput | PreparedSubmit): Promise<NormalizedTask> {
    const { body } = "kind" in input ? input : prepareSubmit(input);
    // Exactly one attempt: a resent POST creates and bills a second task.
    const { bodyText } = await exchange(
      `${base}/v1/videos`,
      { method: "POST", headers: { ...auth, "content-type": "application/json" }, body },
      "submit",
      "submit",
    );
    try {
      return parseTask(bodyText, {});
    } catch (error) {
      // The gateway answered 2xx, so a task may exist that we cannot name.
      if (GatewayError.is(error) && error.kind === "malformed") {
        throw new GatewayError({ kind: "malformed", status: 200, message: error.message, outcomeUnknown: true });
      }
      throw error;
    }
  }

  async function getOnce(taskId: string, previousProgress?: number): Promise<NormalizedTask> {
    const { bodyText } = await exchange(
      `${base}/v1/videos/${encodeURIComponent(taskId)}`,
      { method: "GET", headers: auth },
      "poll",
      "poll",
    );
    return parseTask(bodyText, { previousProgress, fallbackId: taskId });
  }

  async function get(taskId: string, opts: { previousProgress?: number } = {}): Promise<NormalizedTask> {
    const deadline = Date.now() + retryBudgetMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await getOnce(taskId, opts.previousProgress);
      } catch (error) {
        if (!(GatewayError.is(error)) || !error.transient) throw error;
        const backoff = Math.min(250 * 2 ** attempt, 4_000) * (0.75 + Math.random() * 0.5);
        const delay = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : backoff;
        if (Date.now() + delay > deadline) throw error;
        await wait(delay);
      }
    }
  }

  /**
   * GET with redirects followed by hand: only http(s), the key only to the
   * gateway's own origin, and every hop checked before connecting: no private,
   * loopback, link-local or metadata address unless it is the gateway's own host.
   */
  async function download(url: string, withKey: boolean): Promise<{ bytes: Buffer; contentType: string }> {
    const keyOrigin = new URL(base).origin;
    try {
      const response = await fetchFollowingRedirects({
        url,
        fetch: doFetch,
        guard: { allow: [new URL(base).hostname], lookup: options.lookupHost },
        signal: AbortSignal.timeout(resultTimeoutMs),
        maxRedirects: MAX_REDIRECTS,
        headersFor: (hop) => (withKey && hop.origin === keyOrigin ? auth : undefined),
        beforeHop: (hop) => {
          if (hop.protocol !== "http:" && hop.protocol !== "https:") {
            throw new GatewayError({ kind: "invalid", message: `The result points at a ${hop.protocol} address, which is not allowed` });
          }
        },
      });
      if (!response.ok) {
        const bodyText = await response.text().catch(() => "");
        throw errorFromResponse({ status: response.status, bodyText, retryAfter: response.headers.get("retry-after"), during: "result" });
      }
      const bytes = await readCapped(response, resultMaxBytes);
      const contentType = (response.headers.get("content-type") ?? "application/octet-stream").split(";")[0].trim().toLowerCase();
      return { bytes, contentType };
    } catch (error) {
      throw scrub(networkError(redirectRefusal(error), "result download"));
    }
  }

  async function fetchResult(task: Pick<NormalizedTask, "id" | "url">): Promise<FetchedResult> {
    if (task.url?.startsWith("data:")) {
      const decoded = decodeDataUrl(task.url);
      if (!decoded) throw new GatewayError({ kind: "malformed", message: "The result is an unreadable data URL" });
      if (decoded.bytes.length > resultMaxBytes) throw new GatewayError({ kind: "invalid", message: "The result is larger than the size limit" });
      return { ...decoded, source: "url" };
    }
    if (task.url) {
      try {
        return { ...(await download(task.url, false)), source: "url" };
      } catch (error) {
        // An expired CDN link, or one pointing where the studio never goes:
        // the gateway may still stream the file itself.
        if (!(GatewayError.is(error)) || (error.kind !== "not_found" && error.code !== UNSAFE_TARGET)) throw error;
      }
    }
    const content = await download(`${base}/v1/videos/${encodeURIComponent(task.id)}/content`, true);
    return { ...content, source: "content" };
  }

  return { prepareSubmit, submit, get, fetchResult };
}

/** " to <origin>" of a Location header, for a message; never its path or query (they may hold secrets). */
function redirectTarget(location: string | null, from: string): string {
  if (!location) return "";
  try {
    return ` to ${new URL(location, from).origin}`;
  } catch {
    return "";
  }
}

/** The redirect walk's refusals as the gateway errors fetchResult acts on (an unsafe URL falls back to /content). */
function redirectRefusal(error: unknown): unknown {
  if (error instanceof UnsafeTargetError) {
    return new GatewayError({ kind: "invalid", code: UNSAFE_TARGET, message: `The result download was refused: ${error.message}` });
  }
  if (error instanceof TooManyRedirectsError) {
    return new GatewayError({ kind: "unavailable", message: "The result download was redirected too many times" });
  }
  return error;
}
