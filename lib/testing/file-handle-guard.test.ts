import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Item 19: "Closing a FileHandle object on garbage collection is
// deprecated" was a warning in the test output that failed nothing. Now the
// test in which it happens fails, or the file when only the collection after
// its last test finds it. Checked by running the studio's own vitest setup on
// a fixture that leaks handles on purpose, in a vitest of its own.

const root = path.resolve(import.meta.dirname, "../..");

type JsonReport = {
  testResults: { status: string; message: string; assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
};

describe("a file handle closed by the garbage collector", () => {
  it("fails the test that left it open, or its file; a test that closes its handle passes", () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "leak-fixture-")), "report.json");
    // The child is a vitest of its own, not a worker of this one.
    const env = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith("VITEST")) delete env[key];
    const run = spawnSync(
      process.execPath,
      [path.join(root, "node_modules/vitest/vitest.mjs"), "run", "--config", "lib/testing/fixtures/vitest.config.ts", "--reporter=json", `--outputFile=${out}`],
      { cwd: root, env, encoding: "utf8", timeout: 120_000 },
    );
    expect(fs.existsSync(out), run.stderr).toBe(true);
    const report = JSON.parse(fs.readFileSync(out, "utf8")) as JsonReport;
    fs.rmSync(path.dirname(out), { recursive: true, force: true });

    const [file] = report.testResults;
    const byTitle = Object.fromEntries(file.assertionResults.map((t) => [t.title, t]));
    expect(byTitle["closes the file it opens"].status).toBe("passed");
    const leaked = byTitle["leaves a file open, and a collection during the test finds it"];
    expect(leaked.status).toBe("failed");
    expect(leaked.failureMessages.join("\n")).toMatch(/A file handle was left open in this test and closed by the garbage collector \(Node's DEP0137\)/);
    expect(byTitle["leaves a file open that only the collection after the last test can find"].status).toBe("passed");
    expect(file.status).toBe("failed");
    expect(file.message).toMatch(/A file handle was left open in this file and closed by the garbage collector/);
    expect(run.status).toBe(1);
  });
});
