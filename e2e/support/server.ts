import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

// A `next start` of the built app that a spec owns (and may kill), on its own
// port and data dir, in demo mode.
export type StudioProcess = {
  url: string;
  child: ChildProcess;
  /** Everything the server printed (its logs), for tests that read them. */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
};

/** `count` different ports nothing listens on now (the system's picks), for servers started next. */
export async function freePorts(count: number): Promise<number[]> {
  // Held open together, so that the system cannot hand out one of them twice.
  const servers = Array.from({ length: count }, () => net.createServer());
  await Promise.all(servers.map((s) => new Promise<void>((resolve, reject) => s.once("error", reject).listen(0, "127.0.0.1", resolve))));
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}

export const freePort = async () => (await freePorts(1))[0];

/** Whether something already accepts connections on the port. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

export async function startStudio(input: { port: number; dataDir: string; env?: Record<string, string> }): Promise<StudioProcess> {
  // Another server there (a second test run on the machine, one left over)
  // would answer the health check below, and the spec would test it instead.
  if (await answers(input.port)) throw new Error(`port ${input.port} is taken: something else answers there`);
  // The project's own next, not through npx (which looks it up on every start).
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(input.port), "-H", "127.0.0.1"], {
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
        // The whole process group: next → next-server.
        process.kill(-child.pid!, signal);
      }),
  };
}
