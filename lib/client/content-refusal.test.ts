import { describe, expect, it } from "vitest";
import { isContentRefusal } from "./content-refusal";

// A picture the model refused for its content cannot be made
// by sending the same prompt again; its card offers "Edit prompt" instead of Retry.

describe("isContentRefusal", () => {
  it.each([
    ["output_moderation", "Output blocked by the safety filter (simulated)"],
    ["input_moderation", "The prompt was refused"],
    ["content_policy_violation", "Your request was rejected as a result of our safety system."],
    ["moderation", "blocked"],
    ["sensitive_words_detected", "sensitive words detected"],
    // Gateways that put the reason in plain text (fail_reason) with no code of their own.
    ["upstream_failed", "The gateway could not make this picture: input moderation"],
    ["upstream_failed", "The gateway could not make this picture: IMAGE_SAFETY"],
    ["upstream_failed", "The gateway could not make this picture: PROHIBITED_CONTENT"],
    ["upstream_failed", "The gateway could not make this picture: the request violates our content policy"],
  ])("%s (%s) is a refusal for content", (code, message) => {
    expect(isContentRefusal({ code, message })).toBe(true);
  });

  it.each([
    ["model_error", "The model stopped before the picture was finished (simulated)"],
    ["timeout", "Timed out: the gateway did not finish this picture within 10 minutes"],
    ["unknown_outcome", "The gateway never confirmed this request"],
    ["not_sent", "Nothing was sent to the gateway, so nothing was billed: the reference is not an image"],
    ["submit_quota", "The gateway account is out of credit"],
    ["upstream_failed", "The gateway could not make this picture: no image returned"],
    ["cancelled", "Cancelled. The gateway could not make this picture: output moderation"],
  ])("%s (%s) is not", (code, message) => {
    expect(isContentRefusal({ code, message })).toBe(false);
  });

  it("no error is not a refusal", () => {
    expect(isContentRefusal(null)).toBe(false);
  });
});
