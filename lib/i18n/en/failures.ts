// Why a picture failed, by the error code on its generation:
// the reasons the studio knows, in the person's language. Anything else the
// gateway said is quoted as its own words. Keys are mirrored in ../zh/failures.ts.
export const failures = {
  codes: {
    not_sent: "Nothing was sent to the gateway, so nothing was billed.",
    unknown_outcome:
      "Unknown outcome: the gateway never confirmed how this request ended, so the picture may exist (and be billed). Check the gateway's task list before trying again.",
    timeout: "Timed out: the gateway did not finish this picture in time.",
    lost: "The gateway lost this task: it no longer knows the task id.",
    download_failed: "The picture was made but could not be copied to the studio.",
    cancelled: "Cancelled before the picture was finished.",
    cancelled_waiting: "Cancelled before it was sent; nothing was billed.",
    submit_invalid: "The gateway refused the request.",
    submit_auth: "The gateway did not accept the studio's key for this request: check the key, its balance or its access to this model.",
    submit_quota: "The gateway account is out of credit.",
    submit_rate_limited: "The gateway was too busy to take the request; nothing was made.",
    submit_not_found: "The gateway did not find what the request asked for.",
    submit_unavailable: "The gateway was unavailable; nothing was made.",
    submit_malformed: "The gateway's answer could not be read.",
    output_moderation: "The gateway's safety filter blocked this picture.",
    input_moderation: "The gateway's safety filter refused the prompt or a reference image.",
    invalid_reference_image: "The gateway could not read a reference image.",
    // new-api's own prompt filter, and OpenAI-style relays' content policy.
    sensitive_words_detected: "The gateway refused the prompt: it has words the gateway's filter does not allow.",
    content_policy_violation: "The gateway refused this request under its content policy.",
  },
  /** The gateway's own words, quoted as said. */
  gatewaySaid: "The gateway said: “{words}”",
  /** A known reason with the studio's own detail (in English: it names files, addresses, errors). */
  withDetail: "{reason} ({detail})",
  /** A known reason followed by what the gateway said. */
  withGatewayWords: "{reason} {said}",
};
