import type { gallery as en } from "../en/gallery";

export const gallery: typeof en = {
  heading: "图库",
  listLabel: "图库",
  activeCount: "{count} 张生成中",

  toolbar: {
    label: "筛选图库",
    searchLabel: "搜索提示词",
    searchPlaceholder: "搜索提示词…",
    modelLabel: "模型",
    allModels: "全部模型",
    favorites: "收藏",
    mine: "我的",
    statusLabel: "状态",
    statusAll: "全部状态",
    statusCompleted: "已完成",
    statusFailed: "失败",
    statusActive: "生成中",
  },

  card: {
    open: "打开「{prompt}」",
    favorite: "收藏「{prompt}」",
    progressLabel: "进度",
    elapsedLabel: "已用时间",
    submitting: "正在提交…",
    queued: "排队等待中",
    processing: "正在绘制… {progress}%",
    failedTitle: "这张没能生成",
    failedFallback: "图片未能生成。",
    cancelledTitle: "已取消",
    cancelledActive: "已取消——网关仍可能完成它；无论如何都会计费。",
    arrivedAfterCancel: "在取消之后送达。",
    retry: "重试",
    retrying: "正在重试…",
    retryNamed: "重试「{prompt}」",
    saving: "正在保存…",
    savingReason: "正在保存…（{reason}）",
    unanswered: "网关自 {since} 起未响应；工作室会继续询问。",
    cancel: "取消「{prompt}」",
    delete: "删除「{prompt}」",
    cancelShort: "取消",
    deleteShort: "删除",
  },

  // 第 26 号问题第 5、12 项：因内容被拒、键盘与读屏的文字。
  refused: {
    editPrompt: "修改提示词",
    editPromptNamed: "修改「{prompt}」的提示词",
    hint: "同样的提示词还会被拒绝：修改后再生成。",
  },
  keyboard: {
    skipToPictures: "跳到图片",
    select: "选择「{prompt}」",
    hint: "方向键在图片间移动；Tab 键可到达图片上的按钮。",
  },
  announce: {
    finishedOne: "已完成：{prompt}",
    finishedMany: "已完成 {count} 张：{prompt}",
    failedOne: "失败：{prompt}：{reason}",
    failedMany: "{count} 张失败：{prompt}：{reason}",
    finishedSome: "{count} 张中完成 {done} 张，失败 {failed} 张：{prompt}：{reason}",
  },

  list: {
    loading: "正在加载图库…",
    loadMore: "加载更多",
    loadingMore: "正在加载更多…",
    end: "已经到底了",
    loadMoreFailed: "无法加载更多图片。",
    holdToSelect: "长按图片即可多选。",
  },

  empty: {
    title: "图库还空着",
    body: "在提示词框里描述你想要的画面——场景、氛围、风格都可以——然后点击生成。你和团队生成的每一张图都会出现在这里，最新的排在最前。",
    hint: "小提示：添加参考图可以更好地控制画面风格。",
  },
  noResults: {
    title: "没有符合筛选条件的图片",
    body: "换个关键词或模型试试，或者清除筛选查看全部。",
    clear: "清除筛选",
  },
  error: {
    title: "图库加载失败",
    retry: "重试",
  },

  lightbox: {
    notFound: "找不到这张图片。它可能已被删除，或者链接不完整。",
    dismissNotFound: "关闭提示",
    close: "关闭",
    previous: "上一张",
    next: "下一张",
    position: "第 {index} 张，共 {total} 张",
    prompt: "提示词",
    details: "详细信息",
    model: "模型",
    size: "尺寸",
    aspectRatio: "宽高比",
    dimensions: "像素",
    fileSize: "文件大小",
    created: "创建时间",
    createdBy: "创建者",
    you: "{name}（我）",
    references: "参考图",
    reference: "参考图 {index}",
    download: "下载",
    copyPrompt: "复制提示词",
    copied: "已复制",
    copyFailed: "无法复制，请手动选中提示词复制。",
    favorite: "收藏",
    unfavorite: "取消收藏",
    remix: "再创作",
    useAsReference: "用作参考图",
    delete: "删除",
    actionFailed: "操作失败：{message}",
  },

  confirmDelete: {
    title: "删除这张图片？",
    body: "删除后，整个团队都将看不到这张图片，服务器上的文件也会一并移除。此操作无法撤销。",
    confirm: "删除",
    cancel: "取消",
    deleting: "正在删除…",
  },

  confirmDeleteUnfinished: {
    title: "删除这条生成记录？",
    bodyFailed: "它会从整个团队的图库中消失，且无法撤销。",
    bodyActive: "工作室将不再等待它，它会从整个团队的图库中消失。网关无法取消任务，因此任务仍可能完成并计费；在它本应超时之前，它仍计入你正在生成的图片数。",
  },

  confirmCancel: {
    title: "取消这张图片？",
    body: "网关无法取消任务：任务会继续运行，无论如何都会计费。如果图片仍然送达，会被保留。",
    confirm: "取消图片",
    keep: "继续等待",
    cancelling: "正在取消…",
  },

  confirmRetry: {
    title: "重试一张可能已经生成的图片？",
    body: "工作室未能确认这个任务的结果，它可能已经生成并计费。重试会新建一个任务并再次计费。请先查看网关的任务列表{task}。",
    task: "（任务 {id}）",
    confirm: "仍然重试",
    cancel: "不重试",
  },

  units: {
    kb: "{value} KB",
    mb: "{value} MB",
  },
};
