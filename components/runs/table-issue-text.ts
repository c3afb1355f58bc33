import type { TableIssue } from "@/lib/runs/table";
import type { Dictionary } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";

type Words = Dictionary["runDialog"];

/** A table mistake in the person's language, naming its row and column as the spreadsheet numbers them. */
export function tableIssueText(issue: TableIssue, words: Words, blanks: readonly string[]): string {
  const values = { row: issue.row ?? "", column: issue.column ?? "", count: issue.count ?? "", blanks: blanks.join(", ") };
  const template: Record<TableIssue["problem"], string> = {
    empty: words.problemEmpty,
    noRows: words.problemNoRows,
    tooManyRows: words.problemTooManyRows,
    openQuote: words.problemOpenQuote,
    strayQuote: words.problemStrayQuote,
    unnamedColumn: words.problemUnnamedColumn,
    duplicateColumn: words.problemDuplicateColumn,
    unknownColumn: words.problemUnknownColumn,
    missingColumn: words.problemMissingColumn,
    rowTooLong: words.problemRowTooLong,
    emptyValue: words.problemEmptyValue,
    valueTooLong: words.problemValueTooLong,
    badCharacters: words.problemBadCharacters,
    promptTooLong: words.problemPromptTooLong,
  };
  return format(template[issue.problem], values);
}
