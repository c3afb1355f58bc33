import type { UsageResponse } from "@/lib/contract";

// The usage report as CSV (RFC 4180), for a spreadsheet. Cells that a
// spreadsheet would run as a formula (=, +, -, @ first) are quoted with a
// leading apostrophe: a person's name must never become a formula.

function cell(value: string | number): string {
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function usageCsv(report: UsageResponse): string {
  const models = [...new Set(report.rows.flatMap((row) => Object.keys(row.byModel)))].sort();
  const header = [report.groupBy, "pictures", "failed", "cost", "currency", ...models.map((m) => `pictures_${m}`)];
  const lines = report.rows.map((row) =>
    [row.key, row.pictures, row.failed, row.cost, report.currency, ...models.map((m) => row.byModel[m] ?? 0)].map(cell).join(","),
  );
  const total = ["total", report.total.pictures, report.total.failed, report.total.cost, report.currency, ...models.map(() => "")].map(cell);
  return [header.map(cell).join(","), ...lines, total.join(",")].join("\r\n") + "\r\n";
}
