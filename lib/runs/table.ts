import Papa from "papaparse";
import { fillBlanks, MAX_RUN_ROWS, MAX_RUN_VALUE_CHARS } from "@/lib/contract-values";
import { MAX_PROMPT_LENGTH } from "@/lib/models";

// A run's table: text pasted from a spreadsheet (tab-separated) or a .csv
// file, its first row naming the template's blanks, parsed by papaparse
// (quotes, commas and line breaks inside quoted values). Rows are numbered
// as the spreadsheet numbers them: the header is row 1, so the first values
// are row 2. Every mistake is reported, each naming its row and column, so a
// person fixes the table once. Pure: the server checks with it, and so could
// a page.

/** What is wrong, for a page to say it in the person's language (`message` is the English). */
export type TableProblem =
  | "empty"
  | "noRows"
  | "tooManyRows"
  | "openQuote"
  | "strayQuote"
  | "unnamedColumn"
  | "duplicateColumn"
  | "unknownColumn"
  | "missingColumn"
  | "rowTooLong"
  | "emptyValue"
  | "valueTooLong"
  | "badCharacters"
  | "promptTooLong";

/**
 * One mistake in the table: `path` is `table.<row>.<column>` (or
 * `table.<row>` for the whole row); `row` and `column` name the place (null
 * where it is the whole table or row), `count` the number the message gives.
 */
export type TableIssue = { path: string; message: string; problem: TableProblem; row: number | null; column: string | null; count?: number };
export type ParsedTable = { ok: true; rows: Record<string, string>[] } | { ok: false; issues: TableIssue[] };

/** Enough to fix a table in one go without a wall of text. */
const MAX_ISSUES = 20;
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const quoted = (name: string) => `“${name}”`;
const columnName = (header: readonly string[], index: number) => (header[index] ? quoted(header[index]) : `${index + 1}`);

export function parseRunTable(text: string, blanks: readonly string[]): ParsedTable {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { delimitersToGuess: ["\t", ",", ";"], skipEmptyLines: "greedy" });
  const issues: TableIssue[] = [];
  for (const error of parsed.errors) {
    // A quote left open swallows the rest of the table: say where it starts.
    const row = (error.row ?? 0) + 1;
    if (error.code === "MissingQuotes") issues.push({ path: `table.${row}`, message: `Row ${row}: a quote (") is opened and never closed`, problem: "openQuote", row, column: null });
    else if (error.code === "InvalidQuotes") issues.push({ path: `table.${row}`, message: `Row ${row}: a quoted value has more text after its closing quote`, problem: "strayQuote", row, column: null });
  }
  if (issues.length > 0) return { ok: false, issues };
  const [headerCells, ...body] = parsed.data;
  if (!headerCells || headerCells.every((cell) => cell.trim() === "")) {
    return { ok: false, issues: [{ path: "table", message: `The table is empty: its first row names the blanks (${blanks.join(", ")}), one row of values follows per run`, problem: "empty", row: null, column: null }] };
  }
  // Empty cells at the header's end are a spreadsheet's spare columns, not blanks.
  const header = headerCells.map((cell) => cell.trim());
  while (header.at(-1) === "") header.pop();
  issues.push(...headerIssues(header, blanks));
  if (body.length === 0) issues.push({ path: "table.2", message: "The table has a header row and no rows of values", problem: "noRows", row: null, column: null });
  if (body.length > MAX_RUN_ROWS) {
    issues.push({ path: `table.${MAX_RUN_ROWS + 2}`, message: `The table has ${body.length} rows of values: at most ${MAX_RUN_ROWS} in one run`, problem: "tooManyRows", row: null, column: null, count: body.length });
  }
  if (issues.length > 0) return { ok: false, issues: issues.slice(0, MAX_ISSUES) };

  const rows: Record<string, string>[] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    if (cells.length > header.length && cells.slice(header.length).some((cell) => cell.trim() !== "")) {
      issues.push({
        path: `table.${row}.${header.length + 1}`,
        message: `Row ${row} is too long: ${cells.length} values, but the header names ${header.length} columns (column ${header.length + 1} has no name)`,
        problem: "rowTooLong",
        row,
        column: String(header.length + 1),
        count: cells.length,
      });
      return;
    }
    const values: Record<string, string> = {};
    header.forEach((name, column) => (values[name] = (cells[column] ?? "").trim()));
    issues.push(...valueIssues(values, blanks, (name) => `table.${row}.${name}`, row));
    rows.push(values);
  });
  return issues.length > 0 ? { ok: false, issues: issues.slice(0, MAX_ISSUES) } : { ok: true, rows };
}

/**
 * Rows given as objects (`rows` in POST /api/runs), checked as a table's are:
 * rows numbered from 1 here, as a list's items are.
 */
export function checkRunRows(rows: readonly Record<string, string>[], blanks: readonly string[]): ParsedTable {
  const issues: TableIssue[] = [];
  if (rows.length === 0) issues.push({ path: "rows", message: "rows is empty: give one row of values per run", problem: "noRows", row: null, column: null });
  rows.forEach((given, i) => {
    const unknown = Object.keys(given).filter((name) => !blanks.includes(name));
    for (const name of unknown) {
      issues.push({ path: `rows.${i}.${name}`, message: `Row ${i + 1}, column ${quoted(name)}: not a blank of this template (its blanks: ${blanks.join(", ")})`, problem: "unknownColumn", row: i + 1, column: name });
    }
    const values = Object.fromEntries(blanks.map((name) => [name, (given[name] ?? "").trim()]));
    issues.push(...valueIssues(values, blanks, (name) => `rows.${i}.${name}`, i + 1));
  });
  if (issues.length > 0) return { ok: false, issues: issues.slice(0, MAX_ISSUES) };
  return { ok: true, rows: rows.map((given) => Object.fromEntries(blanks.map((name) => [name, given[name]!.trim()]))) };
}

function headerIssues(header: readonly string[], blanks: readonly string[]): TableIssue[] {
  const issues: TableIssue[] = [];
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === "") issues.push({ path: `table.1.${i + 1}`, message: `Row 1, column ${i + 1}: the header names no blank here`, problem: "unnamedColumn", row: 1, column: String(i + 1) });
    else if (seen.has(name)) issues.push({ path: `table.1.${name}`, message: `Row 1, column ${columnName(header, i)}: named twice`, problem: "duplicateColumn", row: 1, column: name });
    else if (!blanks.includes(name)) {
      issues.push({ path: `table.1.${name}`, message: `Row 1, column ${quoted(name)}: unknown column, not a blank of this template (its blanks: ${blanks.join(", ")})`, problem: "unknownColumn", row: 1, column: name });
    }
    seen.add(name);
  });
  for (const blank of blanks) {
    if (!seen.has(blank)) issues.push({ path: `table.1.${blank}`, message: `Row 1: no column for the blank ${quoted(blank)}`, problem: "missingColumn", row: 1, column: blank });
  }
  return issues;
}

/** A row's values: each blank given, not empty, not too long, and the prompt they make within the limit. */
function valueIssues(values: Record<string, string>, blanks: readonly string[], pathOf: (name: string) => string, row: number): TableIssue[] {
  const issues: TableIssue[] = [];
  for (const name of blanks) {
    const value = values[name] ?? "";
    const where = { path: pathOf(name), row, column: name };
    const text = `Row ${row}, column ${quoted(name)}`;
    if (value === "") issues.push({ ...where, message: `${text}: empty value`, problem: "emptyValue" });
    else if (value.length > MAX_RUN_VALUE_CHARS) {
      issues.push({ ...where, message: `${text}: the value is ${value.length} characters, at most ${MAX_RUN_VALUE_CHARS}`, problem: "valueTooLong", count: value.length });
    } else if (CONTROL_CHARS.test(value)) issues.push({ ...where, message: `${text}: the value contains characters that are not allowed`, problem: "badCharacters" });
  }
  return issues;
}

/** Each row's prompt: the template's with its blanks filled; one past the prompt limit is an issue naming its row. */
export function runPrompts(prompt: string, rows: readonly Record<string, string>[], firstRow: number): { prompts: string[]; issues: TableIssue[] } {
  const prompts = rows.map((values) => fillBlanks(prompt, values));
  const issues = prompts.flatMap((text, i) =>
    text.length > MAX_PROMPT_LENGTH
      ? [{ path: `rows.${i}`, message: `Row ${i + firstRow}: its prompt would be ${text.length} characters, at most ${MAX_PROMPT_LENGTH}`, problem: "promptTooLong" as const, row: i + firstRow, column: null, count: text.length }]
      : [],
  );
  return { prompts, issues };
}
