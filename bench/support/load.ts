import { spawn } from "node:child_process";
import path from "node:path";
import { plainEnv } from "./server";

// Load from a second process: autocannon's CLI, on loopback.

export type LoadResult = { rps: number; p50: number; p99: number; requests: number; non2xx: number; errors: number };

const AUTOCANNON = path.join(process.cwd(), "node_modules/autocannon/autocannon.js");

export function autocannon(input: { url: string; connections: number; seconds: number }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [AUTOCANNON, "--json", "--connections", String(input.connections), "--duration", String(input.seconds), input.url],
      { env: plainEnv(), stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), (input.seconds + 30) * 1000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${err.slice(-1000)}`));
      try {
        const r = JSON.parse(out.trim().split("\n").pop()!) as {
          requests: { average: number; total: number };
          latency: { p50: number; p99: number };
          non2xx: number;
          errors: number;
        };
        resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors });
      } catch (error) {
        reject(new Error(`autocannon printed no JSON: ${(error as Error).message}: ${out.slice(-500)} ${err.slice(-500)}`));
      }
    });
  });
}
