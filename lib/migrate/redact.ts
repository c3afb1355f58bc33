import "server-only";

// Secrets (the database password, the S3 secret key) never reach the output:
// every line the tool prints, and every error message it passes on, goes
// through a redactor built from the secrets it was given.

export type Redactor = (text: string) => string;

/** Replaces each secret (and its URL-encoded form) with "***". Empty and very short values are ignored. */
export function makeRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < 3) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    try {
      forms.add(decodeURIComponent(secret));
    } catch {
      // not URL-encoded: the plain form is enough
    }
  }
  // Longest first, so a secret that contains another is replaced whole.
  const ordered = [...forms].filter((f) => f.length >= 3).sort((a, b) => b.length - a.length);
  return (text: string) => {
    let out = text;
    for (const form of ordered) out = out.split(form).join("***");
    return out;
  };
}

/** The password of a postgres:// URL, decoded ("" when there is none or the URL does not parse). */
export function urlPassword(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return "";
  }
}

/** postgres://user@host:port/database — the URL without its password, query string or fragment. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : "";
    const port = parsed.port ? `:${parsed.port}` : "";
    return `${parsed.protocol}//${user}${parsed.hostname}${port}${parsed.pathname}`;
  } catch {
    return "(unparsable database URL)";
  }
}

/** An error's message alone (no stack, no driver fields), redacted. */
export function errorLine(error: unknown, redact: Redactor): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return redact(message.split("\n")[0]);
}
