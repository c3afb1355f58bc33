import "server-only";

// The submit's JSON, written straight into one byte buffer. Its bulk is the
// references' data URLs (up to five of ~9 MB): JSON.stringify would copy
// them into one more string and TextEncoder into bytes again. A data URL is
// printable ASCII without quote or backslash, so it goes in as it is; any
// other URL is escaped the ordinary way.

const URLS_MARK = "\u0000urls\u0000";
const NEEDS_NO_ESCAPE = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

export function encodeSubmitBody(input: { model: string; prompt: string; metadata: Record<string, unknown>; urls: readonly string[] }): Uint8Array<ArrayBuffer> {
  const frame = JSON.stringify({ model: input.model, prompt: input.prompt, metadata: { ...input.metadata, urls: URLS_MARK } });
  const mark = JSON.stringify(URLS_MARK);
  // The last occurrence: `urls` is the last key written, and a prompt or
  // metadata value that happened to hold the mark's text comes before it.
  const at = frame.lastIndexOf(mark);
  const pieces: { text: string; encoding: "utf8" | "latin1" }[] = [{ text: frame.slice(0, at), encoding: "utf8" }, { text: "[", encoding: "latin1" }];
  input.urls.forEach((url, i) => {
    if (i > 0) pieces.push({ text: ",", encoding: "latin1" });
    if (NEEDS_NO_ESCAPE.test(url)) pieces.push({ text: '"', encoding: "latin1" }, { text: url, encoding: "latin1" }, { text: '"', encoding: "latin1" });
    else pieces.push({ text: JSON.stringify(url), encoding: "utf8" });
  });
  pieces.push({ text: "]", encoding: "latin1" }, { text: frame.slice(at + mark.length), encoding: "utf8" });

  const size = pieces.reduce((sum, p) => sum + Buffer.byteLength(p.text, p.encoding), 0);
  const body = new Uint8Array(new ArrayBuffer(size));
  const view = Buffer.from(body.buffer, 0, size);
  let offset = 0;
  for (const p of pieces) offset += view.write(p.text, offset, p.encoding);
  return body;
}
