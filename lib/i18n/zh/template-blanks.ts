// 模板空格（作曲区内联填写）与 `/` 快捷键。与 ../en/template-blanks.ts 一一对应。
export const templateBlanks = {
  heading: "模板“{name}”",
  fillIn: "填写各个空格；按 Tab 键跳到下一个。",
  noBlanks: "这个模板没有空格。",
  blankPlaceholder: "填写“{name}”…",
  leave: "改为普通文本",
  leaveHint: "保留已填好的提示词，不再使用模板",
  fillBlank: "请先填写空格“{name}”。",
  slashHint: "输入 / 选择模板",
  referenceName: "{name}，参考图 {n}",
  referencesFailed: "模板的 {n} 张参考图无法载入（在用它们生成图片之前，只有上传者本人可以使用）",
  fromAddressMissing: "地址里的模板无法使用（已被删除，或是别人的私有模板）。",
};
