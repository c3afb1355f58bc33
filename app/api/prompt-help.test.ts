import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountsClient, captureLogs, errorOf } from "@/lib/testing/accounts-client";
import { ADMIN, bootAccountsStudio } from "@/lib/testing/accounts-studio";
import type { Studio } from "@/lib/testing/studio";

// Help with the words through the real routes, in demo mode (the simulator's
// demo-writer answers chat completions): Improve keeps the person's language,
// Describe names an uploaded picture's colour, 401 without a session, the
// daily allowance (429, each call counted once), the gateway's troubles as
// 502 with the prompt untouched, off (404) without a prompt model, and the
// key in no answer and no log line.

const PER_DAY = 5;
const PASSWORD = "prompt-help-password-2026";
let studio: Studio;
let routes: {
  users: typeof import("@/app/api/admin/users/route");
  references: typeof import("@/app/api/references/route");
  improve: typeof import("@/app/api/prompt/improve/route");
  describe: typeof import("@/app/api/prompt/describe/route");
};
const people: Record<"root" | "ann" | "bob" | "cy" | "dee", string> = { root: "", ann: "", bob: "", cy: "", dee: "" };
type Who = keyof typeof people;
const client = accountsClient();

beforeAll(async () => {
  studio = await bootAccountsStudio({ STUDIO_PROMPT_HELP_PER_DAY: String(PER_DAY) });
  routes = {
    users: await import("@/app/api/admin/users/route"),
    references: await import("@/app/api/references/route"),
    improve: await import("@/app/api/prompt/improve/route"),
    describe: await import("@/app/api/prompt/describe/route"),
  };
  people.root = await client.signIn(ADMIN.name, ADMIN.password);
  for (const name of ["ann", "bob", "cy", "dee"] as const) {
    const res = await routes.users.POST(client.req("/api/admin/users", { method: "POST", cookie: people.root, body: { name, password: PASSWORD } }), undefined);
    expect(res.status).toBe(201);
    people[name] = await client.signIn(name, PASSWORD);
  }
});
afterAll(() => studio.cleanup());

const improve = (as: Who | undefined, body: unknown) =>
  routes.improve.POST(client.req("/api/prompt/improve", { method: "POST", cookie: as && people[as], body }), undefined);
const describeIt = (as: Who | undefined, body: unknown) =>
  routes.describe.POST(client.req("/api/prompt/describe", { method: "POST", cookie: as && people[as], body }), undefined);
const suggestion = async (res: Response) => {
  expect(res.status).toBe(200);
  return ((await res.json()) as { prompt: string }).prompt;
};

async function png(width: number, height: number, background: { r: number; g: number; b: number }) {
  return sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();
}
async function upload(as: Who, bytes: Buffer): Promise<string> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type: "image/png" }), "reference.png");
  const res = await routes.references.POST(new Request("http://studio.test/api/references", { method: "POST", body: form, headers: { cookie: people[as] } }), undefined);
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe("POST /api/prompt/improve and /api/prompt/describe", () => {
  it("answers 401 without a session, and 400 naming a bad field", async () => {
    expect((await improve(undefined, { prompt: "a fox" })).status).toBe(401);
    expect((await describeIt(undefined, { reference: "data:image/png;base64,AAAA" })).status).toBe(401);
    const empty = await improve("ann", { prompt: "   " });
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).message).toMatch(/prompt/);
    const bad = await describeIt("ann", { reference: "ftp://example.com/a.png" });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toMatch(/reference/);
  });

  it("improves a prompt in the language it was written in", async () => {
    expect(await suggestion(await improve("ann", { prompt: "a lighthouse at dusk" }))).toBe("A lighthouse at dusk, detailed, soft natural light, sharp focus, high quality");
    expect(await suggestion(await improve("ann", { prompt: "黄昏时的灯塔" }))).toBe("黄昏时的灯塔，细节丰富，柔和的自然光，清晰对焦，高质量");
  });

  it("describes the caller's uploaded picture by its colour, in the UI's language; someone else's upload is unknown", async () => {
    const id = await upload("bob", await png(120, 60, { r: 30, g: 70, b: 230 }));
    expect(await suggestion(await describeIt("bob", { reference: id }))).toMatch(/^A landscape picture dominated by blue/);
    expect(await suggestion(await describeIt("bob", { reference: id, locale: "zh" }))).toMatch(/^一幅以蓝色为主色调的横幅画面/);
    const data = `data:image/png;base64,${(await png(40, 80, { r: 225, g: 30, b: 35 })).toString("base64")}`;
    expect(await suggestion(await describeIt("bob", { reference: data }))).toMatch(/^A portrait picture dominated by red/);
    const theirs = await describeIt("ann", { reference: id });
    expect(theirs.status).toBe(400);
    expect((await errorOf(theirs)).message).toMatch(/no uploaded reference/);
  });

  it("counts each call once per person and UTC day: past the allowance 429 naming it, until midnight UTC", async () => {
    // Refused input is no call.
    expect((await improve("cy", { prompt: "" })).status).toBe(400);
    for (let i = 0; i < PER_DAY - 1; i++) await suggestion(await improve("cy", { prompt: `a boat ${i}` }));
    const data = `data:image/png;base64,${(await png(30, 30, { r: 40, g: 180, b: 60 })).toString("base64")}`;
    await suggestion(await describeIt("cy", { reference: data }));
    const over = await improve("cy", { prompt: "one more" });
    expect(over.status).toBe(429);
    const now = Date.now();
    const midnight = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate() + 1);
    const retryAfter = Number(over.headers.get("retry-after"));
    expect(Math.abs(retryAfter - (midnight - now) / 1000)).toBeLessThan(60);
    const error = (await over.json()) as { error: { code: string; message: string; limit: string; resetsAt: string } };
    expect(error.error).toMatchObject({ code: "quota_exceeded", limit: "promptHelpPerDay", resetsAt: new Date(midnight).toISOString() });
    expect(error.error.message).toMatch(new RegExp(`${PER_DAY} calls a day`));
    expect((await describeIt("cy", { reference: data })).status).toBe(429);
    // Another person's allowance is theirs.
    await suggestion(await improve("dee", { prompt: "a kite" }));
  });

  it("answers 502 naming the gateway's trouble (an error, an empty answer), the prompt untouched", async () => {
    studio.sim.injectBurst({ status: 500, count: 1, body: "json", only: "chat" });
    const failed = await improve("dee", { prompt: "a kite over the sea" });
    expect(failed.status).toBe(502);
    expect((await errorOf(failed)).message).toMatch(/^Prompt help failed: The gateway is unavailable \(HTTP 500\).*Your prompt is unchanged\.$/);
    const empty = await improve("dee", { prompt: "a kite #empty" });
    expect(empty.status).toBe(502);
    expect((await errorOf(empty)).message).toMatch(/empty answer/);
  });
});

describe("the service (settings and gateway injected)", () => {
  const viewer = async (name: string) => (await studio.deps.db.getUserByName(name))!;

  it("is off (404) without a prompt model, and nothing counts", async () => {
    const { improvePrompt } = await import("@/lib/prompt-help");
    const { getPromptHelpDeps } = await import("@/lib/wiring");
    const deps = { ...(await getPromptHelpDeps()), settings: { model: undefined, perDay: 1, timeoutMs: 1000 } };
    const ann = await viewer("ann");
    for (let i = 0; i < 3; i++) {
      await expect(improvePrompt(deps, { viewer: ann, prompt: "a fox" })).rejects.toMatchObject({ code: "not_found", message: expect.stringMatching(/STUDIO_PROMPT_MODEL/) });
    }
  });

  it("configuration: on with demo-writer in demo mode, off with a key and no model, the model given otherwise", async () => {
    const { parseConfig } = await import("@/lib/config");
    expect(parseConfig({}).promptHelp).toMatchObject({ model: "demo-writer", perDay: 50 });
    expect(parseConfig({ NANO_API_KEY: "sk-x" }).promptHelp.model).toBeUndefined();
    expect(parseConfig({ NANO_API_KEY: "sk-x", STUDIO_PROMPT_MODEL: "gpt-4o-mini", STUDIO_PROMPT_HELP_PER_DAY: "7" }).promptHelp).toMatchObject({ model: "gpt-4o-mini", perDay: 7 });
    expect(() => parseConfig({ STUDIO_PROMPT_HELP_PER_DAY: "0" })).toThrow(/STUDIO_PROMPT_HELP_PER_DAY/);
  });

  it("a timeout is a 502 saying so; a gateway echoing the key has it in no answer and no log line", async () => {
    const SENTINEL = "sk-SENTINEL-prompt-help-0123456789";
    const { improvePrompt } = await import("@/lib/prompt-help");
    const { getPromptHelpDeps } = await import("@/lib/wiring");
    const { createChatClient } = await import("@/lib/gateway");
    const { createSimulator } = await import("@/lib/simulator");
    const { errorResponse } = await import("@/lib/server/http");
    const logs = await captureLogs();
    const slow = createSimulator({ apiKey: SENTINEL, latencyMs: 2_000 });
    const base = await getPromptHelpDeps();
    const settings = { model: "demo-writer", perDay: 100, timeoutMs: 100 };
    const timedOut = await improvePrompt({ ...base, settings, chat: createChatClient({ baseUrl: "http://gateway.test", apiKey: SENTINEL, fetch: slow.fetch, timeoutMs: 100 }) }, { viewer: await viewer("root"), prompt: "a fox" }).catch((e: unknown) => e);
    const timeoutAnswer = errorResponse(timedOut);
    expect(timeoutAnswer.status).toBe(502);
    const timeoutText = await timeoutAnswer.text();
    expect(timeoutText).toMatch(/did not answer in time/);

    const echoing = (async () => new Response(JSON.stringify({ error: { message: `invalid key ${SENTINEL}` } }), { status: 401 })) as unknown as typeof fetch;
    const refused = await improvePrompt({ ...base, settings, chat: createChatClient({ baseUrl: "http://gateway.test", apiKey: SENTINEL, fetch: echoing }) }, { viewer: await viewer("root"), prompt: "a fox" }).catch((e: unknown) => e);
    const refusedAnswer = errorResponse(refused);
    expect(refusedAnswer.status).toBe(502);
    const refusedText = await refusedAnswer.text();
    expect(refusedText).toMatch(/refused the key/);
    expect(refusedText).toContain("[key]");
    for (const text of [timeoutText, refusedText, ...logs]) expect(text).not.toContain(SENTINEL);
  });
});
