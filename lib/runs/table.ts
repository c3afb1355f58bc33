import Papa from "papaparse";
import { MAX_RUN_ROWS, MAX_RUN_VALUE_CHARS } from "@/lib/contract-runs";
import { fillBlanks } from "@/lib/contract-templates";
import { MAX_PROMPT_LENGTH } from "@/lib/models";

// A run's table: text pasted from a spreadsheet (tab-separated) or a .csv
// file, its first row naming the template's blanks, parsed by papaparse
// (quotes, commas and line breaks inside quoted values). Rows are numbered
// as the spreadsheet numbers them: the header is row 1, so the first values
// are row 2. Every mistake is reported, each naming its row and column, so a
// person fixes the table once. Pure: the server checks with it, and so could
// a page.

/** One mistake in the table: `path` is `table.<row>.<column>` (or `table.<row>` for the whole row). */
export type TableIssue = { path: string; message: string };
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
    if (error.code === "MissingQuotes") issues.push({ path: `table.${row}`, message: `Row ${row}: a quote (") is opened and never closed` });
    else if (error.code === "InvalidQuotes") issues.push({ path: `table.${row}`, message: `Row ${row}: a quoted value has more text after its closing quote` });
  }
  if (issues.length > 0) return { ok: false, issues };
  const [headerCells, ...body] = parsed.data;
  if (!headerCells || headerCells.every((cell) => cell.trim() === "")) {
    return { ok: false, issues: [{ path: "table", message: `The table is empty: its first row names the blanks (${blanks.join(", ")}), one row of values follows per run` }] };
  }
  // Empty cells at the header's end are a spreadsheet's spare columns, not blanks.
  const header = headerCells.map((cell) => cell.trim());
  while (header.at(-1) === "") header.pop();
  issues.push(...headerIssues(header, blanks));
  if (body.length === 0) issues.push({ path: "table.2", message: "The table has a header row and no rows of values" });
  if (body.length > MAX_RUN_ROWS) issues.push({ path: `table.${MAX_RUN_ROWS + 2}`, message: `The table has ${body.length} rows of values: at most ${MAX_RUN_ROWS} in one run` });
  if (issues.length > 0) return { ok: false, issues: issues.slice(0, MAX_ISSUES) };

  const rows: Record<string, string>[] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    if (cells.length > header.length && cells.slice(header.length).some((cell) => cell.trim() !== "")) {
      issues.push({ path: `table.${row}.${header.length + 1}`, message: `Row ${row} is too long: ${cells.length} values, but the header names ${header.length} columns (column ${header.length + 1} has no name)` });
      return;
    }
    const values: Record<string, string> = {};
    header.forEach((name, column) => (values[name] = (cells[column] ?? "").trim()));
    issues.push(...valueIssues(values, blanks, (name) => `table.${row}.${name}`, `Row ${row}`));
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
  if (rows.length === 0) issues.push({ path: "rows", message: "rows is empty: give one row of values per run" });
  rows.forEach((given, i) => {
    const unknown = Object.keys(given).filter((name) => !blanks.includes(name));
    for (const name of unknown) issues.push({ path: `rows.${i}.${name}`, message: `Row ${i + 1}, column ${quoted(name)}: not a blank of this template (its blanks: ${blanks.join(", ")})` });
    const values = Object.fromEntries(blanks.map((name) => [name, (given[name] ?? "").trim()]));
    issues.push(...valueIssues(values, blanks, (name) => `rows.${i}.${name}`, `Row ${i + 1}`));
  });
  if (issues.length > 0) return { ok: false, issues: issues.slice(0, MAX_ISSUES) };
  return { ok: true, rows: rows.map((given) => Object.fromEntries(blanks.map((name) => [name, given[name]!.trim()]))) };
}

function headerIssues(header: readonly string[], blanks: readonly string[]): TableIssue[] {
  const issues: TableIssue[] = [];
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === "") issues.push({ path: `table.1.${i + 1}`, message: `Row 1, column ${i + 1}: the header names no blank here` });
    else if (seen.has(name)) issues.push({ path: `table.1.${name}`, message: `Row 1, column ${columnName(header, i)}: named twice` });
    else if (!blanks.includes(name)) issues.push({ path: `table.1.${name}`, message: `Row 1, column ${quoted(name)}: unknown column, not a blank of this template (its blanks: ${blanks.join(", ")})` });
    seen.add(name);
  });
  for (const blank of blanks) {
    if (!seen.has(blank)) issues.push({ path: `table.1.${blank}`, message: `Row 1: no column for the blank ${quoted(blank)}` });
  }
  return issues;
}

/** A row's values: each blank given, not empty, not too long, and the prompt they make within the limit. */
function valueIssues(values: Record<string, string>, blanks: readonly string[], pathOf: (name: string) => string, row: string): TableIssue[] {
  const issues: TableIssue[] = [];
  for (const name of blanks) {
    const value = values[name] ?? "";
    const where = `${row}, column ${quoted(name)}`;
    if (value === "") issues.push({ path: pathOf(name), message: `${where}: empty value` });
    else if (value.length > MAX_RUN_VALUE_CHARS) issues.push({ path: pathOf(name), message: `${where}: the value is ${value.length} characters, at most ${MAX_RUN_VALUE_CHARS}` });
    else if (CONTROL_CHARS.test(value)) issues.push({ path: pathOf(name), message: `${where}: the value contains characters that are not allowed` });
  }
  return issues;
}

/** Each row's prompt: the template's with its blanks filled; one past the prompt limit is an issue naming its row. */
export function runPrompts(prompt: string, rows: readonly Record<string, string>[], firstRow: number): { prompts: string[]; issues: TableIssue[] } {
  const prompts = rows.map((values) => fillBlanks(prompt, values));
  const issues = prompts.flatMap((text, i) =>
    text.length > MAX_PROMPT_LENGTH ? [{ path: `rows.${i}`, message: `Row ${i + firstRow}: its prompt would be ${text.length} characters, at most ${MAX_PROMPT_LENGTH}` }] : [],
  );
  return { prompts, issues };
}
