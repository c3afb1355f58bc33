import "server-only";
import sharp from "sharp";
import { createSimulator, type Simulator, type SimulatorOptions } from "./index";

// Shared by the simulator's tests: a simulator on a hand-stepped clock and a
// tiny client speaking the wire protocol through its injected fetch.

export const KEY = "sk-sim-test";
export const BASE = "http://gateway.test";

export function clockedSimulator(options: Partial<SimulatorOptions> = {}) {
  let t = 1_750_000_000_000;
  const sim = createSimulator({ apiKey: KEY, now: () => t, ...options });
  return {
    sim,
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

export function client(sim: Simulator, base = BASE, fetchImpl: typeof fetch = sim.fetch) {
  const auth = { authorization: `Bearer ${KEY}` };
  return {
    submit: (body: unknown, headers: Record<string, string> = auth) =>
      fetchImpl(`${base}/v1/videos`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    poll: (id: string, headers: Record<string, string> = auth) => fetchImpl(`${base}/v1/videos/${id}`, { headers }),
    content: (id: string, headers: Record<string, string> = auth) =>
      fetchImpl(`${base}/v1/videos/${id}/content`, { headers }),
    /** Submits and returns the new task's id, failing loudly if refused. */
    async create(body: Record<string, unknown>): Promise<string> {
      const res = await this.submit(body);
      const json = (await res.json()) as { id?: string };
      if (res.status !== 200 || !json.id) throw new Error(`submit refused: ${res.status} ${JSON.stringify(json)}`);
      return json.id;
    },
  };
}

export async function readJson(res: Response): Promise<Record<string, any>> {
  return (await res.json()) as Record<string, any>;
}

/** A small PNG as a data URL, to use as a reference image. */
export async function pngDataUrl(color: string, width = 64, height = 48): Promise<string> {
  const png = await sharp({ create: { width, height, channels: 3, background: color } }).png().toBuffer();
  return `data:image/png;base64,${png.toString("base64")}`;
}
