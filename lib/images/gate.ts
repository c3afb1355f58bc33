import "server-only";
import sharp from "sharp";
import { processSingleton } from "@/lib/singleton";

// Decoding a big picture holds tens of MB of native memory while it runs, and
// memory libvips frees mostly stays with the process (glibc keeps it in
// per-thread arenas). With several decodes at once, 50 results finishing
// together took the server from 150 MB to 465 MB (npm run bench).
// sharp already works on one thread per picture here (glibc), so on a small
// machine running them one after another costs little time: every decode of
// the studio goes through this gate.

// The studio never processes the same picture twice: libvips' operation
// cache would only hold memory.
sharp.cache(false);

const gate = processSingleton("sharp-gate", () => ({ tail: Promise.resolve() as Promise<unknown> }));

/** Runs `work` after every earlier one has finished (one at a time per process). */
export function oneDecodeAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = gate.tail.then(work, work);
  gate.tail = run.catch(() => undefined);
  return run;
}
