import type { Dictionary } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";

// A failed picture's reason in the person's language. The
// studio's server writes each failure as a code and an English sentence; the
// sentence's first colon outside parentheses is where the gateway's (or the
// studio's) own detail begins ("The gateway could not make this picture: …").
// The reason is chosen by the code, never by reading the English; only the
// detail after that colon is carried over, and an unknown gateway reason is
// quoted as the gateway's own words.

type Reasons = Dictionary["failures"];
type KnownCode = keyof Reasons["codes"];

/** Codes whose detail is the studio's own words (a file, an address, a storage error). */
const STUDIO_DETAIL: ReadonlySet<string> = new Set(["not_sent", "download_failed"]);
/** Written on rows before codes existed: the message is all there is, whoever wrote it. */
const NO_CODE = "failed";

function known(codes: Reasons["codes"], code: string): code is KnownCode {
  return Object.hasOwn(codes, code);
}

/** What follows the studio's first colon outside parentheses, or null when nothing does. */
export function gatewayWords(message: string): string | null {
  let depth = 0;
  for (let i = 0; i < message.length - 1; i++) {
    const c = message[i];
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (c === ":" && message[i + 1] === " " && depth === 0) {
      const rest = message.slice(i + 2).trim();
      return rest || null;
    }
  }
  return null;
}

export function failureReason(input: { error: { code: string; message: string } | null; t: Dictionary }): string {
  const { error, t } = input;
  const T = t.failures;
  if (!error || !error.message.trim()) return t.gallery.card.failedFallback;
  const words = gatewayWords(error.message);
  if (known(T.codes, error.code)) {
    const reason = T.codes[error.code];
    if (!words) return reason;
    if (STUDIO_DETAIL.has(error.code)) return format(T.withDetail, { reason, detail: words });
    // A refused submit: the gateway's words say why (its key, its balance, its own checks).
    if (error.code.startsWith("submit_")) return format(T.withGatewayWords, { reason, said: format(T.gatewaySaid, { words }) });
    return reason;
  }
  if (error.code === NO_CODE || !words) return error.message;
  return format(T.gatewaySaid, { words });
}
