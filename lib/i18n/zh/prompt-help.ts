// 编辑器里的文字帮助：改进提示词、把参考图描述成提示词。与 ../en/prompt-help.ts 一一对应。
export const promptHelp = {
  improve: "改进",
  improving: "正在改进…",
  improveHint: "建议一个更清晰的提示词，由你决定保留哪些",
  describe: "把参考图 {n} 描述成提示词",
  describing: "正在描述…",
  suggestionTitle: "建议的提示词",
  describedTitle: "根据参考图生成的提示词",
  diffLegend: "新增的词带下划线，删除的词带删除线。",
  accept: "采用",
  edit: "编辑",
  discard: "放弃",
  off: "本工作室未配置文字帮助。",
  failed: "没有建议：{message}",
  unchanged: "你的提示词没有改变。",
};
