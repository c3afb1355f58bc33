import fs from "node:fs";
import path from "node:path";

/**
 * The files under `dir` this process holds open right now (Linux: the links
 * in /proc/self/fd). A file left open by a stream nobody reads stays in this
 * list until the garbage collector happens to close it, so a test can say
 * "nothing is left open" without waiting for a collection.
 */
export function openFilesUnder(dir: string): string[] {
  const root = fs.realpathSync(dir) + path.sep;
  const open: string[] = [];
  for (const fd of fs.readdirSync("/proc/self/fd")) {
    let target: string;
    try {
      target = fs.readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue; // closed since the listing (the listing's own descriptor, for one)
    }
    if (target.startsWith(root)) open.push(path.relative(root, target));
  }
  return open.sort();
}
