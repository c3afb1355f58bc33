import { ApiError } from "@/lib/client/api";
import { gatewayWords } from "@/lib/client/failure-reason";
import { formatWait, limitRefusalTitle } from "@/lib/client/reset-wording";
import type { Dictionary, Locale } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import type { ReferenceItem } from "./composer-api";

type Strings = Dictionary["composer"];

/** Where each part of a failed request's answer belongs on screen. */
export type Failure = {
  /** The prompt it was about: the message goes once the prompt is edited. */
  prompt: { text: string; message: string } | null;
  /** Reference id → message, shown on that thumbnail and in the tray. */
  references: Map<string, string>;
  tray: string | null;
  general: { title: string; detail: string | null } | null;
};

export { formatWait };

/** Why an upload was refused, for its thumbnail: the daily upload allowance in the person's language, else the studio's words. */
export function uploadRefusal(error: ApiError, t: Strings): string {
  if (error.code === "quota_exceeded" && error.retryAfterSeconds) return format(t.uploadAllowanceUsed, { wait: formatWait(error.retryAfterSeconds, t) });
  return error.message;
}

/** In Chinese, the gateway's own words quoted (网关说：“…”) instead of the studio's English sentence around them. */
function gatewayDetail(error: ApiError, dictionary: Dictionary, locale: Locale): string | null {
  const words = locale === "zh" ? gatewayWords(error.message) : null;
  return words ? format(dictionary.failures.gatewaySaid, { words }) : null;
}

function general(error: ApiError, dictionary: Dictionary, locale: Locale): Failure["general"] {
  const t = dictionary.composer;
  // The studio's own message is in plain (English) words; it is shown under a localized summary.
  const detail = error.message && !/^HTTP \d+$/.test(error.message) ? error.message : null;
  switch (error.code) {
    case "network_error":
      return { title: dictionary.common.networkError, detail: null };
    case "rate_limited":
    case "quota_exceeded":
      // Which limit, and when it resets: "on 1 January", not "in 598 h".
      return { title: limitRefusalTitle({ error, now: Date.now(), locale, t: dictionary })!, detail };
    case "upstream_error":
      return { title: t.errorUpstream, detail: gatewayDetail(error, dictionary, locale) ?? detail };
    case "upstream_unavailable":
      return { title: t.errorUnavailable, detail: gatewayDetail(error, dictionary, locale) ?? detail };
    case "payload_too_large":
      return { title: t.errorTooLarge, detail };
    case "unauthorized":
      return { title: t.errorUnauthorized, detail: null };
    case "forbidden":
      return { title: t.errorForbidden, detail };
    case "invalid_request":
      return { title: t.errorInvalid, detail };
    default:
      return { title: t.errorInternal, detail: null };
  }
}

/** An API error split by what caused it: the prompt, a reference, or the request as a whole. */
export function describeFailure(input: { error: unknown; prompt: string; references: ReferenceItem[]; t: Dictionary; locale: Locale }): Failure {
  const { error } = input;
  const t = input.t.composer;
  const failure: Failure = { prompt: null, references: new Map(), tray: null, general: null };
  if (!(error instanceof ApiError)) {
    failure.general = { title: t.errorInternal, detail: null };
    return failure;
  }
  let placed = false;
  for (const issue of error.issues) {
    const [field, index] = issue.path.split(".");
    if (field === "prompt") {
      failure.prompt = { text: input.prompt, message: format(t.promptRefused, { reason: issue.message }) };
      placed = true;
    } else if (field === "references") {
      const n = Number(index);
      const item = Number.isInteger(n) ? input.references[n] : undefined;
      if (item) failure.references.set(item.id, format(t.referenceRefused, { n: n + 1, reason: issue.message }));
      else failure.tray = format(t.referencesRefused, { reason: issue.message });
      placed = true;
    }
  }
  // Anything not tied to a field (or a field the composer has no place for) goes under Generate.
  const unplaced = error.issues.filter((i) => !/^(prompt|references)(\.|$)/.test(i.path));
  if (!placed || unplaced.length) {
    failure.general = general(error, input.t, input.locale);
    if (failure.general && unplaced.length) {
      failure.general.detail = unplaced.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("\n");
    }
  }
  return failure;
}
