import { afterAll, afterEach } from "vitest";
import { collectGarbage, garbageClosedMessage, watchGarbageClosedFiles } from "./file-handle-guard";

// Every test file: a file handle the garbage collector had to close fails the
// test it happened in, or the file when only the collection after its last
// test finds it (Node's DEP0137 warning passed unnoticed).

const garbageClosed = watchGarbageClosedFiles();

afterEach(() => {
  const warnings = garbageClosed.take();
  if (warnings.length) throw new Error(garbageClosedMessage("in this test", warnings));
});

afterAll(async () => {
  await collectGarbage();
  const warnings = garbageClosed.take();
  if (warnings.length) throw new Error(garbageClosedMessage("in this file", warnings));
});
