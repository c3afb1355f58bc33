import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readNow } from "./read-now";

// Boots the studio's real route handlers in-process on a throw-away data dir,
// in demo mode (the simulator injected as the gateway's fetch). Call once per
// test file: configuration is read once per process, as in production.

export async function bootStudio(env: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-test-"));
  Object.assign(process.env, {
    STUDIO_DATA_DIR: dataDir,
    NANO_API_KEY: "",
    SIMULATOR_SPEED: "20",
    STUDIO_POLL_INTERVAL_MS: "200",
    ...env,
  });
  const generations = await import("@/app/api/generations/route");
  const generation = await import("@/app/api/generations/[id]/route");
  const retry = await import("@/app/api/generations/[id]/retry/route");
  const cancel = await import("@/app/api/generations/[id]/cancel/route");
  const images = await import("@/app/api/images/[id]/route");
  const references = await import("@/app/api/references/[id]/route");
  const referenceUploads = await import("@/app/api/references/route");
  const health = await import("@/app/api/health/route");
  const { getDeps, getSimulator } = await import("@/lib/wiring");
  const deps = await getDeps();
  const sim = getSimulator()!;
  const base = "http://studio.test";
  const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
  const jsonInit = (method: string, body: unknown): RequestInit => ({
    method,
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

  return {
    dataDir,
    deps,
    sim,
    create: (body: unknown, headers: Record<string, string> = {}) =>
      generations.POST(new Request(`${base}/api/generations`, { ...jsonInit("POST", body), headers: { "content-type": "application/json", ...headers } }), undefined),
    list: (query = "") => generations.GET(new Request(`${base}/api/generations${query}`), undefined),
    get: (id: string) => generation.GET(new Request(`${base}/api/generations/${id}`), ctx(id)),
    patch: (id: string, body: unknown) => generation.PATCH(new Request(`${base}/api/generations/${id}`, jsonInit("PATCH", body)), ctx(id)),
    remove: (id: string) => generation.DELETE(new Request(`${base}/api/generations/${id}`, { method: "DELETE" }), ctx(id)),
    retry: (id: string, body?: unknown) =>
      retry.POST(new Request(`${base}/api/generations/${id}/retry`, body === undefined ? { method: "POST" } : jsonInit("POST", body)), ctx(id)),
    cancel: (id: string) => cancel.POST(new Request(`${base}/api/generations/${id}/cancel`, { method: "POST" }), ctx(id)),
    // Read at once (readNow): a test that looks at the status only must not leave the file open.
    image: async (id: string, query = "", headers: Record<string, string> = {}) =>
      readNow(await images.GET(new Request(`${base}/api/images/${id}${query}`, { headers }), ctx(id))),
    reference: async (id: string) => readNow(await references.GET(new Request(`${base}/api/references/${id}`), ctx(id))),
    /** POST /api/references: `bytes` as the multipart field `file`. */
    uploadReference: (bytes: Uint8Array, file: { name?: string; type?: string } = {}) => {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(bytes)], { type: file.type ?? "image/png" }), file.name ?? "reference.png");
      return referenceUploads.POST(new Request(`${base}/api/references`, { method: "POST", body: form }), undefined);
    },
    health: () => health.GET(new Request(`${base}/api/health`), undefined),
    /** Every file under the data dir except SQLite's own, for "nothing was written" checks. */
    files(): string[] {
      return (fs.readdirSync(dataDir, { recursive: true }) as string[])
        .filter((f) => fs.statSync(path.join(dataDir, f)).isFile() && !/studio\.db/.test(f))
        .sort();
    },
    cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

export type Studio = Awaited<ReturnType<typeof bootStudio>>;

export async function until<T>(fn: () => Promise<T | undefined>, timeoutMs = 15_000, stepMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
