import "server-only";
import { STATUS_CODES } from "node:http";

// The error bodies a new-api gateway really sends. The three shapes differ on
// purpose: clients must cope with all of them, so the simulator must produce
// all of them rather than one tidy format.

const JSON_TYPE = "application/json; charset=utf-8";

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": JSON_TYPE, ...headers },
  });
}

/** OpenAI style, as new-api's own checks answer: `{ error: { message, type, code } }`. */
export function openAiError(params: {
  status: number;
  message: string;
  code?: string;
  type?: string;
  headers?: Record<string, string>;
}): Response {
  const { status, message, code = "", type = "new_api_error", headers } = params;
  return jsonResponse(status, { error: { message, type, code } }, headers);
}

// new-api answers every key problem (wrong, disabled, exhausted) with this one text.
export const invalidKey = () => openAiError({ status: 401, message: "无效的令牌" });

export const invalidRequest = (message: string) =>
  openAiError({ status: 400, message, code: "invalid_request" });

export const modelNotFound = (model: string) =>
  openAiError({
    status: 503,
    message: `当前分组 default 下对于模型 ${model} 无可用渠道 (distributor)`,
    code: "model_not_found",
  });

/** The task relay's flat shape; new-api answers 400, not 404, for an unknown task. */
export const taskNotExist = () =>
  jsonResponse(400, { code: "task_not_exist", message: "task_not_exist", data: null });

// A result URL behaves like a CDN object: no JSON, just "not there (any more)".
export const fileNotFound = () =>
  new Response("Not Found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

export const routeNotFound = (method: string, path: string) =>
  openAiError({
    status: 404,
    message: `Invalid URL (${method} ${path})`,
    type: "invalid_request_error",
    code: "",
  });

export type BurstBody = "html" | "json" | "truncated-json";

const BURST_JSON: Record<number, { message: string; code: string }> = {
  401: { message: "无效的令牌", code: "" },
  402: { message: "用户额度不足 (insufficient quota)", code: "insufficient_user_quota" },
  403: { message: "用户额度不足 (insufficient quota)", code: "insufficient_user_quota" },
  // new-api rewrites every upstream 429 into this sentence.
  429: { message: "当前分组上游负载已饱和，请稍后再试", code: "rate_limit_exceeded" },
};

/** The answer of one injected failure; see Simulator.injectBurst. */
export function burstResponse(params: { status: number; body: BurstBody; retryAfterSeconds?: number }): Response {
  const { status, body, retryAfterSeconds } = params;
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { "retry-after": String(retryAfterSeconds) };
  if (body === "truncated-json") {
    // A proxy cut the connection mid-body: the status says success, the JSON is broken.
    return new Response('{"id":"task_', { status: 200, headers: { "content-type": JSON_TYPE, ...headers } });
  }
  const statusText = STATUS_CODES[status] ?? "Error";
  if (body === "html") {
    return new Response(`<html><body><h1>${status} ${statusText}</h1></body></html>`, {
      status,
      headers: { "content-type": "text/html; charset=utf-8", ...headers },
    });
  }
  const known = BURST_JSON[status];
  return openAiError({
    status,
    message: known?.message ?? `upstream error: ${statusText} (simulated)`,
    code: known?.code ?? "upstream_error",
    headers,
  });
}
