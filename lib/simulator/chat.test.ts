import "server-only";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { BASE, KEY, clockedSimulator } from "./test-helpers";

// POST /v1/chat/completions: the deterministic prompt model of demo mode
// (Improve and Describe), in the OpenAI wire shape, with the gateway's faults.

type Completion = { object: string; model: string; choices: { index: number; message: { role: string; content: string }; finish_reason: string }[] };

function chat(body: unknown, key = KEY) {
  const { sim } = clockedSimulator();
  return { sim, res: ask(sim.fetch, body, key) };
}
const ask = (doFetch: typeof fetch, body: unknown, key = KEY) =>
  doFetch(`${BASE}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const improve = (prompt: string) => ({ model: "demo-writer", messages: [{ role: "system", content: "Rewrite prompts." }, { role: "user", content: prompt }] });
async function picture(width: number, height: number, background: { r: number; g: number; b: number }): Promise<string> {
  const png = await sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();
  return `data:image/png;base64,${png.toString("base64")}`;
}
const describeBody = (url: string, system = "Answer in English.") => ({
  model: "demo-writer",
  messages: [
    { role: "system", content: system },
    { role: "user", content: [{ type: "text", text: "Write a prompt for this picture." }, { type: "image_url", image_url: { url } }] },
  ],
});
const contentOf = async (res: Response) => ((await res.json()) as Completion).choices[0].message.content;

describe("chat completions", () => {
  it("improves an English prompt in English, in the chat-completions shape", async () => {
    const res = await chat(improve("a red fox in the snow.")).res;
    expect(res.status).toBe(200);
    const body = (await res.json()) as Completion;
    expect(body).toMatchObject({ object: "chat.completion", model: "demo-writer", choices: [{ index: 0, message: { role: "assistant" }, finish_reason: "stop" }] });
    expect(body.choices[0].message.content).toBe("A red fox in the snow, detailed, soft natural light, sharp focus, high quality");
  });

  it("improves a Chinese prompt in Chinese, the same every time", async () => {
    const first = await contentOf(await chat(improve("雪地里的一只红狐狸。")).res);
    expect(first).toBe("雪地里的一只红狐狸，细节丰富，柔和的自然光，清晰对焦，高质量");
    expect(await contentOf(await chat(improve("雪地里的一只红狐狸。")).res)).toBe(first);
  });

  it("describes a picture by its decoded dominant colour and orientation, in the language asked for", async () => {
    const blue = await picture(96, 48, { r: 30, g: 70, b: 230 });
    expect(await contentOf(await chat(describeBody(blue)).res)).toMatch(/^A landscape picture dominated by blue/);
    const red = await picture(40, 80, { r: 225, g: 30, b: 35 });
    expect(await contentOf(await chat(describeBody(red, "Answer in Simplified Chinese (简体中文).")).res)).toMatch(/^一幅以红色为主色调的竖幅画面/);
    const green = await picture(50, 50, { r: 40, g: 180, b: 60 });
    expect(await contentOf(await chat(describeBody(green)).res)).toMatch(/^A square picture dominated by green/);
  });

  it("answers nothing for #empty, 400 for a picture it cannot read, 401 for a wrong key", async () => {
    expect(await contentOf(await chat(improve("a fox #empty")).res)).toBe("");
    expect((await chat(describeBody("data:image/png;base64,AAAA")).res).status).toBe(400);
    expect((await chat(improve("a fox"), "sk-wrong").res).status).toBe(401);
  });

  it("takes bursts aimed at chat, and only those", async () => {
    const { sim } = clockedSimulator();
    sim.injectBurst({ status: 502, count: 1, body: "html", only: "chat" });
    expect((await ask(sim.fetch, improve("a fox"))).status).toBe(502);
    expect((await ask(sim.fetch, improve("a fox"))).status).toBe(200);
  });
});
