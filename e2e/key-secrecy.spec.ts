import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { expect, test } from "./support/demo";
import { freePort, startStudio, type StudioProcess } from "./support/server";

// The gateway key must appear in no response, header or client file. The
// test line builds the app with a sentinel key in its environment
// (KEY_SENTINEL, see scripts/test-all.sh); here a studio runs against a fake
// gateway that accepts only that key, and everything it sends is scanned.

const SENTINEL = process.env.KEY_SENTINEL ?? "";

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());
}
const filesContaining = (files: string[], needle: string) => files.filter((f) => fs.readFileSync(f).includes(needle));

test("the gateway key never reaches a browser", async ({ page }) => {
  test.setTimeout(90_000);
  expect(SENTINEL, "run through `npm test`, which builds with a sentinel key").toMatch(/^sk-sentinel-/);

  // The scanner itself finds a planted sentinel (so a clean result means something).
  const planted = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "scan-")), "planted.js");
  fs.writeFileSync(planted, `const k = "${SENTINEL}";`);
  expect(filesContaining([planted], SENTINEL)).toHaveLength(1);

  // 1. Nothing the build wrote for browsers (or pre-rendered) holds the key.
  const clientFiles = [...filesUnder(".next/static"), ...filesUnder(".next/server/app").filter((f) => /\.(html|rsc|body|meta)$/.test(f))];
  expect(clientFiles.length).toBeGreaterThan(10);
  expect(filesContaining(clientFiles, SENTINEL)).toEqual([]);

  // 2. A fake gateway that knows the key, and echoes it in one error to tempt a leak.
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#0af" } }).png().toBuffer();
  let tasks = 0;
  const gateway = http.createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${SENTINEL}`) {
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "无效的令牌" } }));
      return;
    }
    let body = "";
    req.on("data", (c) => (body += c)).on("end", () => {
      if (req.method === "POST" && body.includes("leak")) {
        res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: `bad request for key ${SENTINEL}` } }));
      } else if (req.method === "POST") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `task_${++tasks}`, status: "queued", progress: 0 }));
      } else {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: req.url!.split("/").pop(), status: "completed", url: `data:image/png;base64,${png.toString("base64")}` }));
      }
    });
  });
  await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", r));
  const gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-key-"));
  let studio: StudioProcess | undefined;
  try {
    const running = await startStudio({
      port: await freePort(),
      dataDir,
      env: { NANO_API_KEY: SENTINEL, NANO_API_BASE_URL: gatewayUrl, STUDIO_POLL_INTERVAL_MS: "300", LOG_LEVEL: "info" },
    });
    studio = running;
    const seen: { url: string; text: string }[] = [];
    page.on("response", async (r) => {
      const headers = JSON.stringify(await r.allHeaders());
      const text = await r.text().catch(() => "");
      seen.push({ url: r.url(), text: headers + text });
    });

    await page.goto(`${running.url}/`);
    await expect(page.getByRole("status").filter({ hasText: "Gateway" })).toBeVisible();
    const api = page.request;
    const bodies: string[] = [];
    const keep = async (res: Awaited<ReturnType<typeof api.get>>) => {
      bodies.push(JSON.stringify(res.headers()) + (await res.text()));
      return res;
    };
    const created = await keep(await api.post(`${running.url}/api/generations`, { data: { model: "nano_banana_2", prompt: "secret-free" }, headers: { origin: running.url } }));
    expect(created.status()).toBe(201);
    const id = ((await created.json()) as { generations: { id: string }[] }).generations[0].id;
    await expect
      .poll(async () => ((await (await keep(await api.get(`${running.url}/api/generations/${id}`))).json()) as { status: string }).status)
      .toBe("completed");
    await keep(await api.get(`${running.url}/api/images/${id}`));
    await keep(await api.get(`${running.url}/api/images/${id}?variant=thumb`));
    await keep(await api.get(`${running.url}/api/generations`));
    await keep(await api.get(`${running.url}/api/health`));
    await keep(await api.get(`${running.url}/api/session`));
    const leak = await keep(await api.post(`${running.url}/api/generations`, { data: { model: "nano_banana_2", prompt: "please leak" }, headers: { origin: running.url } }));
    expect(leak.status()).toBe(400);
    expect(await leak.text()).toContain("[key]");
    await page.reload();
    await expect(page.getByRole("img", { name: "secret-free" }).first()).toBeVisible();

    for (const text of [...bodies, ...seen.map((s) => s.text)]) expect(text.includes(SENTINEL)).toBe(false);
    // 3. Nor the server's own logs, which do record every request and task.
    expect(running.output()).toContain('"msg":"request"');
    expect(running.output()).toContain('"msg":"task submitted"');
    expect(running.output().includes(SENTINEL)).toBe(false);
    expect(bodies.length + seen.length).toBeGreaterThan(10);
  } finally {
    await studio?.kill();
    gateway.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
