import "server-only";
import { GatewayError, errorFromResponse } from "./errors";
import { networkError } from "./transport";

// The gateway's OpenAI-compatible chat completions (POST /v1/chat/completions),
// with the same base URL and key as the image tasks. One attempt per call, a
// time limit, and the key scrubbed from every message, whatever the gateway echoes.

export type ChatContentPart = { type: "text"; text: string } | { type: "image_url"; image_url: { url: string } };

export type ChatMessage = { role: "system" | "user"; content: string | ChatContentPart[] };

export type ChatClient = {
  /** The first choice's text, trimmed; an empty answer is a GatewayError (`malformed`). */
  complete(input: { model: string; messages: ChatMessage[] }): Promise<string>;
};

export function createChatClient(options: { baseUrl: string; apiKey: string; fetch?: typeof fetch; timeoutMs?: number }): ChatClient {
  const base = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 20_000;

  const scrub = (error: GatewayError): GatewayError => {
    if (!options.apiKey || !error.message.includes(options.apiKey)) return error;
    return new GatewayError({ kind: error.kind, status: error.status, code: error.code, retryAfterSeconds: error.retryAfterSeconds, message: error.message.split(options.apiKey).join("[key]") });
  };

  async function complete(input: { model: string; messages: ChatMessage[] }): Promise<string> {
    let response: Response;
    let bodyText: string;
    try {
      response = await doFetch(`${base}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${options.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ model: input.model, messages: input.messages, stream: false }),
        // Never followed: a redirect would carry the key elsewhere.
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      bodyText = await response.text();
    } catch (error) {
      const failed = networkError(error, "chat completion");
      // A chat call is not billed as a task: "outcome unknown" means nothing here.
      throw scrub(new GatewayError({ kind: failed.kind, message: failed.message }));
    }
    if (response.status >= 300 && response.status < 400) {
      throw new GatewayError({ kind: "invalid", status: response.status, message: `The gateway answered with a redirect (HTTP ${response.status}); check NANO_API_BASE_URL` });
    }
    if (!response.ok) {
      const error = errorFromResponse({ status: response.status, bodyText, retryAfter: response.headers.get("retry-after"), during: "submit" });
      throw scrub(new GatewayError({ kind: error.kind, status: error.status, code: error.code, retryAfterSeconds: error.retryAfterSeconds, message: error.message }));
    }
    let text: unknown;
    try {
      const body = JSON.parse(bodyText) as { choices?: { message?: { content?: unknown } }[] };
      text = body.choices?.[0]?.message?.content;
    } catch {
      throw new GatewayError({ kind: "malformed", status: response.status, message: "The gateway sent an unreadable answer (chat completion)" });
    }
    const answer = typeof text === "string" ? text.trim() : "";
    if (!answer) throw new GatewayError({ kind: "malformed", status: response.status, message: "The prompt model sent an empty answer" });
    return answer;
  }

  return { complete };
}
