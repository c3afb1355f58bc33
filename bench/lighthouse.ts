import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { Result as LighthouseResult } from "lighthouse";
import type { Figure, Measurement } from "./support/figures";
import { createSeeder } from "./support/seed";
import { withServer } from "./support/server";

// 9. Lighthouse on `/` of the built app under `next start`, in
// Debian's Chromium: the default (mobile, simulated throttling) config and the
// desktop preset, each against an empty gallery and one with 200 stored
// generations (the other benches' seeder, plus a real webp thumbnail on disk
// for every completed one, so the page loads pictures, not 404s). Each pair is
// a fresh server on a fresh data dir. Then, as the floor beside them, the
// mobile audit of a shared picture's page (/s/<token>): the same Next.js and
// React runtime with no studio code, so what the studio adds to that floor is
// its own cost. Printed beside the last run's values from bench/results.json;
// nothing is asserted.

const PORTS = { empty: 3460, full: 3461 } as const;
const PICTURES = 200;
const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

type Preset = "mobile" | "desktop";
// Performance audits whose elements are worth naming when they miss (what shifted, what painted last, which script ran long).
const WITH_ITEMS = new Set(["largest-contentful-paint-element", "layout-shifts", "bootup-time"]);
/** `share`: a shared picture's page, the framework's floor (see above). */
type Gallery = "empty" | "200" | "share";
const WHERE: Record<Gallery, string> = { empty: "empty gallery", "200": `${PICTURES} pictures`, share: "shared picture (no studio code)" };
const FIGURE_KEY: Record<Gallery, string> = { empty: "empty", "200": "full", share: "share" };
type Row = {
  preset: Preset;
  gallery: Gallery;
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
  seo: number | null;
  lcpMs: number | null;
  tbtMs: number | null;
  cls: number | null;
  fcpMs: number | null;
  transferKiB: number | null;
  /** Lighthouse's own CPU benchmark of this machine (its simulated throttling assumes a host of about 1,000+). */
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

/** Max 512 px, in the row's own proportions (as the studio's thumbnails are), so a page that sizes a picture by its row does not shift when it loads. */
async function writeThumbs(dataDir: string, rows: { id: string; imageWidth: number | null; imageHeight: number | null }[]) {
  const dir = path.join(dataDir, "files", "thumbs");
  fs.mkdirSync(dir, { recursive: true });
  const colors = ["#4a7fb5", "#d9a066", "#2f4f2f"];
  // One small webp per shape and colour, copied under every completed id's key.
  const made = new Map<string, Promise<Buffer>>();
  for (const [i, row] of rows.entries()) {
    if (!row.imageWidth || !row.imageHeight) continue;
    const scale = 512 / Math.max(row.imageWidth, row.imageHeight);
    const [width, height] = [Math.round(row.imageWidth * scale), Math.round(row.imageHeight * scale)];
    const background = colors[i % colors.length];
    const key = `${width}x${height}${background}`;
    if (!made.has(key)) made.set(key, sharp({ create: { width, height, channels: 3, background } }).webp({ quality: 70 }).toBuffer());
    fs.writeFileSync(path.join(dir, `${row.id}.webp`), await made.get(key)!);
  }
}

async function seed(dataDir: string) {
  const { openSqliteDatabase } = await import("@/lib/db");
  const db = openSqliteDatabase({ file: path.join(dataDir, "studio.db") });
  try {
    const seeder = createSeeder({ total: PICTURES });
    await seeder.add(db, PICTURES);
    await writeThumbs(dataDir, await db.getGenerations(seeder.ids()));
  } finally {
    await db.close();
  }
}

// One run swings by a tenth of the score on a shared machine (its CPU speed,
// the benchmarkIndex, moves by half between runs): each row is the median of
// RUNS runs, chosen as Lighthouse's own computeMedianRun does (by FCP and TTI).
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

async function runOnce(url: string, preset: Preset): Promise<LighthouseResult> {
  const { default: lighthouse } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  const desktop = preset === "desktop" ? (await import("lighthouse/core/config/desktop-config.js")).default : undefined;
  const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", chromeFlags: CHROME_FLAGS });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error" }, desktop);
    if (!result) throw new Error("lighthouse returned nothing");
    return result.lhr;
  } finally {
    chrome.kill();
  }
}

async function audit(url: string, preset: Preset, gallery: Gallery): Promise<Row> {
  const { computeMedianRun } = await import("lighthouse/core/lib/median-run.js");
  const runs: LighthouseResult[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await runOnce(url, preset));
  // Its types name the result by another path than the package's export: the same object.
  const lhr = computeMedianRun(runs as never) as LighthouseResult;
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
    preset,
    gallery,
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    seo: score("seo"),
    lcpMs: num("largest-contentful-paint"),
    tbtMs: num("total-blocking-time"),
    cls: num("cumulative-layout-shift"),
    fcpMs: num("first-contentful-paint"),
    transferKiB: transfer === null ? null : transfer / 1024,
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
    runs: runs.length,
    performanceSpan: span((r) => r.categories.performance?.score),
    tbtSpanMs: span((r) => r.audits["total-blocking-time"]?.numericValue),
    clsWorst: span((r) => r.audits["cumulative-layout-shift"]?.numericValue)?.[1] ?? null,
    misses: [...new Set(misses)],
  };
}

/** A share link to the newest seeded picture, made through the studio's own API (no sign-in on the embedded default). */
async function shareOne(base: string): Promise<string> {
  const list = (await (await fetch(`${base}/api/generations?status=completed&limit=1`)).json()) as { items: { id: string }[] };
  const res = await fetch(`${base}/api/shares`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ generationId: list.items[0].id }),
  });
  if (res.status !== 201) throw new Error(`POST /api/shares answered ${res.status}: ${await res.text()}`);
  const { url } = (await res.json()) as { url: string };
  return `${base}${url}`;
}

function lastRun(): Map<string, number | null> {
  try {
    const last = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "results.json"), "utf8")) as { figures?: Figure[] };
    return new Map((last.figures ?? []).map((f) => [f.id, f.value]));
  } catch {
    return new Map();
  }
}

const METRICS: { key: keyof Row; label: string; unit: string; target?: (preset: Preset) => string | undefined; meets?: (v: number, preset: Preset) => boolean }[] = [
  { key: "performance", label: "performance", unit: "", target: () => "≥ 0.95", meets: (v) => v >= 0.95 },
  { key: "accessibility", label: "accessibility", unit: "", target: () => "1", meets: (v) => v >= 1 },
  { key: "bestPractices", label: "best practices", unit: "", target: () => "1", meets: (v) => v >= 1 },
  { key: "seo", label: "SEO", unit: "", target: () => "1", meets: (v) => v >= 1 },
  { key: "lcpMs", label: "LCP", unit: "ms" },
  { key: "tbtMs", label: "TBT", unit: "ms", target: (p) => (p === "mobile" ? "≤ 150 ms" : undefined), meets: (v) => v <= 150 },
  { key: "cls", label: "CLS", unit: "", target: () => "≤ 0.02", meets: (v) => v <= 0.02 },
  { key: "clsWorst", label: "CLS, worst run", unit: "", target: () => "≤ 0.02", meets: (v) => v <= 0.02 },
  { key: "fcpMs", label: "FCP", unit: "ms" },
  { key: "transferKiB", label: "transfer size", unit: "KB" },
];

export async function measure(): Promise<Measurement> {
  const rows: Row[] = [];
  for (const gallery of ["empty", "200"] as const) {
    await withServer({ port: gallery === "empty" ? PORTS.empty : PORTS.full, label: `lighthouse-${gallery}`, seed: gallery === "200" ? seed : undefined }, async (server) => {
      // One plain request first, so the server's own first-request work is not Lighthouse's.
      await fetch(`${server.url}/`).then((r) => r.text());
      const pages: [string, Gallery, Preset[]][] = [[`${server.url}/`, gallery, ["mobile", "desktop"]]];
      if (gallery === "200") pages.push([await shareOne(server.url), "share", ["mobile"]]);
      for (const [url, page, presets] of pages) for (const preset of presets) {
        const row = await audit(url, preset, page);
        rows.push(row);
        console.log(`[lighthouse] ${preset}, ${WHERE[page]}: perf ${row.performance} a11y ${row.accessibility} bp ${row.bestPractices} seo ${row.seo} LCP ${row.lcpMs?.toFixed(0)} ms TBT ${row.tbtMs?.toFixed(0)} ms CLS ${row.cls?.toFixed(3)} FCP ${row.fcpMs?.toFixed(0)} ms ${row.transferKiB?.toFixed(0)} KB (benchmarkIndex ${row.benchmarkIndex?.toFixed(0)}; median of ${row.runs}, perf ${row.performanceSpan?.join("–")}, TBT ${row.tbtSpanMs?.map((v) => v.toFixed(0)).join("–")} ms, worst CLS ${row.clsWorst?.toFixed(3)})`);
        for (const miss of row.misses) console.log(`[lighthouse]   below target: ${miss}`);
      }
    });
  }

  const last = lastRun();
  const figures: Figure[] = [];
  for (const row of rows) {
    const where = `${row.preset}, ${WHERE[row.gallery]}`;
    for (const m of METRICS) {
      const value = row[m.key] as number | null;
      const id = `lighthouse.${row.preset}.${FIGURE_KEY[row.gallery]}.${m.key}`;
      const before = last.get(id);
      const target = m.target?.(row.preset);
      figures.push({
        id,
        name: `9 Lighthouse ${where}: ${m.label}`,
        value,
        unit: m.unit,
        baseline: typeof before === "number" ? { value: before, label: "last run" } : null,
        ratio: null,
        target,
        meets: target && m.meets ? (value === null ? null : m.meets(value, row.preset)) : undefined,
      });
    }
  }
  return { figures, details: { rows } };
}
