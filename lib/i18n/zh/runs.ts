// 用表格批量运行模板：运行对话框、预览与图库中的分组。与 ../en/runs.ts 一一对应。
export const runs = {
  open: "用表格批量运行",
};
