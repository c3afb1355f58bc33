import { ApiError } from "@/lib/client/api";
import type { Dictionary } from "@/lib/i18n";
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

export function formatWait(seconds: number, t: Strings): string {
  if (seconds < 90) return format(t.waitSeconds, { n: Math.max(1, Math.ceil(seconds)) });
  if (seconds < 90 * 60) return format(t.waitMinutes, { n: Math.ceil(seconds / 60) });
  return format(t.waitHours, { n: Math.ceil(seconds / 3600) });
}

/** Why an upload was refused, for its thumbnail: the daily upload allowance in the person's language, else the studio's words. */
export function uploadRefusal(error: ApiError, t: Strings): string {
  if (error.code === "quota_exceeded" && error.retryAfterSeconds) return format(t.uploadAllowanceUsed, { wait: formatWait(error.retryAfterSeconds, t) });
  return error.message;
}

function general(error: ApiError, t: Strings, networkError: string): Failure["general"] {
  const wait = error.retryAfterSeconds && error.retryAfterSeconds > 0 ? formatWait(error.retryAfterSeconds, t) : null;
  // The studio's own message is in plain (English) words; it is shown under a localized summary.
  const detail = error.message && !/^HTTP \d+$/.test(error.message) ? error.message : null;
  switch (error.code) {
    case "network_error":
      return { title: networkError, detail: null };
    case "rate_limited":
      return { title: wait ? format(t.errorRateLimited, { wait }) : t.errorRateLimitedNoTime, detail };
    case "quota_exceeded":
      return { title: wait ? format(t.errorQuota, { wait }) : t.errorQuotaNoTime, detail };
    case "upstream_error":
      return { title: t.errorUpstream, detail };
    case "upstream_unavailable":
      return { title: t.errorUnavailable, detail };
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
export function describeFailure(input: {
  error: unknown;
  prompt: string;
  references: ReferenceItem[];
  t: Strings;
  networkError: string;
}): Failure {
  const { error, t } = input;
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
    failure.general = general(error, t, input.networkError);
    if (failure.general && unplaced.length) {
      failure.general.detail = unplaced.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("\n");
    }
  }
  return failure;
}
