import fs from "node:fs";
import type { Measurement } from "./figures";

// Entry of one measurement's own process (run.ts starts one per measurement):
// configuration is read once per process, as in production, so each
// measurement gets a fresh one with its own environment.

const MEASUREMENTS: Record<string, () => Promise<{ measure(): Promise<Measurement> }>> = {
  amplification: () => import("../amplification"),
  "status-endpoint": () => import("../status-endpoint"),
  paging: () => import("../paging"),
  pictures: () => import("../pictures"),
  completion: () => import("../completion"),
  browser: () => import("../browser"),
  memory: () => import("../memory"),
  usage: () => import("../usage"),
  lighthouse: () => import("../lighthouse"),
  boards: () => import("../boards"),
  zip: () => import("../zip"),
  "openai-edits": () => import("../openai-edits"),
  search: () => import("../search"),
  versions: () => import("../versions"),
  "idle-tabs": () => import("../idle-tabs"),
  runs: () => import("../runs"),
  "js-profile": () => import("../js-profile"),
};

const name = process.argv[2];
const out = process.env.BENCH_OUT;
const load = MEASUREMENTS[name];
if (!load || !out) {
  console.error(`usage: BENCH_OUT=file tsx bench/support/measure-one.ts <${Object.keys(MEASUREMENTS).join("|")}>`);
  process.exit(2);
}

try {
  const result = await (await load()).measure();
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
  // The studio's poller and sharp's threads would keep the process alive.
  process.exit(0);
} catch (error) {
  console.error(error);
  process.exit(1);
}
