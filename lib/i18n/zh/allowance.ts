// 生成区的费用与额度：这次请求的价格、剩余额度、不能生成的原因、额度何时重置。
export const allowance = {
  leftToday: "今日还剩 {left} 张",
  inFlight: "{n} 张进行中",
  waiting: "{n} 张排队中",
  willWaitOne: "1 张将排队等候",
  willWaitMany: "{n} 张将排队等候",
  leftThisMonth: "本月预算还剩 {left}",

  blockedDailyNone: "今日额度已用完，将于{when}重置。",
  blockedDaily: "今日只剩 {left} 张：请减少张数，或等额度于{when}重置。",
  blockedBudget: "这次需要 {cost}，本月预算只剩 {left}，将于{when}重置。",
  blockedUnpriced: "{what} 尚无价格，而你有每月预算：请换一个模型或尺寸，或请管理员设置价格。",
  blockedQueueNone: "已有 {max} 张在排队，已达上限：请等一些完成。",
  blockedQueue: "最多还能再排队 {room} 张：请减少张数，或等一些完成。",

  resetsDaily: "UTC 午夜（{wait}后）",
  resetsMonthly: "{date}",
  refusedDaily: "今日额度已用完，将于{when}重置。",
  refusedMonthly: "本月预算已用完，将于{when}重置。",
};
