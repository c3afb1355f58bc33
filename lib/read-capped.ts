import "server-only";

/**
 * Reads a request's or response's body up to `maxBytes`, refusing (not
 * truncating) anything larger as soon as the limit is passed: neither a lying
 * Content-Length nor a chunked body is ever buffered whole.
 */
export async function readCappedBody(
  message: { headers: Headers; body: ReadableStream<Uint8Array> | null },
  maxBytes: number,
  opts: { preallocate?: boolean } = {},
): Promise<Buffer | "too_large"> {
  const declared = Number(message.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await message.body?.cancel().catch(() => {});
    return "too_large";
  }
  if (!message.body) return Buffer.alloc(0);
  const reader = message.body.getReader();
  // With `preallocate` and a declared length the bytes go straight into one
  // buffer of that size: a 50 MB result is held once, not as chunks plus their
  // concatenation. Only for answers from the gateway: a client's request could
  // declare the limit and send nothing.
  const expected = opts.preallocate && Number.isFinite(declared) && declared > 0 ? declared : 0;
  const whole = expected ? Buffer.allocUnsafe(expected) : undefined;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > maxBytes) {
      await reader.cancel().catch(() => {});
      return "too_large";
    }
    if (whole && chunks.length === 0 && total + value.byteLength <= expected) whole.set(value, total);
    else {
      // More than was declared: keep what came so far and go on in chunks.
      if (whole && chunks.length === 0) chunks.push(whole.subarray(0, total));
      chunks.push(value);
    }
    total += value.byteLength;
  }
  if (whole && chunks.length === 0) return total === expected ? whole : whole.subarray(0, total);
  return Buffer.concat(chunks);
}
