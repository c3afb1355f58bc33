import type { common as en } from "../en/common";

export const common: typeof en = {
  appName: "Nano Studio",
  tagline: "输入提示词和参考图，生成图片——整个团队共用。",
  upstreamDemo: "演示上游",
  upstreamDemoHint: "正在使用内置模拟器：图片为占位示意图，不使用任何密钥。",
  upstreamGateway: "网关",
  upstreamGatewayHint: "已使用团队密钥连接图像网关。",
  language: "语言",
  theme: "主题",
  themeLight: "浅色",
  themeDark: "深色",
  themeSystem: "跟随系统",
  networkError: "无法连接到工作室。请检查网络后重试。",
};
