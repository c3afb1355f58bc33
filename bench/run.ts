import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runMeasurement } from "./support/child";
import { notMeasured, type Figure, type Measurement } from "./support/figures";
import { ensureBuild } from "./support/server";
import { renderTable } from "./support/table";

// `npm run bench`: the seven first measurements and the usage query of
// Lighthouse on /, board listing and ZIP downloads, each in its own process, then one table and bench/results.json. Figures are printed, never asserted:
// a speed is shown as a ratio to a baseline measured in the same run.
// `npm run bench -- paging memory` runs only those.

const MEASUREMENTS: { name: string; title: string; timeoutMs: number; needsBuild: boolean }[] = [
  { name: "amplification", title: "1 upstream amplification", timeoutMs: 180_000, needsBuild: false },
  { name: "status-endpoint", title: "2 status endpoint", timeoutMs: 180_000, needsBuild: true },
  { name: "paging", title: "3 gallery paging", timeoutMs: 180_000, needsBuild: false },
  { name: "pictures", title: "4 pictures", timeoutMs: 240_000, needsBuild: false },
  { name: "completion", title: "5 completion to visible", timeoutMs: 180_000, needsBuild: false },
  { name: "browser", title: "6 the browser", timeoutMs: 180_000, needsBuild: true },
  { name: "memory", title: "7 memory", timeoutMs: 600_000, needsBuild: true },
  { name: "usage", title: "8 usage query", timeoutMs: 180_000, needsBuild: false },
  { name: "lighthouse", title: "9 Lighthouse", timeoutMs: 1_500_000, needsBuild: true },
  { name: "boards", title: "10 board listing", timeoutMs: 240_000, needsBuild: false },
  { name: "zip", title: "11 ZIP download", timeoutMs: 600_000, needsBuild: false },
  { name: "openai-edits", title: "12 /v1/images/edits memory", timeoutMs: 300_000, needsBuild: false },
  { name: "search", title: "13 prompt search", timeoutMs: 600_000, needsBuild: false },
  { name: "versions", title: "14 viewer of a 1,000-version tree", timeoutMs: 300_000, needsBuild: false },
  { name: "idle-tabs", title: "15 idle galleries", timeoutMs: 300_000, needsBuild: false },
  { name: "runs", title: "16 a run from a 100-row table", timeoutMs: 300_000, needsBuild: false },
  { name: "js-profile", title: "17 a low-tier phone's main thread, by source", timeoutMs: 900_000, needsBuild: false },
];

const log = (line: string) => console.log(`[bench] ${line}`);
const started = Date.now();
const startedAt = new Date().toISOString();
const loadBefore = os.loadavg();

const only = process.argv.slice(2);
const chosen = only.length ? MEASUREMENTS.filter((m) => only.includes(m.name)) : MEASUREMENTS;
if (chosen.length === 0) {
  console.error(`unknown measurement; pick from: ${MEASUREMENTS.map((m) => m.name).join(" ")}`);
  process.exit(2);
}

let buildSeconds = 0;
let buildError: string | undefined;
if (chosen.some((m) => m.needsBuild)) {
  try {
    buildSeconds = ensureBuild(log);
    log(buildSeconds ? `built in ${buildSeconds.toFixed(0)} s` : "the build is up to date");
  } catch (error) {
    buildError = (error as Error).message;
    log(`build failed: ${buildError}`);
  }
}

const figures: Figure[] = [];
const details: Record<string, unknown> = {};
const seconds: Record<string, number> = {};
for (const m of chosen) {
  const t = Date.now();
  log(`${m.title}…`);
  let result: Measurement;
  try {
    if (m.needsBuild && buildError) throw new Error(`no build (${buildError})`);
    result = await runMeasurement(m.name, m.timeoutMs);
  } catch (error) {
    const reason = (error as Error).message;
    log(`${m.title} failed: ${reason}`);
    result = { figures: [notMeasured(`${m.name}.error`, m.title, reason)] };
  }
  seconds[m.name] = (Date.now() - t) / 1000;
  log(`${m.title}: ${seconds[m.name].toFixed(0)} s`);
  figures.push(...result.figures);
  if (result.details) details[m.name] = result.details;
}

const cpus = os.cpus();
const machine = {
  cpu: cpus[0]?.model.trim() ?? "unknown",
  cores: cpus.length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  date: startedAt,
  loadAverage: { before: loadBefore, after: os.loadavg() },
};
const durationSeconds = (Date.now() - started) / 1000;
const out = path.join(import.meta.dirname, "results.json");
fs.writeFileSync(out, `${JSON.stringify({ machine, durationSeconds, buildSeconds, seconds, figures, details }, null, 2)}\n`);

console.log();
console.log(renderTable(figures));
console.log();
console.log(
  `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; ${durationSeconds.toFixed(0)} s` +
    `${buildSeconds ? ` (${buildSeconds.toFixed(0)} s of it building)` : ""}; load average ${loadBefore[0].toFixed(1)} before, ${machine.loadAverage.after[0].toFixed(1)} after.`,
);
console.log(`Written: ${path.relative(process.cwd(), out)}`);
