// 模板空格（作曲区内联填写）与 `/` 快捷键。与 ../en/template-blanks.ts 一一对应。
export const templateBlanks = {
  blankLabel: "空格“{name}”",
};
