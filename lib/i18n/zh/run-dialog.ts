// 批量运行对话框：粘贴或拖入表格运行模板、预览与确认。与 ../en/run-dialog.ts 一一对应。
export const runDialog = {
  title: "用表格运行“{name}”",
};
