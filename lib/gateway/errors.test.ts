import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScriptedServer, type Reply } from "@/lib/testing/http-server";
import { createGatewayClient, GatewayError, type GatewayErrorKind } from "./index";

// Every error kind, in each of the gateway's three error shapes, through the
// real client over a real loopback socket.

type Case = { kind: GatewayErrorKind; status: number; code?: string; message: string; during: "submit" | "poll" };

const cases: Case[] = [
  { kind: "auth", status: 401, message: "无效的令牌", during: "submit" },
  { kind: "auth", status: 403, code: "model_not_allowed", message: "this group cannot use nano_banana_pro-4K", during: "submit" },
  { kind: "quota", status: 402, message: "payment required", during: "submit" },
  { kind: "quota", status: 403, code: "insufficient_user_quota", message: "用户额度不足", during: "submit" },
  { kind: "quota", status: 400, message: "余额不足，请充值", during: "submit" },
  { kind: "rate_limited", status: 429, message: "当前分组上游负载已饱和，请稍后再试", during: "submit" },
  { kind: "not_found", status: 400, code: "task_not_exist", message: "task_not_exist", during: "poll" },
  { kind: "not_found", status: 404, message: "no such task", during: "poll" },
  { kind: "invalid", status: 400, code: "invalid_request", message: "prompt is required", during: "submit" },
  { kind: "invalid", status: 413, message: "request body too large", during: "submit" },
  { kind: "invalid", status: 422, code: "missing_model", message: "model is required", during: "submit" },
  { kind: "unavailable", status: 503, code: "model_not_found", message: "no available channel for model", during: "submit" },
  { kind: "unavailable", status: 500, message: "internal error", during: "submit" },
];

const shapes: Record<string, (c: Case) => Reply> = {
  openai: (c) => ({ status: c.status, body: JSON.stringify({ error: { message: c.message, type: "new_api_error", code: c.code ?? "" } }) }),
  flat: (c) => ({ status: c.status, body: JSON.stringify({ code: c.code ?? "error", message: c.message, data: null }) }),
  text: (c) => ({
    status: c.status,
    headers: { "content-type": "text/html" },
    body: `<html><head><title>${c.message}</title></head><body><h1>${c.message}</h1>${c.code ?? ""}</body></html>`,
  }),
};

let server: Awaited<ReturnType<typeof startScriptedServer>>;
let current: Reply = { status: 200 };

beforeAll(async () => {
  server = await startScriptedServer(() => current);
});
afterAll(() => server.close());

const client = () =>
  createGatewayClient({ baseUrl: server.url, apiKey: "sk-secret-key", retryBudgetMs: 0, sleep: async () => {} });

describe.each(Object.keys(shapes))("error shape %s", (shape) => {
  // A plain-text page cannot carry a machine code, so code-only distinctions do not apply.
  const applicable = cases.filter((c) => shape !== "text" || !c.code || c.code === "model_not_found");
  it.each(applicable)("$status $code → $kind", async (c) => {
    current = shapes[shape](c);
    const call =
      c.during === "submit"
        ? client().submit({ model: "nano_banana_2", prompt: "p" })
        : client().get("task_x");
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GatewayError);
    const ge = error as GatewayError;
    const expectedKind = shape === "text" && c.code === "model_not_found" ? "unavailable" : c.kind;
    expect(ge.kind).toBe(expectedKind);
    expect(ge.status).toBe(c.status);
    // The person sees the gateway's own words.
    expect(ge.message).toContain(c.message);
    expect(ge.message).not.toContain("sk-secret-key");
  });
});

describe("error details", () => {
  it("reads Retry-After as seconds", async () => {
    current = { status: 429, headers: { "retry-after": "7" }, body: "{}" };
    const e = (await client().submit({ model: "nano_banana_2", prompt: "p" }).catch((x) => x)) as GatewayError;
    expect(e.kind).toBe("rate_limited");
    expect(e.retryAfterSeconds).toBe(7);
  });

  it("never repeats the key even when the gateway echoes it", async () => {
    current = { status: 401, body: JSON.stringify({ error: { message: "bad token sk-secret-key" } }) };
    const e = (await client().submit({ model: "nano_banana_2", prompt: "p" }).catch((x) => x)) as GatewayError;
    expect(e.message).not.toContain("sk-secret-key");
    expect(e.message).toContain("[key]");
  });
});
