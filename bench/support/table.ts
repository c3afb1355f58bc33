import type { Figure } from "./figures";

// The one table: Markdown, so the terminal shows it aligned and the README
// takes it as it is.

function num(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return unit ? `${num(value)} ${unit}` : num(value);
}

export function renderTable(figures: Figure[]): string {
  const header = ["figure", "value", "baseline", "ratio", "target", "meets target", "note"];
  const rows = figures.map((f) => [
    f.name,
    formatValue(f.value, f.unit),
    f.baseline ? `${formatValue(f.baseline.value, f.unit)} (${f.baseline.label})` : "",
    f.ratio === null || f.ratio === undefined ? "" : `${num(f.ratio)}×`,
    f.target ?? "",
    f.meets === undefined ? "" : f.meets === null ? "?" : f.meets ? "yes" : "**no**",
    f.note ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}
