import { describe, expect, it } from "vitest";
import { CANCELLED_CODE, CANCELLED_WAITING_CODE, NOT_SENT_CODE, UNKNOWN_OUTCOME_CODE } from "@/lib/contract-values";
import type { GatewayErrorKind } from "@/lib/gateway/errors";
import { dictionaries, LOCALES } from "@/lib/i18n";
import { describeFailure } from "@/components/composer/describe-failure";
import { ApiError } from "./api";
import { failureReason, gatewayWords } from "./failure-reason";

// Every kind a submit can be refused with: a new kind fails the type check here until it has words.
const SUBMIT_KINDS: Record<GatewayErrorKind, true> = { auth: true, quota: true, rate_limited: true, not_found: true, invalid: true, unavailable: true, malformed: true };
/** The codes lib/generations writes on a failed row, and the gateway's codes the studio knows. */
const KNOWN = [
  NOT_SENT_CODE,
  UNKNOWN_OUTCOME_CODE,
  CANCELLED_CODE,
  // A waiting picture cancelled before it was sent.
  CANCELLED_WAITING_CODE,
  "timeout",
  "lost",
  "download_failed",
  ...Object.keys(SUBMIT_KINDS).map((kind) => `submit_${kind}`),
  "output_moderation",
  "input_moderation",
  "invalid_reference_image",
  "sensitive_words_detected",
  "content_policy_violation",
];
const { en, zh } = dictionaries;
const reason = (code: string, message: string, locale: "en" | "zh" = "zh") => failureReason({ error: { code, message }, t: dictionaries[locale] });

describe("failureReason", () => {
  it("has words in English and Chinese for every code the studio knows", () => {
    for (const code of KNOWN) {
      for (const locale of LOCALES) {
        const text = reason(code, "Some English words from the server", locale);
        expect(text, `${locale} ${code}`).toBe(dictionaries[locale].failures.codes[code as keyof typeof en.failures.codes]);
      }
      expect(reason(code, "x", "zh"), code).not.toBe(reason(code, "x", "en"));
      expect(reason(code, "x", "zh"), code).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(Object.keys(zh.failures.codes).sort()).toEqual([...KNOWN].sort());
  });

  it("translates a refusal the gateway names by code, not its English (the simulator's #fail)", () => {
    const message = "The gateway could not make this picture: Output blocked by the safety filter (simulated)";
    expect(reason("output_moderation", message)).toBe("网关的安全过滤拦截了这张图片。");
    expect(reason("output_moderation", message, "en")).toBe("The gateway's safety filter blocked this picture.");
  });

  it("quotes what the gateway said when its code is not one the studio knows", () => {
    const message = "The gateway could not make this picture: the horse has six legs";
    expect(reason("upstream_failed", message)).toBe("网关说：“the horse has six legs”");
    expect(reason("upstream_failed", message, "en")).toBe("The gateway said: “the horse has six legs”");
    expect(reason("nsfw_detected", "The gateway could not make this picture: 图片包含敏感内容")).toBe("网关说：“图片包含敏感内容”");
  });

  it("keeps only the gateway's words of a cancelled picture's reason (the card's title says cancelled)", () => {
    expect(reason("upstream_failed", "Cancelled. The gateway could not make this picture: no image returned")).toBe("网关说：“no image returned”");
    expect(reason("timeout", "Cancelled. Timed out: the gateway did not finish this picture within 10 minutes")).toBe(zh.failures.codes.timeout);
  });

  it("adds what the gateway said to a submit it refused", () => {
    expect(reason("submit_auth", "The gateway refused the key; check the key or its balance: 无效的令牌")).toBe(`${zh.failures.codes.submit_auth}网关说：“无效的令牌”`);
    expect(reason("submit_invalid", "The gateway refused the request (HTTP 400): prompt too long", "en")).toBe(
      `${en.failures.codes.submit_invalid} The gateway said: “prompt too long”`,
    );
    // A colon inside parentheses is the studio's own note, not a separator before the gateway's words.
    expect(reason("submit_unavailable", "Could not reach the gateway (submit: ECONNREFUSED)")).toBe(zh.failures.codes.submit_unavailable);
  });

  it("keeps the studio's own detail of a request never sent or a picture not copied, after the translated reason", () => {
    expect(reason("not_sent", "Nothing was sent to the gateway, so nothing was billed: reference 2: the address is not public")).toBe(
      `${zh.failures.codes.not_sent}（reference 2: the address is not public）`,
    );
    expect(reason("not_sent", "Nothing was sent to the gateway.", "en")).toBe(en.failures.codes.not_sent);
  });

  it("shows an older row's message without a code as it is, and a fallback when there is none", () => {
    expect(reason("failed", "Something went wrong")).toBe("Something went wrong");
    expect(failureReason({ error: null, t: zh })).toBe(zh.gallery.card.failedFallback);
    expect(failureReason({ error: { code: "upstream_failed", message: "" }, t: en })).toBe(en.gallery.card.failedFallback);
  });
});

describe("gatewayWords", () => {
  it("is what follows the studio's first colon outside parentheses", () => {
    expect(gatewayWords("The gateway is unavailable (HTTP 503): model_not_found: no channel")).toBe("model_not_found: no channel");
    expect(gatewayWords("Could not reach the gateway (submit: ECONNREFUSED)")).toBeNull();
    expect(gatewayWords("The gateway could not make this picture: ")).toBeNull();
  });
});

describe("the composer's refusal of a whole request (describe-failure.ts)", () => {
  const refusal = (locale: "en" | "zh", message: string, code: "upstream_error" | "upstream_unavailable" = "upstream_error") =>
    describeFailure({ error: new ApiError(502, code, message), prompt: "p", references: [], t: dictionaries[locale], locale }).general;

  it("zh: under the Chinese summary, the gateway's own words quoted, not the studio's English sentence", () => {
    expect(refusal("zh", "The gateway refused the key; check the key or its balance: 无效的令牌")).toEqual({ title: zh.composer.errorUpstream, detail: "网关说：“无效的令牌”" });
    expect(refusal("zh", "The gateway is unavailable (HTTP 503): model_not_found", "upstream_unavailable")).toEqual({
      title: zh.composer.errorUnavailable,
      detail: "网关说：“model_not_found”",
    });
  });

  it("en keeps the studio's full sentence", () => {
    expect(refusal("en", "The gateway refused the key; check the key or its balance: 无效的令牌")?.detail).toBe("The gateway refused the key; check the key or its balance: 无效的令牌");
  });
});
