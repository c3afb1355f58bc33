// 查看器里的编辑线程：一张图片的各个版本、用文字修改它、对比两个版本。
export const versions = {
  compare: {
    open: "对比",
    title: "对比版本",
    before: "之前",
    after: "之后",
    sideBySide: "并排",
    slider: "滑块",
    slide: "前后对比：显示 {percent}% 的修改后图片",
    slideHint: "拖动，或使用方向键",
    instructions: "两者之间的修改",
    noInstructions: "这两个版本之间没有修改。",
    original: "原图",
    version: "版本 {n}",
    deleted: "（已删除）",
    close: "关闭",
  },
};
