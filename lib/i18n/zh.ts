import type { Dictionary } from "./en";

// 中文界面文字。键与 en.ts 一一对应。
export const zh: Dictionary = {
  appName: "Nano Studio",
  tagline: "输入提示词和参考图，生成图片——整个团队共用。",
  upstreamDemo: "演示上游",
  upstreamDemoHint: "正在使用内置模拟器：图片为占位示意图，不使用任何密钥。",
  upstreamGateway: "网关",
  upstreamGatewayHint: "已使用团队密钥连接图像网关。",
};
