import { spawn, type ChildProcess } from "node:child_process";

// A `next start` of the built app that a spec owns (and may kill), on its own
// port and data dir, in demo mode.
export type StudioProcess = {
  url: string;
  child: ChildProcess;
  /** Everything the server printed (its logs), for tests that read them. */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
};

export async function startStudio(input: { port: number; dataDir: string; env?: Record<string, string> }): Promise<StudioProcess> {
  const child = spawn("npx", ["next", "start", "-p", String(input.port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NANO_API_KEY: "",
      STUDIO_DATA_DIR: input.dataDir,
      LOG_LEVEL: "warn",
      ...input.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const chunks: string[] = [];
  const collect = (stream: NodeJS.ReadableStream, echo: NodeJS.WritableStream) =>
    stream.on("data", (chunk: Buffer) => {
      chunks.push(chunk.toString("utf8"));
      if (process.env.E2E_VERBOSE) echo.write(chunk);
    });
  collect(child.stdout!, process.stdout);
  collect(child.stderr!, process.stderr);
  const url = `http://127.0.0.1:${input.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}: ${chunks.join("").slice(-2000)}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error("next start did not become healthy");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    output: () => chunks.join(""),
    kill: (signal = "SIGTERM") =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        // The whole process group: npx → next-server.
        process.kill(-child.pid!, signal);
      }),
  };
}
