import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sleep } from "./stats";

// The built app under `next start`, as people run it: on a loopback port in
// 3400–3499 and a throw-away data dir, killed (its whole process group) when
// the measurement ends, fails or is interrupted.

const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

/** The environment for programs that are not the bench's own TypeScript (next, autocannon). */
export function plainEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
  // --conditions=react-server is for the bench's in-process use of server modules;
  // Next and autocannon must resolve packages normally.
  delete env.NODE_OPTIONS;
  // An empty value means "unset" (e.g. a scenario comparing against glibc's defaults).
  for (const [key, value] of Object.entries(env)) if (value === "") delete env[key];
  return env;
}

const SOURCES = ["app", "build", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.mjs", "postcss.config.mjs", "package.json", "tsconfig.json"];

function newestSourceMtime(): number {
  let newest = 0;
  const visit = (p: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    } else if (!/\.test\.tsx?$/.test(p)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const s of SOURCES) visit(path.join(ROOT, s));
  return newest;
}

/**
 * Runs `next build` when there is no build or a source file is newer than it. Returns the seconds it took (0: up to date).
 * `distDir` and `env`: another build beside the everyday one (bench/js-profile.ts builds with source maps into .next-profile).
 */
export function ensureBuild(log: (line: string) => void, input: { distDir?: string; env?: Record<string, string> } = {}): number {
  const distDir = input.distDir ?? ".next";
  const buildId = path.join(ROOT, distDir, "BUILD_ID");
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (builtAt > newestSourceMtime()) return 0;
  log(builtAt ? `the build in ${distDir} is older than the sources: running next build` : `no build in ${distDir} yet: running next build`);
  const started = Date.now();
  // The demo upstream at build time too, whatever this shell holds.
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    env: plainEnv({ NANO_API_KEY: "", ...(distDir === ".next" ? {} : { NEXT_DIST_DIR: distDir }), ...input.env }),
    stdio: ["ignore", "inherit", "inherit"],
    timeout: 10 * 60_000,
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
  return (Date.now() - started) / 1000;
}

export type Server = {
  url: string;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  /** VmRSS of the next-server process, in bytes. */
  rss(): number;
  stop(): Promise<void>;
};

const running = new Set<ChildProcess>();
function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}
// Whatever happens to this process, its servers do not outlive it.
process.on("exit", () => running.forEach((child) => killGroup(child, "SIGKILL")));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    running.forEach((child) => killGroup(child, "SIGKILL"));
    process.exit(130);
  });
}

export function tempDataDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `nano-bench-${label}-`));
}

export async function startServer(input: { port: number; dataDir: string; env?: Record<string, string> }): Promise<Server> {
  if (input.port < 3400 || input.port > 3499) throw new Error("bench servers use ports 3400–3499");
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(input.port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: plainEnv({
      NODE_ENV: "production",
      // As `npm start` and the Dockerfile run the server (see package.json).
      MALLOC_ARENA_MAX: "1",
      MALLOC_MMAP_THRESHOLD_: "131072",
      NANO_API_KEY: "",
      STUDIO_DATA_DIR: input.dataDir,
      LOG_LEVEL: "warn",
      ...input.env,
    }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  const chunks: string[] = [];
  child.stdout!.on("data", (c: Buffer) => chunks.push(c.toString()));
  child.stderr!.on("data", (c: Buffer) => chunks.push(c.toString()));
  const url = `http://127.0.0.1:${input.port}`;
  const server: Server = {
    url,
    dataDir: input.dataDir,
    child,
    output: () => chunks.join(""),
    rss: () => rssOf(nextServerPid(child.pid!)),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        killGroup(child, "SIGTERM");
      }),
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}: ${server.output().slice(-2000)}`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`next start did not become healthy: ${server.output().slice(-2000)}`);
    }
    await sleep(200);
  }
  return server;
}

/** Starts a server, runs `use`, and stops it and removes its data dir whatever happens. */
export async function withServer<T>(input: { port: number; label: string; env?: Record<string, string>; seed?: (dataDir: string) => Promise<void> }, use: (server: Server) => Promise<T>): Promise<T> {
  const dataDir = tempDataDir(input.label);
  let server: Server | undefined;
  try {
    await input.seed?.(dataDir);
    server = await startServer({ port: input.port, dataDir, env: input.env });
    return await use(server);
  } finally {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function children(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function comm(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

/** The process that serves: Next names it "next-server"; else the deepest descendant. */
export function nextServerPid(root: number): number {
  const all: number[] = [];
  const walk = (pid: number, depth: number) => {
    if (depth > 5) return;
    all.push(pid);
    for (const c of children(pid)) walk(c, depth + 1);
  };
  walk(root, 0);
  return all.find((pid) => /next-server/.test(comm(pid))) ?? all[all.length - 1];
}

export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
  return kb * 1024;
}

/** The gateway simulator in its own process on a loopback port (scripts/serve-simulator.ts), as a real gateway would be. */
export async function startSimulatorProcess(input: { port: number; key: string; speed: number }): Promise<{ url: string; stop(): Promise<void> }> {
  if (input.port < 3400 || input.port > 3499) throw new Error("bench servers use ports 3400–3499");
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/serve-simulator.ts", "--port", String(input.port), "--key", input.key, "--speed", String(input.speed)],
    { cwd: ROOT, env: { ...plainEnv(), LOG_LEVEL: "silent" }, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  running.add(child);
  child.once("exit", () => running.delete(child));
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
      child.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      killGroup(child, "SIGTERM");
    });
  const deadline = Date.now() + 30_000;
  while (!/SIMULATOR_URL=/.test(out)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the simulator did not start: ${out.slice(-1000)}`);
    }
    await sleep(100);
  }
  return { url: `http://127.0.0.1:${input.port}`, stop };
}
