// A picture the model (or the gateway's safety filter) refused for what it
// shows or was asked to show: the same prompt sent again
// meets the same refusal, so its card offers "Edit prompt" rather than Retry.
// Gateways say so by an error code (our simulator's output_moderation, new-api's
// sensitive_words_detected, OpenAI's content_policy_violation) or, with no code
// of their own (`fail_reason`: the studio records upstream_failed), in words.

const REFUSAL_CODE = /moderation|safety|content_policy|content_filter|sensitive|prohibited/i;
/** Codes that say nothing by themselves: the gateway's words decide. */
const GENERIC_CODES: ReadonlySet<string> = new Set(["upstream_failed", "failed"]);
const REFUSAL_WORDS = /\b(input|output) moderation\b|safety (filter|system)|image_safety|prohibited_content|content[ _]policy|敏感|违规|安全审核/i;

export function isContentRefusal(error: { code: string; message: string } | null): boolean {
  if (!error) return false;
  if (REFUSAL_CODE.test(error.code)) return true;
  return GENERIC_CODES.has(error.code) && REFUSAL_WORDS.test(error.message);
}
