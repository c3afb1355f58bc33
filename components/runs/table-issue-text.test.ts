import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/en";
import { zh } from "@/lib/i18n/zh";
import { parseRunTable } from "@/lib/runs/table";
import { tableIssueText } from "./table-issue-text";

const BLANKS = ["product", "surface"];
const texts = (table: string, words: typeof en.runDialog) => {
  const parsed = parseRunTable(table, BLANKS);
  return parsed.ok ? [] : parsed.issues.map((issue) => tableIssueText(issue, words, BLANKS));
};

describe("a table's mistakes in the person's language", () => {
  it("says each with its row and column, in English as the server does and in Chinese", () => {
    const table = "product,surface,colour\nmug,\nlamp,oak,red,extra";
    expect(texts(table, en.runDialog)).toEqual(["Row 1, column “colour”: unknown column, not a blank of this template (product, surface)."]);
    expect(texts("product,surface\nmug,\nlamp,oak,extra", en.runDialog)).toEqual([
      "Row 2, column “surface”: empty value.",
      "Row 3 is too long: 3 values, but the header names fewer columns (column 3 has no name).",
    ]);
    expect(texts("product,surface\nmug,\nlamp,oak,extra", zh.runDialog)).toEqual(["第 2 行“surface”列：值为空。", "第 3 行太长：有 3 个值，但标题的列更少（第 3 列没有名称）。"]);
  });

  it("leaves no placeholder unfilled for any problem", () => {
    const tables = ["", "product,surface\n", '"product', "product,product,surface\na,b,c", ["product,surface", ...Array(101).fill("a,b")].join("\n")];
    for (const table of tables) for (const text of texts(table, zh.runDialog)) expect(text).not.toMatch(/\{\w+\}/);
  });
});
