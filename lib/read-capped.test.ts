import { describe, expect, it } from "vitest";
import { readCappedBody } from "./read-capped";

// Bodies read whole up to a cap, from a stream of chunks as fetch gives them.

function message(chunks: Buffer[], declared?: number) {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new Uint8Array(chunk));
      controller.close();
    },
  });
  const headers = new Headers(declared === undefined ? {} : { "content-length": String(declared) });
  return { headers, body };
}

const parts = [Buffer.from("hello "), Buffer.from("wide "), Buffer.from("world")];
const whole = Buffer.concat(parts);

describe.each([false, true])("readCappedBody (preallocate: %s)", (preallocate) => {
  it("reads a body of the declared length", async () => {
    expect(await readCappedBody(message(parts, whole.length), 100, { preallocate })).toEqual(whole);
  });

  it("reads a body with no declared length", async () => {
    expect(await readCappedBody(message(parts), 100, { preallocate })).toEqual(whole);
  });

  it("reads a body longer than declared, and one shorter, as it really is", async () => {
    expect(await readCappedBody(message(parts, 7), 100, { preallocate })).toEqual(whole);
    expect(await readCappedBody(message(parts, 40), 100, { preallocate })).toEqual(whole);
  });

  it("refuses more than the cap, declared or not", async () => {
    expect(await readCappedBody(message(parts, whole.length), whole.length - 1, { preallocate })).toBe("too_large");
    expect(await readCappedBody(message(parts), whole.length - 1, { preallocate })).toBe("too_large");
    expect(await readCappedBody(message(parts, 3), whole.length - 1, { preallocate })).toBe("too_large");
  });
});
