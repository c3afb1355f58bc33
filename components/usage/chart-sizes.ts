// Each chart's drawn height: its body draws at it (chart-bodies.tsx) and its
// frame holds the box at it before then (usage-charts.tsx), so nothing moves.
export const DAY_CHART_HEIGHT = 280;
export const FAILURE_CHART_HEIGHT = 240;
/** A bar per person, so the height follows how many there are. */
export const spendChartHeight = (people: number) => Math.max(160, people * 36 + 48);
