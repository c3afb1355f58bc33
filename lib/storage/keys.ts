// Key rules shared by every store (fs and S3), so a key accepted by one is
// accepted by all: relative, slash-separated, no empty segments, no dot
// segments, no backslash (a separator on Windows), no NUL.

/** Throws for anything that is not a plain relative key; returns the key unchanged. */
export function assertValidKey(key: string): string {
  if (typeof key !== "string" || key.length === 0) throw new Error("Storage key is empty");
  if (key.includes("\0")) throw new Error("Storage key contains a NUL byte");
  if (key.includes("\\")) throw new Error(`Storage key contains a backslash: ${JSON.stringify(key)}`);
  if (key.startsWith("/") || /^[a-zA-Z]:/.test(key)) {
    throw new Error(`Storage key must be relative: ${JSON.stringify(key)}`);
  }
  for (const segment of key.split("/")) {
    if (segment === "" || segment.startsWith(".")) {
      throw new Error(`Storage key has an invalid segment: ${JSON.stringify(key)}`);
    }
  }
  return key;
}

/**
 * A store prefix ("", "studio", "team/pictures"): leading and trailing slashes
 * are dropped, and what remains must be a valid key itself.
 */
export function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? "").replace(/^\/+|\/+$/g, "");
  if (trimmed === "") return "";
  try {
    return assertValidKey(trimmed);
  } catch {
    throw new Error(`Storage prefix is invalid: ${JSON.stringify(prefix)}`);
  }
}
