import "server-only";
import sharp from "sharp";
import { decodeDataUrl } from "@/lib/data-url";
import { invalidRequest, jsonResponse } from "./errors";

// POST /v1/chat/completions, as a gateway's chat model answers it, but
// deterministic: the studio's Improve and Describe can be tried and tested
// with no key. A message with a picture is a Describe (the picture decoded
// for real: its dominant colour and its orientation, in the language the
// system message asks for); otherwise the last user text is rewritten in its
// own language. `#empty` in a prompt answers with nothing (a model that said
// nothing).

type Part = { type?: unknown; text?: unknown; image_url?: { url?: unknown } | unknown };
type Message = { role?: unknown; content?: unknown };

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const EN_DETAIL = ", detailed, soft natural light, sharp focus, high quality";
const ZH_DETAIL = "，细节丰富，柔和的自然光，清晰对焦，高质量";

/** Improve's deterministic rewrite: the prompt kept, in its language, with the details a picture model likes. */
export function simulatedImprove(prompt: string): string {
  const text = prompt.trim().replace(/[\s.,;!?。，；！？、]+$/u, "");
  if (CJK.test(text)) return `${text}${ZH_DETAIL}`;
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${EN_DETAIL}`;
}

const COLOURS: { en: string; zh: string; rgb: [number, number, number] }[] = [
  { en: "red", zh: "红色", rgb: [220, 40, 40] },
  { en: "orange", zh: "橙色", rgb: [240, 140, 30] },
  { en: "yellow", zh: "黄色", rgb: [235, 220, 50] },
  { en: "green", zh: "绿色", rgb: [50, 170, 60] },
  { en: "blue", zh: "蓝色", rgb: [40, 80, 220] },
  { en: "purple", zh: "紫色", rgb: [140, 60, 190] },
  { en: "pink", zh: "粉色", rgb: [240, 140, 190] },
  { en: "brown", zh: "棕色", rgb: [120, 75, 40] },
  { en: "white", zh: "白色", rgb: [245, 245, 245] },
  { en: "grey", zh: "灰色", rgb: [128, 128, 128] },
  { en: "black", zh: "黑色", rgb: [15, 15, 15] },
];

function nearestColour(r: number, g: number, b: number) {
  let best = COLOURS[0];
  let bestDistance = Infinity;
  for (const colour of COLOURS) {
    const [cr, cg, cb] = colour.rgb;
    const distance = (r - cr) ** 2 + (g - cg) ** 2 + (b - cb) ** 2;
    if (distance < bestDistance) [best, bestDistance] = [colour, distance];
  }
  return best;
}

/** Describe's sentence from the decoded picture; undefined when it is not a picture. */
export async function simulatedDescribe(bytes: Buffer, zh: boolean): Promise<string | undefined> {
  try {
    const image = sharp(bytes).rotate();
    const [{ dominant }, meta] = await Promise.all([image.clone().stats(), image.clone().metadata()]);
    const swapped = (meta.orientation ?? 1) >= 5;
    const width = (swapped ? meta.height : meta.width) ?? 1;
    const height = (swapped ? meta.width : meta.height) ?? 1;
    const colour = nearestColour(dominant.r, dominant.g, dominant.b);
    const shape = width > height ? (zh ? "横幅" : "landscape") : width < height ? (zh ? "竖幅" : "portrait") : zh ? "方形" : "square";
    return zh
      ? `一幅以${colour.zh}为主色调的${shape}画面，构图简洁，光线柔和，细节清晰`
      : `A ${shape} picture dominated by ${colour.en}, simple composition, soft light, clear details`;
  } catch {
    return undefined;
  }
}

const textOf = (content: unknown): string =>
  typeof content === "string" ? content : Array.isArray(content) ? (content as Part[]).map((p) => (p && p.type === "text" && typeof p.text === "string" ? p.text : "")).join("\n") : "";

function imageOf(content: unknown): string | undefined {
  if (!Array.isArray(content)) return undefined;
  for (const part of content as Part[]) {
    const url = part && part.type === "image_url" ? (part.image_url as { url?: unknown } | undefined)?.url : undefined;
    if (typeof url === "string") return url;
  }
  return undefined;
}

function completion(model: string, content: string): Response {
  return jsonResponse(200, {
    id: `chatcmpl-sim-${Date.now().toString(36)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  });
}

export async function chatCompletion(request: Request): Promise<Response> {
  let body: { model?: unknown; messages?: unknown };
  try {
    body = (await request.json()) as typeof body;
  } catch {
    return invalidRequest("the body is not JSON");
  }
  const model = typeof body.model === "string" && body.model ? body.model : undefined;
  if (!model) return invalidRequest("model is required");
  if (!Array.isArray(body.messages) || body.messages.length === 0) return invalidRequest("messages is required");
  const messages = body.messages as Message[];
  const system = messages.filter((m) => m?.role === "system").map((m) => textOf(m.content)).join("\n");
  const users = messages.filter((m) => m?.role === "user");
  const last = users.at(-1);
  if (!last) return invalidRequest("a user message is required");
  const said = textOf(last.content);
  if (/#empty\b/i.test(said)) return completion(model, "");
  const image = imageOf(last.content);
  if (image !== undefined) {
    const bytes = decodeDataUrl(image)?.bytes;
    const sentence = bytes && (await simulatedDescribe(bytes, /chinese|中文/i.test(system)));
    if (!sentence) return invalidRequest("the image could not be read (simulated)");
    return completion(model, sentence);
  }
  return completion(model, simulatedImprove(said));
}
