import type { auth as en } from "../en/auth";

export const auth: typeof en = {
  signInTitle: "登录 Nano Studio",
  signInHint: "填写你的名字（用于标记你生成的图片）和团队共享密码。",
  name: "你的名字",
  password: "团队密码",
  signIn: "登录",
  signingIn: "正在登录…",
  signOut: "退出登录",
  signedInAs: "当前用户：{user}",
  wrongPassword: "密码不正确，请检查后重试。",
  tooMany: "此处密码错误次数过多，请等几分钟再试。",
  unauthorizedTitle: "你尚未登录",
  unauthorizedHint: "此工作室位于团队登录之后，请通过团队的登录页面打开。",
  leftToday: "今日剩余 {left} / {daily} 张",
  accountsHint: "使用你的名字和你自己的密码登录。",
  accountPassword: "你的密码",
  wrongNameOrPassword: "名字与密码不匹配，请检查后重试。",
  oidcHint: "此工作室使用团队账号登录。",
  oidcButton: "使用团队账号登录",
  errorOidcFailed: "团队账号登录未成功。请重试，或联系工作室管理员。",
  errorDisabled: "此账户已被停用。请联系工作室管理员启用。",
};
