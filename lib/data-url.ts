// The one data: URL decoder (RFC 2397): base64 or percent-encoded payloads,
// the declared type lower-cased (text/plain when absent). Browser-safe and
// adapter-free, so the gateway client, the simulator and the image checks
// share it; lib/images adds the strict shape check that references need.

export type DecodedDataUrl = { bytes: Buffer; contentType: string; base64: boolean };

export function decodeDataUrl(url: string): DecodedDataUrl | undefined {
  if (typeof url !== "string") return undefined;
  const match = /^data:([^,;]*)((?:;[^,;]*)*),(.*)$/is.exec(url);
  if (!match) return undefined;
  const [, type, params, payload] = match;
  const base64 = /;base64/i.test(params);
  try {
    const bytes = base64 ? Buffer.from(payload, "base64") : Buffer.from(decodeURIComponent(payload), "utf8");
    return { bytes, contentType: (type || "text/plain").toLowerCase(), base64 };
  } catch {
    return undefined;
  }
}
