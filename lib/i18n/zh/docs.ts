export const docs = {
  title: "API 参考",
  intro: "工作室的 HTTP API，供脚本和工具调用。",
  howToCall: "在 Authorization 请求头中使用个人 API 令牌（Bearer nst_…）调用，或在已登录的浏览器中直接调用。OpenAI 客户端的 base URL 为本工作室地址加 /v1。",
  makeToken: "创建 API 令牌",
  document: "OpenAPI 3.1 文档（JSON）",
  signIn: "登录",
  operations: "接口列表",
  loading: "正在加载交互式参考…",
  failed: "无法显示交互式参考。接口已列在此处；文档本身位于 /api/openapi.json。",
};
