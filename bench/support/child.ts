import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Measurement } from "./figures";

/**
 * Runs one measurement in its own process (tsx, with the react-server
 * condition that server modules need), killed if it outlives `timeoutMs`.
 */
export function runMeasurement(name: string, timeoutMs: number): Promise<Measurement> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "nano-bench-out-")), `${name}.json`);
  const child = spawn(process.execPath, ["--conditions=react-server", "--expose-gc", "--import", "tsx", "bench/support/measure-one.ts", name], {
    cwd: process.cwd(),
    env: { ...process.env, NODE_OPTIONS: "", BENCH_OUT: out, LOG_LEVEL: "silent", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // gone
    }
  };
  const kill = () => signalGroup("SIGKILL");
  process.on("exit", kill);
  return new Promise<Measurement>((resolve, reject) => {
    const timer = setTimeout(() => {
      // SIGTERM first: the measurement then stops the servers it started.
      signalGroup("SIGTERM");
      setTimeout(kill, 5_000).unref();
      reject(new Error(`${name} did not finish within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      process.off("exit", kill);
      // Its servers and browsers are in its process group: none may outlive it.
      kill();
      try {
        if (code !== 0) throw new Error(`${name} exited with ${code ?? signal}`);
        resolve(JSON.parse(fs.readFileSync(out, "utf8")) as Measurement);
      } catch (error) {
        reject(error);
      } finally {
        fs.rmSync(path.dirname(out), { recursive: true, force: true });
      }
    });
  });
}
