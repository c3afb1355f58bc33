import fs from "node:fs";
import path from "node:path";
import type { Reporter, TestModule } from "vitest/node";

/**
 * Writes each test file's time to test-results/vitest-files.json for
 * scripts/summarize-tests.mjs: the whole of it (setting up, importing, the
 * tests and their hooks), which Vitest's JSON report does not give (its
 * per-file span runs from the first test's start to the last one's end).
 */
export default class FileTimingsReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const root = process.cwd();
    const files = modules.map((module) => {
      const d = module.diagnostic();
      const tests = [...module.children.allTests()];
      return {
        file: path.relative(root, module.moduleId),
        tests: tests.length,
        failed: tests.filter((t) => t.result().state === "failed").length,
        ms: Math.round(d.environmentSetupDuration + d.prepareDuration + d.setupDuration + d.collectDuration + d.duration),
        importMs: Math.round(d.collectDuration),
        testsMs: Math.round(d.duration),
      };
    });
    // Added to what an earlier run of the line wrote (the test line runs Vitest twice: its projects apart).
    const out = path.join(root, "test-results", "vitest-files.json");
    const seen = new Set(files.map((f) => f.file));
    const earlier: typeof files = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, "utf8")) : [];
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify([...earlier.filter((f) => !seen.has(f.file)), ...files], null, 1));
  }
}
