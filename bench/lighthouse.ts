import fs from "node:fs";
import path from "node:path";
import type { Result as LighthouseResult } from "lighthouse";
import type { Figure, Measurement } from "./support/figures";
import { ACCOUNTS_ENV, seedTeam, signIn, teamPages, type AuditPage } from "./support/lighthouse-pages";
import { withServer } from "./support/server";

// 9. Lighthouse on every page a person opens, of the built app under
// `next start` on STUDIO_AUTH=accounts (the admin's session cookie sent with
// every request), in Debian's Chromium, against two phones named by Chrome
// DevTools' CPU calibration, not against this host: the mobile preset's
// network with the CPU slowed to a mid-tier phone (benchmark score ≈ 1,000:
// cpuSlowdownMultiplier = this host's benchmarkIndex / 1,000, at least 1) and
// to a low-tier one (≈ 264: index / 264). The index is read by a probe run
// just before each device's pages (the host's speed drifts on a shared
// machine) and printed with every row. Then the desktop preset, so no page
// regresses there. The floor is a shared picture's page (/s/<token>): the
// same Next.js and React runtime with none of the studio's code; on the
// low-tier phone every page's TBT is held to the floor's + 150 ms of the same
// run. Printed beside the last run's values from bench/results.json; nothing
// is asserted.

const PORTS = { empty: 3460, full: 3461 } as const;
const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Chrome DevTools' CPU calibration: the benchmark score of its mid-tier and low-tier phones. */
const PHONES = { mid: 1_000, low: 264 } as const;
type Device = keyof typeof PHONES | "desktop";
const DEVICE_NAME: Record<Device, string> = { mid: "mid-tier phone", low: "low-tier phone", desktop: "desktop preset" };
/** How much more TBT than the floor's a page may have on the low-tier phone. */
const LOW_TBT_OVER_FLOOR_MS = 150;

// Performance audits whose elements are worth naming when they miss (what shifted, what painted last, which script ran long).
const WITH_ITEMS = new Set(["largest-contentful-paint-element", "layout-shifts", "bootup-time", "bf-cache"]);
type Row = {
  device: Device;
  page: string;
  label: string;
  /** The CPU slowdown the row ran with, and the probe's benchmarkIndex it came from (null: the desktop preset's own). */
  multiplier: number | null;
  probeIndex: number | null;
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
  seo: number | null;
  lcpMs: number | null;
  tbtMs: number | null;
  cls: number | null;
  fcpMs: number | null;
  transferKiB: number | null;
  /** JavaScript loaded and not run, and polyfills for browsers Next.js 16 no longer supports (Lighthouse's estimates). */
  unusedJsKiB: number | null;
  legacyJsKiB: number | null;
  /** Whether Back and Forward would restore the page from the back/forward cache (1), and why not. */
  bfCache: number | null;
  /** Lighthouse's own CPU benchmark of this machine during the row's median run. */
  benchmarkIndex: number | null;
  /** How many runs the row is the median of, and the lowest and highest performance score and TBT among them. */
  runs: number;
  performanceSpan: [number, number] | null;
  tbtSpanMs: [number, number] | null;
  /** The largest layout shift of any run: a shift that happens now and then must not hide behind the median. */
  clsWorst: number | null;
  /** Audits that did not score 1 in the three non-performance categories, and the performance ones below 0.9. */
  misses: string[];
};

// One run swings by a tenth of the score on a shared machine (its CPU speed,
// the benchmarkIndex, moves by half between runs): each row is the median of
// RUNS runs, chosen as Lighthouse's own computeMedianRun does (by FCP and TTI).
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
/** LIGHTHOUSE_PAGES=admin,usage: only these pages (their keys), for checking one change; the floor is audited whatever it says. */
const ONLY = process.env.LIGHTHOUSE_PAGES ? new Set(process.env.LIGHTHOUSE_PAGES.split(",").map((key) => key.trim())) : null;
const wanted = (page: AuditPage) => !ONLY || ONLY.has(page.key) || page.floor === true;
/** LIGHTHOUSE_DEVICES=low: only those devices (mid, low, desktop), for a quicker look at one. */
const DEVICES = (process.env.LIGHTHOUSE_DEVICES?.split(",").map((d) => d.trim()) ?? ["mid", "low", "desktop"]) as Device[];
/** LIGHTHOUSE_SAVE=dir: each row's median report as JSON (`<device>-<page>.json`), to read where the time goes (bootup-time, long tasks, unused bytes per script). */
const SAVE_DIR = process.env.LIGHTHOUSE_SAVE;

async function runOnce(page: AuditPage, device: Device, multiplier: number | null): Promise<LighthouseResult> {
  const { default: lighthouse } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  const { throttling } = await import("lighthouse/core/config/constants.js");
  const config =
    device === "desktop"
      ? (await import("lighthouse/core/config/desktop-config.js")).default
      : { extends: "lighthouse:default", settings: { throttling: { ...throttling.mobileSlow4G, cpuSlowdownMultiplier: multiplier ?? 1 } } };
  const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", chromeFlags: CHROME_FLAGS });
  try {
    const flags = { port: chrome.port, output: "json" as const, logLevel: "error" as const, ...(page.cookie ? { extraHeaders: { Cookie: page.cookie } } : {}) };
    const result = await lighthouse(page.url, flags, config as never);
    if (!result) throw new Error("lighthouse returned nothing");
    return result.lhr;
  } finally {
    chrome.kill();
  }
}

/** This host's benchmarkIndex now: one performance-only run of the floor page. */
async function probeIndex(floor: AuditPage): Promise<number> {
  const lhr = await runOnce(floor, "mid", 1);
  const index = lhr.environment?.benchmarkIndex;
  if (typeof index !== "number") throw new Error("Lighthouse reported no benchmarkIndex");
  return index;
}

const savingsKiB = (lhr: LighthouseResult, id: string) => {
  const details = lhr.audits[id]?.details as { overallSavingsBytes?: number } | undefined;
  return typeof details?.overallSavingsBytes === "number" ? details.overallSavingsBytes / 1024 : lhr.audits[id] ? 0 : null;
};

async function audit(page: AuditPage, device: Device, calibration: { multiplier: number | null; probeIndex: number | null }): Promise<Row> {
  const { computeMedianRun } = await import("lighthouse/core/lib/median-run.js");
  const runs: LighthouseResult[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await runOnce(page, device, calibration.multiplier));
  // Its types name the result by another path than the package's export: the same object.
  const lhr = computeMedianRun(runs as never) as LighthouseResult;
  if (SAVE_DIR) {
    fs.mkdirSync(SAVE_DIR, { recursive: true });
    fs.writeFileSync(path.join(SAVE_DIR, `${device}-${page.key}.json`), JSON.stringify(lhr));
  }
  const span = (pick: (r: LighthouseResult) => number | null | undefined) => {
    const values = runs.map(pick).filter((v): v is number => typeof v === "number");
    return values.length ? ([Math.min(...values), Math.max(...values)] as [number, number]) : null;
  };
  const score = (id: string) => lhr.categories[id]?.score ?? null;
  const num = (id: string) => (typeof lhr.audits[id]?.numericValue === "number" ? lhr.audits[id].numericValue! : null);
  const misses: string[] = [];
  for (const [id, category] of Object.entries(lhr.categories)) {
    for (const ref of category.auditRefs) {
      const a = lhr.audits[ref.id];
      if (!a || a.score === null || a.scoreDisplayMode === "notApplicable" || a.scoreDisplayMode === "informative" || a.scoreDisplayMode === "manual") continue;
      const limit = id === "performance" ? 0.9 : 1;
      if (a.score >= limit) continue;
      // Outside performance, which elements (the first three), so a miss can be found in the page.
      const items = id === "performance" && !WITH_ITEMS.has(ref.id) ? [] : ((a.details as { items?: { node?: { selector?: string; snippet?: string } }[] } | undefined)?.items ?? []);
      const where = items.slice(0, 3).map((item) => (item.node ? (item.node.selector ?? item.node.snippet ?? "") : JSON.stringify(item).slice(0, 300)));
      misses.push(`${id}/${ref.id} ${a.score}${a.displayValue ? ` (${a.displayValue})` : ""}${where.length ? `: ${where.join(" ; ")}` : ""}`);
    }
  }
  const transfer = num("total-byte-weight");
  return {
    device,
    page: page.key,
    label: page.label,
    ...calibration,
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    seo: score("seo"),
    lcpMs: num("largest-contentful-paint"),
    tbtMs: num("total-blocking-time"),
    cls: num("cumulative-layout-shift"),
    fcpMs: num("first-contentful-paint"),
    transferKiB: transfer === null ? null : transfer / 1024,
    unusedJsKiB: savingsKiB(lhr, "unused-javascript"),
    legacyJsKiB: savingsKiB(lhr, "legacy-javascript"),
    bfCache: lhr.audits["bf-cache"]?.score ?? null,
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
    runs: runs.length,
    performanceSpan: span((r) => r.categories.performance?.score),
    tbtSpanMs: span((r) => r.audits["total-blocking-time"]?.numericValue),
    clsWorst: span((r) => r.audits["cumulative-layout-shift"]?.numericValue)?.[1] ?? null,
    misses: [...new Set(misses)],
  };
}

function lastRun(): Map<string, number | null> {
  try {
    const last = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "results.json"), "utf8")) as { figures?: Figure[] };
    return new Map((last.figures ?? []).map((f) => [f.id, f.value]));
  } catch {
    return new Map();
  }
}

type Metric = { key: keyof Row; label: string; unit: string; target?: (row: Row, floor: Row | undefined) => string | undefined; meets?: (v: number, row: Row, floor: Row | undefined) => boolean };
const METRICS: Metric[] = [
  { key: "performance", label: "performance", unit: "", target: (r) => (r.device === "mid" ? "≥ 0.95" : undefined), meets: (v) => v >= 0.95 },
  { key: "accessibility", label: "accessibility", unit: "", target: (r) => (r.device === "mid" ? "1" : undefined), meets: (v) => v >= 1 },
  { key: "bestPractices", label: "best practices", unit: "", target: (r) => (r.device === "mid" ? "1" : undefined), meets: (v) => v >= 1 },
  // Only a page meant to be found: the studio's own are for its team, and a share link asks not to be indexed.
  { key: "seo", label: "SEO", unit: "", target: (r) => (r.device === "mid" && PAGES_FOUND.has(r.page) ? "1" : undefined), meets: (v) => v >= 1 },
  { key: "lcpMs", label: "LCP", unit: "ms" },
  {
    key: "tbtMs",
    label: "TBT",
    unit: "ms",
    target: (r, floor) => (r.device === "low" && floor ? `≤ ${Math.round(floor.tbtMs ?? 0) + LOW_TBT_OVER_FLOOR_MS} ms (the floor's + ${LOW_TBT_OVER_FLOOR_MS})` : undefined),
    meets: (v, _r, floor) => v <= (floor?.tbtMs ?? 0) + LOW_TBT_OVER_FLOOR_MS,
  },
  { key: "cls", label: "CLS", unit: "", target: (r) => (r.device === "mid" ? "≤ 0.02" : undefined), meets: (v) => v <= 0.02 },
  { key: "clsWorst", label: "CLS, worst run", unit: "" },
  { key: "fcpMs", label: "FCP", unit: "ms" },
  { key: "transferKiB", label: "transfer size", unit: "KB" },
  { key: "unusedJsKiB", label: "unused JavaScript", unit: "KB" },
  { key: "legacyJsKiB", label: "legacy JavaScript", unit: "KB" },
  { key: "bfCache", label: "back/forward cache", unit: "", target: (r) => (r.device === "mid" && (r.page === "full" || r.page === "board") ? "1" : undefined), meets: (v) => v >= 1 },
];
const PAGES_FOUND = new Set(["signin"]);

function logRow(row: Row) {
  const calibration = row.multiplier === null ? "desktop preset" : `CPU ×${row.multiplier.toFixed(2)} from benchmarkIndex ${row.probeIndex?.toFixed(0)}`;
  console.log(
    `[lighthouse] ${DEVICE_NAME[row.device]}, ${row.label}: perf ${row.performance} a11y ${row.accessibility} bp ${row.bestPractices} seo ${row.seo} ` +
      `LCP ${row.lcpMs?.toFixed(0)} ms TBT ${row.tbtMs?.toFixed(0)} ms CLS ${row.cls?.toFixed(3)} FCP ${row.fcpMs?.toFixed(0)} ms ${row.transferKiB?.toFixed(0)} KB ` +
      `unused JS ${row.unusedJsKiB?.toFixed(0)} KB legacy JS ${row.legacyJsKiB?.toFixed(0)} KB bf-cache ${row.bfCache} ` +
      `(${calibration}; benchmarkIndex of the median run ${row.benchmarkIndex?.toFixed(0)}; median of ${row.runs}, perf ${row.performanceSpan?.join("–")}, TBT ${row.tbtSpanMs?.map((v) => v.toFixed(0)).join("–")} ms, worst CLS ${row.clsWorst?.toFixed(3)})`,
  );
  for (const miss of row.misses) console.log(`[lighthouse]   below target: ${miss}`);
}

/** Each device's pages, the phones with the CPU calibrated by a probe of this host just before. */
async function auditAll(pages: AuditPage[], floor: AuditPage, rows: Row[]) {
  for (const device of DEVICES) {
    let calibration = { multiplier: null as number | null, probeIndex: null as number | null };
    if (device !== "desktop") {
      const index = await probeIndex(floor);
      const multiplier = Math.max(1, index / PHONES[device]);
      calibration = { multiplier, probeIndex: index };
      console.log(`[lighthouse] ${DEVICE_NAME[device]}: benchmarkIndex ${index.toFixed(0)} → cpuSlowdownMultiplier ${multiplier.toFixed(2)}`);
    }
    for (const page of pages.filter(wanted)) {
      const row = await audit(page, device, calibration);
      rows.push(row);
      logRow(row);
    }
  }
}

export async function measure(): Promise<Measurement> {
  const rows: Row[] = [];
  // The empty studio first (its first screen), then the team's, each a fresh server on a fresh data dir.
  let emptyPage: AuditPage | undefined;
  if (!ONLY || ONLY.has("empty")) await withServer({ port: PORTS.empty, label: "lighthouse-empty", env: ACCOUNTS_ENV }, async (server) => {
    emptyPage = { key: "empty", label: "/ empty", url: `${server.url}/`, cookie: await signIn(server.url) };
    await fetch(emptyPage.url, { headers: { cookie: emptyPage.cookie! } }).then((r) => r.text());
    // Its floor for the probe: the team server's share page is not up yet, so the empty page calibrates its own rows.
    await auditAll([emptyPage], emptyPage, rows);
  });
  await withServer({ port: PORTS.full, label: "lighthouse-full", env: ACCOUNTS_ENV, seed: seedTeam }, async (server) => {
    const pages = await teamPages(server.url);
    // One plain request per page first, so the server's own first-request work is not Lighthouse's.
    for (const page of pages) await fetch(page.url, { headers: page.cookie ? { cookie: page.cookie } : {} }).then((r) => r.text());
    await auditAll(pages, pages.find((p) => p.floor)!, rows);
  });

  const last = lastRun();
  const figures: Figure[] = [];
  for (const row of rows) {
    const floor = rows.find((r) => r.device === row.device && r.page === "share");
    const calibration = row.multiplier === null ? "" : ` (CPU ×${row.multiplier.toFixed(2)}, benchmarkIndex ${row.probeIndex?.toFixed(0)})`;
    for (const m of METRICS) {
      const value = row[m.key] as number | null;
      const id = `lighthouse.${row.device}.${row.page}.${m.key}`;
      const before = last.get(id);
      const target = m.target?.(row, floor);
      figures.push({
        id,
        name: `9 Lighthouse ${DEVICE_NAME[row.device]}, ${row.label}: ${m.label}`,
        value,
        unit: m.unit,
        baseline: typeof before === "number" ? { value: before, label: "last run" } : null,
        ratio: null,
        target,
        meets: target && m.meets ? (value === null ? null : m.meets(value, row, floor)) : undefined,
        note: m.key === "performance" ? `median of ${row.runs}${calibration}` : undefined,
      });
    }
  }
  return { figures, details: { rows } };
}
