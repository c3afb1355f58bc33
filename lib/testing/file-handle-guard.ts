/**
 * Node closes a FileHandle that nobody closed when the garbage collector
 * takes it, and warns twice: "Closing file descriptor N on garbage
 * collection" and DEP0137 (a future Node throws instead). Until then a
 * picture's file stays open for as long as the collector waits. The test
 * setup (vitest-setup.ts) fails the test, or the file, where that happens.
 */
export function watchGarbageClosedFiles(): { take(): string[]; stop(): void } {
  const seen: string[] = [];
  const onWarning = (warning: Error & { code?: string }) => {
    if (warning.code === "DEP0137" || /^Closing file descriptor \d+ on garbage collection$/.test(warning.message)) seen.push(warning.message);
  };
  process.on("warning", onWarning);
  return { take: () => seen.splice(0), stop: () => void process.off("warning", onWarning) };
}

/** What a test that failed this way is told. */
export function garbageClosedMessage(where: string, warnings: string[]): string {
  return [
    `A file handle was left open ${where} and closed by the garbage collector (Node's DEP0137): ${[...new Set(warnings)].join("; ")}.`,
    "Close it explicitly: read or cancel a Response whose body streams a stored file (lib/testing/read-now.ts),",
    "closeStream() a store.get() stream that is not read, close() a handle from fs.promises.open().",
  ].join(" ");
}

/**
 * A full collection, then the turns of the event loop in which Node closes
 * what it took and emits the warnings. Needs node --expose-gc (vitest.config.ts).
 */
export async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("collectGarbage needs node --expose-gc (vitest.config.ts: execArgv)");
  // One collection is not always enough: a handle may still be held by a
  // promise's reaction that the first one frees.
  for (let round = 0; round < 3; round++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
