// 用表格批量运行模板：运行对话框、预览与图库中的分组。与 ../en/runs.ts 一一对应。
export const runs = {
  open: "用表格批量运行",

  // 设置了 ?run= 时图库上方的运行标题栏（components/gallery/run-chip.tsx）。
  region: "批量运行",
  untitled: "批量运行",
  by: "由 {name} 运行",
  rowsOne: "1 行",
  rowsMany: "{count} 行",
  // “已完成 31/40，1 张失败，9 张进行中”：各部分以 separator 连接，为 0 的部分省略。
  done: "已完成 {done}/{total}",
  failed: "{failed} 张失败",
  active: "{active} 张进行中",
  separator: "，",
  progressLabel: "运行进度",
  finished: "运行已结束：{progress}。",
  loading: "正在读取运行…",
  notFound: "找不到该运行：它可能已被删除，或链接有误。",
  failedToLoad: "无法读取该运行：{message}",
  download: "下载 ZIP",
  downloadLabel: "将该运行已完成的图片下载为 ZIP",
  downloading: "正在准备…",
  downloadFailed: "无法生成 ZIP：{message}",
  clear: "离开该运行，显示整个图库",

  link: "批量运行",
  linkLabel: "批量运行：显示此批次所属的整个运行",
};
