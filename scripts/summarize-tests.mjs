// Where the test line's time went, then the closing line CI reads: each
// step's time (test-results/steps.tsv, written by scripts/test-all.sh), the
// slowest Vitest files (test-results/vitest-files.json, from
// lib/testing/file-timings-reporter.ts, else Vitest's JSON report) and
// Playwright specs (test-results/e2e.json), and "N passed, N failed" from
// the runners' JSON reports.
//   node scripts/summarize-tests.mjs [--all]   # --all: every file, not the slowest 25
import fs from "node:fs";

const read = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined);
const all = process.argv.includes("--all");
const LIMIT = 25;
const seconds = (ms) => (ms / 1000).toFixed(1).padStart(7);

function table(title, rows, note = "") {
  rows.sort((a, b) => b.ms - a.ms);
  const total = rows.reduce((sum, r) => sum + r.ms, 0);
  console.log(`\n${title}: ${rows.length} files, ${(total / 1000).toFixed(0)} s together${note}`);
  console.log(`${"seconds".padStart(7)} ${"tests".padStart(5)}  file`);
  const shown = all ? rows : rows.slice(0, LIMIT);
  for (const r of shown) console.log(`${seconds(r.ms)} ${String(r.tests).padStart(5)}  ${r.file}${r.extra ? `  ${r.extra}` : ""}`);
  const rest = rows.slice(shown.length);
  if (rest.length) console.log(`${seconds(rest.reduce((s, r) => s + r.ms, 0))} ${String(rest.reduce((s, r) => s + r.tests, 0)).padStart(5)}  (${rest.length} more files)`);
}

// Steps: name, start and end (epoch ms), exit code.
if (fs.existsSync("test-results/steps.tsv")) {
  const steps = fs
    .readFileSync("test-results/steps.tsv", "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [name, start, end, code, cpu] = line.split("\t");
      return { name, start: Number(start), end: Number(end), code, cpu: Number(cpu) };
    });
  if (steps.length) {
    const t0 = Math.min(...steps.map((s) => s.start));
    const t1 = Math.max(...steps.map((s) => s.end));
    const load = fs.existsSync("/proc/loadavg") ? fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ") : "?";
    console.log(`\nSteps (seconds from the first step's start; overlapping steps share the CPU; load average now ${load}):`);
    console.log(`${"from".padStart(7)} ${"to".padStart(7)} ${"took".padStart(7)} ${"CPU s".padStart(7)}  step`);
    for (const s of steps.sort((a, b) => a.start - b.start)) {
      console.log(`${seconds(s.start - t0)} ${seconds(s.end - t0)} ${seconds(s.end - s.start)} ${(Number.isFinite(s.cpu) ? s.cpu.toFixed(1) : "?").padStart(7)}  ${s.name}${s.code === "0" ? "" : `  (exit ${s.code})`}`);
    }
    const cpu = steps.reduce((sum, s) => sum + (Number.isFinite(s.cpu) ? s.cpu : 0), 0);
    console.log(`${seconds(0)} ${seconds(t1 - t0)} ${seconds(t1 - t0)} ${cpu.toFixed(1).padStart(7)}  all steps`);
  }
}

// The line runs Vitest twice (its "unit" and "timing" projects): both reports count.
const vitestReports = ["test-results/vitest.json", "test-results/vitest-timing.json"].map(read);
const vitest = vitestReports[0];
const vitestFiles = read("test-results/vitest-files.json");
if (vitestFiles) {
  table(
    "Vitest files, slowest first (set-up, import, tests and hooks)",
    vitestFiles.map((f) => ({ file: f.file, tests: f.tests, ms: f.ms, extra: f.failed ? `${f.failed} failed` : "" })),
    vitest ? `, ${((Math.max(...vitest.testResults.map((f) => f.endTime)) - vitest.startTime) / 1000).toFixed(0)} s from Vitest's start to its last test's end` : "",
  );
} else if (vitest) {
  const cwd = `${process.cwd()}/`;
  table(
    "Vitest files, slowest first (first test's start to last test's end)",
    vitest.testResults.map((f) => ({ file: f.name.replace(cwd, ""), tests: f.assertionResults.length, ms: f.endTime - f.startTime })),
  );
}

// Playwright runs twice too: everything but @timing, then @timing alone.
const e2eReports = ["test-results/e2e.json", "test-results/e2e-timing.json"].map(read);
const e2e = e2eReports[0];
if (e2e) {
  const byFile = new Map();
  const walk = (suite, file) => {
    const here = suite.file ?? file;
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        for (const r of t.results) {
          const row = byFile.get(here) ?? { file: `e2e/${here}`, tests: 0, ms: 0, first: Infinity, last: 0, workers: new Set() };
          row.tests += 1;
          byFile.set(here, row);
          // A test that never ran (skipped after a failure in a serial file) has no worker.
          if (r.parallelIndex < 0) continue;
          row.ms += r.duration;
          const start = Date.parse(r.startTime);
          row.first = Math.min(row.first, start);
          row.last = Math.max(row.last, start + r.duration);
          row.workers.add(r.parallelIndex);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of e2e.suites) walk(suite);
  // A file's time on its worker: from the end of the file before it there
  // (or the run's start) to its last test's end, so that its beforeAll
  // set-up (a server of its own), which no test's time includes, counts too.
  const runStart = Date.parse(e2e.stats.startTime);
  const rows = [...byFile.values()].filter((row) => row.workers.size > 0).sort((a, b) => a.first - b.first);
  const workerFree = new Map();
  for (const row of rows) {
    const worker = [...row.workers].join(",");
    const from = Math.max(...[...row.workers].map((w) => workerFree.get(w) ?? runStart));
    for (const w of row.workers) workerFree.set(w, row.last);
    row.testsMs = row.ms;
    row.ms = row.last - from;
    row.extra = `(tests ${(row.testsMs / 1000).toFixed(1)} s; worker ${worker}, from +${((from - runStart) / 1000).toFixed(0)} s)`;
  }
  table(
    "Playwright specs, slowest first (on their worker from the previous file's end: set-up and tests)",
    rows,
    `, ${(e2e.stats.duration / 1000).toFixed(0)} s wall on ${e2e.config?.metadata?.actualWorkers ?? "?"} workers`,
  );
}

let passed = 0;
let failed = 0;
let skipped = 0;

for (const report of vitestReports) {
  if (report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numRuntimeErrors ?? 0);
    skipped += report.numPendingTests + report.numTodoTests;
  } else failed += 1;
}

for (const report of e2eReports) {
  if (report) {
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
  } else failed += 1;
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
