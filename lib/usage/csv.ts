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
  // Columns added later go after the first five, so sheets that read those by position keep working.
  const header = [report.groupBy, "pictures", "failed", "cost", "currency", "failed_charged", "in_flight", ...models.map((m) => `pictures_${m}`)];
  const lines = report.rows.map((row) =>
    [row.key, row.pictures, row.failed, row.cost, report.currency, row.failedCharged, row.inFlight, ...models.map((m) => row.byModel[m] ?? 0)]
      .map(cell)
      .join(","),
  );
  const { total: t } = report;
  const total = ["total", t.pictures, t.failed, t.cost, report.currency, t.failedCharged, t.inFlight, ...models.map(() => "")].map(cell);
  return [header.map(cell).join(","), ...lines, total.join(",")].join("\r\n") + "\r\n";
}
