// English strings of the composer's money and limits: the price of
// a request, what is left, why Generate is off, and when a limit resets.
// Keys are mirrored in ../zh/allowance.ts (type-checked).
export const allowance = {
  leftToday: "{left} left today",
  inFlight: "{n} in flight",
  waiting: "{n} waiting",
  willWaitOne: "1 will wait for a slot",
  willWaitMany: "{n} will wait for a slot",
  leftThisMonth: "{left} left this month",

  blockedDailyNone: "No pictures left today. It resets {when}.",
  blockedDaily: "Only {left} left today: ask for fewer, or wait until it resets {when}.",
  blockedBudget: "This costs {cost} and {left} of your monthly budget is left. It resets {when}.",
  blockedUnpriced: "{what} has no price, and a monthly budget applies to you: pick another model or size, or ask an admin to set its price.",
  blockedQueueNone: "{max} pictures are already waiting, the most that may: wait for some to finish.",
  blockedQueue: "Only {room} more may wait for a slot: ask for fewer, or wait for some to finish.",

  resetsDaily: "at midnight UTC (in {wait})",
  resetsMonthly: "on {date}",
  refusedDaily: "Your daily limit is used up. It resets {when}.",
  refusedMonthly: "Your monthly budget is used up. It resets {when}.",
};
