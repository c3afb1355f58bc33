import "server-only";
import { finished, type Readable } from "node:stream";

/**
 * Stops a stored object's stream nobody will read and waits until what it
 * holds (a file handle, a socket) is released: destroy() alone only starts
 * the close, and a file handle left behind is closed by the garbage collector
 * (Node's DEP0137, to become an error).
 */
export function closeStream(stream: Readable): Promise<void> {
  // finished() waits for 'close' where the stream emits one, and answers at
  // once for a stream that is already done; the premature-close error it
  // reports for a destroyed stream is what we asked for.
  const done = new Promise<void>((resolve) => finished(stream, () => resolve()));
  stream.destroy();
  return done;
}
