import { chromium, type BrowserContext } from "@playwright/test";
import { SourceMapConsumer, type RawSourceMap } from "source-map-js";
import type { Figure, Measurement } from "./support/figures";
import { ACCOUNTS_ENV, seedTeam, teamPages, type AuditPage } from "./support/lighthouse-pages";
import { ensureBuild, withServer } from "./support/server";

// 17. Where a low-tier phone's main thread goes while each page loads, by
// source file: the answer Lighthouse's bootup-time cannot give (it names a
// chunk, and React's chunk runs the studio's components). A build with
// source maps (STUDIO_BROWSER_SOURCE_MAPS=1, into .next-profile, beside the
// everyday .next), the team's data of bench 9, and in Debian's Chromium for
// each page: the CPU slowed to the low-tier phone of Chrome DevTools'
// calibration (this host's benchmarkIndex, computed in the page as
// Lighthouse does, / 264), a sampling CPU profile of the load until the
// network is quiet and 2 s more, every sample mapped through the chunk's
// source map to its package (node_modules/<name>) or the studio's folder
// (components/gallery, lib/client…), and the page's blocking time (each
// long task's time past 50 ms, as TBT counts it, from the load on).
// Nothing is asserted; the table is the profile.

const PORT = 3462;
const LOW_TIER_INDEX = 264;
const DIST_DIR = ".next-profile";
const CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** The groups printed per page; the rest are in results.json. */
const TOP = 8;
/** LIGHTHOUSE_PAGES=full,usage: only those pages (bench 9's keys). */
const ONLY = process.env.LIGHTHOUSE_PAGES ? new Set(process.env.LIGHTHOUSE_PAGES.split(",").map((key) => key.trim())) : null;

type CallFrame = { url: string; lineNumber: number; columnNumber: number; functionName: string };
type Profile = { nodes: { id: number; callFrame: CallFrame }[]; samples: number[]; timeDeltas: number[] };
type PageProfile = { page: string; label: string; multiplier: number; blockingMs: number; scriptMs: number; groups: { group: string; ms: number }[] };

/** Lighthouse's own benchmarkIndex (lighthouse/core/lib/page-functions.js), run in the page it will slow down. */
async function benchmarkIndex(context: BrowserContext): Promise<number> {
  const { pageFunctions } = (await import("lighthouse/core/lib/page-functions.js")) as unknown as { pageFunctions: { computeBenchmarkIndex: () => number } };
  const page = await context.newPage();
  try {
    return await page.evaluate(pageFunctions.computeBenchmarkIndex);
  } finally {
    await page.close();
  }
}

/** A source file's group: its npm package (React's, which Next.js carries compiled, by name), or the studio's folder two levels down. */
function groupOf(source: string): string {
  const compiled = /node_modules\/next\/dist\/compiled\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (compiled) return `${compiled[1]} (next/dist/compiled)`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (pkg) return pkg[1];
  const project = /(?:\[project\]\/|^\/?)((?:app|components|lib)\/[^/]+)/.exec(source);
  if (project) return project[1].replace(/\.(tsx?|jsx?)$/, "");
  return source.replace(/^turbopack:\/\/\/?/, "").slice(0, 80);
}

/** Self time per group, every sample mapped through its chunk's source map. */
async function attribute(profile: Profile, base: string): Promise<Map<string, number>> {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const maps = new Map<string, Promise<SourceMapConsumer | null>>();
  const mapOf = (url: string) => {
    if (!maps.has(url))
      maps.set(
        url,
        // Turbopack names a chunk's map apart from the chunk: the chunk's last line says where it is.
        fetch(url)
          .then((r) => r.text())
          .then((js) => /\/\/# sourceMappingURL=(\S+)\s*$/.exec(js)?.[1])
          .then((name) => (name ? fetch(new URL(name, url)) : null))
          .then((r) => (r?.ok ? r.json() : null))
          .then((raw) => (raw ? new SourceMapConsumer(raw as RawSourceMap) : null))
          .catch(() => null),
      );
    return maps.get(url)!;
  };
  const groups = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const frame = frames.get(profile.samples[i])!;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    let group: string;
    if (frame.url === "") group = frame.functionName === "(idle)" ? "" : frame.functionName || "(anonymous native)";
    else if (frame.url.includes("/_next/static/chunks/")) {
      const map = await mapOf(frame.url);
      const source = map?.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber }).source;
      group = source ? groupOf(source) : "(chunk without a source map)";
    } else group = frame.url.startsWith(base) ? "(the page's inline scripts)" : frame.url;
    if (group) groups.set(group, (groups.get(group) ?? 0) + ms);
  }
  return groups;
}

async function profilePage(page: AuditPage, base: string): Promise<PageProfile> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROME_ARGS });
  try {
    // Lighthouse's mobile screen (Moto G Power), with the admin's session where the page needs one.
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
    if (page.cookie) {
      const [name, ...rest] = page.cookie.split("=");
      await context.addCookies([{ name, value: rest.join("="), url: base }]);
    }
    const multiplier = Math.max(1, (await benchmarkIndex(context)) / LOW_TIER_INDEX);
    const tab = await context.newPage();
    await tab.addInitScript(() => {
      const w = window as unknown as { blockingMs: number };
      w.blockingMs = 0;
      new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.blockingMs += Math.max(0, e.duration - 50)))).observe({ type: "longtask", buffered: true });
    });
    const cdp = await context.newCDPSession(tab);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: multiplier });
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 250 });
    await cdp.send("Profiler.start");
    await tab.goto(page.url, { waitUntil: "networkidle", timeout: 120_000 });
    await tab.waitForTimeout(2_000);
    const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
    const blockingMs = await tab.evaluate(() => (window as unknown as { blockingMs: number }).blockingMs);
    const groups = await attribute(profile, base);
    const sorted = [...groups].map(([group, ms]) => ({ group, ms })).sort((a, b) => b.ms - a.ms);
    const scriptMs = sorted.filter((g) => !g.group.startsWith("(")).reduce((sum, g) => sum + g.ms, 0);
    return { page: page.key, label: page.label, multiplier, blockingMs, scriptMs, groups: sorted };
  } finally {
    await browser.close();
  }
}

export async function measure(): Promise<Measurement> {
  const buildSeconds = ensureBuild((line) => console.log(`[js-profile] ${line}`), { distDir: DIST_DIR, env: { STUDIO_BROWSER_SOURCE_MAPS: "1" } });
  if (buildSeconds) console.log(`[js-profile] built ${DIST_DIR} in ${buildSeconds.toFixed(0)} s`);
  const profiles: PageProfile[] = [];
  await withServer({ port: PORT, label: "js-profile", env: { ...ACCOUNTS_ENV, NEXT_DIST_DIR: DIST_DIR }, seed: seedTeam }, async (server) => {
    const pages = (await teamPages(server.url)).filter((p) => !ONLY || ONLY.has(p.key) || p.floor);
    for (const page of pages) await fetch(page.url, { headers: page.cookie ? { cookie: page.cookie } : {} }).then((r) => r.text());
    for (const page of pages) {
      const result = await profilePage(page, server.url);
      profiles.push(result);
      console.log(`[js-profile] ${result.label}: blocking ${result.blockingMs.toFixed(0)} ms, scripts ${result.scriptMs.toFixed(0)} ms (CPU ×${result.multiplier.toFixed(2)})`);
      for (const g of result.groups.slice(0, TOP)) console.log(`[js-profile]   ${g.ms.toFixed(0).padStart(6)} ms  ${g.group}`);
    }
  });
  const figures: Figure[] = [];
  for (const p of profiles) {
    const note = `CPU ×${p.multiplier.toFixed(2)} (low-tier phone)`;
    figures.push({ id: `js-profile.${p.page}.blocking`, name: `17 low-tier phone, ${p.label}: blocking time (long tasks past 50 ms)`, value: p.blockingMs, unit: "ms", note });
    figures.push({ id: `js-profile.${p.page}.script`, name: `17 low-tier phone, ${p.label}: script self time`, value: p.scriptMs, unit: "ms", note });
    for (const g of p.groups.slice(0, TOP)) figures.push({ id: `js-profile.${p.page}.${g.group}`, name: `17   ${p.label}: ${g.group}`, value: g.ms, unit: "ms" });
  }
  return { figures, details: { profiles } };
}
