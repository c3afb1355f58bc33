import type { failures as en } from "../en/failures";

export const failures: typeof en = {
  codes: {
    not_sent: "请求没有发送到网关，因此没有计费。",
    unknown_outcome: "结果未知：网关始终没有确认这个请求的结果，图片可能已经生成（并已计费）。再试之前，请先查看网关的任务列表。",
    timeout: "已超时：网关没有在规定时间内完成这张图片。",
    lost: "网关丢失了这个任务：它已查不到这个任务编号。",
    download_failed: "图片已经生成，但没能复制到工作室。",
    cancelled: "图片完成之前已取消。",
    cancelled_waiting: "在发送之前已取消，没有计费。",
    submit_invalid: "网关拒绝了这个请求。",
    submit_auth: "网关不接受工作室用于这个请求的密钥：请检查密钥、余额或它对这个模型的权限。",
    submit_quota: "网关账户余额不足。",
    submit_rate_limited: "网关太忙，没有接收这个请求；没有生成任何图片。",
    submit_not_found: "网关找不到这个请求所要的内容。",
    submit_unavailable: "网关暂时不可用；没有生成任何图片。",
    submit_malformed: "无法读取网关的回复。",
    output_moderation: "网关的安全过滤拦截了这张图片。",
    input_moderation: "网关的安全过滤拒绝了提示词或参考图。",
    invalid_reference_image: "网关无法读取其中一张参考图。",
    sensitive_words_detected: "网关拒绝了提示词：其中有网关过滤规则不允许的词。",
    content_policy_violation: "网关依据其内容政策拒绝了这个请求。",
  },
  gatewaySaid: "网关说：“{words}”",
  withDetail: "{reason}（{detail}）",
  withGatewayWords: "{reason}{said}",
};
