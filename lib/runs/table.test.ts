import { describe, expect, it } from "vitest";
import { checkRunRows, parseRunTable, runPrompts } from "./table";

const BLANKS = ["product", "surface"];
const messages = (result: ReturnType<typeof parseRunTable>) => (result.ok ? [] : result.issues.map((i) => i.message));

describe("a run's table", () => {
  it("reads tab-separated text as a spreadsheet copies it, and CSV with quotes, commas and line breaks in values", () => {
    expect(parseRunTable("product\tsurface\nmug\toak\nlamp, brass\t marble \n", BLANKS)).toEqual({
      ok: true,
      rows: [
        { product: "mug", surface: "oak" },
        { product: "lamp, brass", surface: "marble" },
      ],
    });
    const csv = '\uFEFFsurface,product\r\n"slate, wet","a ""quoted"" vase"\r\nlinen,"two\nlines"\r\n';
    expect(parseRunTable(csv, BLANKS)).toEqual({
      ok: true,
      rows: [
        { surface: "slate, wet", product: 'a "quoted" vase' },
        { surface: "linen", product: "two\nlines" },
      ],
    });
    // Chinese blanks and values; blank lines and a trailing empty cell are nothing.
    expect(parseRunTable("产品,表面,\n杯子,木头,\n\n", ["产品", "表面"])).toEqual({ ok: true, rows: [{ 产品: "杯子", 表面: "木头" }] });
  });

  it("names the row and column of every mistake, rows numbered as the spreadsheet numbers them", () => {
    // Each names its place for a page to say it in the person's language.
    expect(parseRunTable("product,surface\nmug,\nlamp,oak,extra", BLANKS)).toMatchObject({
      issues: [
        { problem: "emptyValue", row: 2, column: "surface" },
        { problem: "rowTooLong", row: 3, column: "3", count: 3 },
      ],
    });
    expect(messages(parseRunTable("product,colour\nmug,red", BLANKS))).toEqual([
      "Row 1, column “colour”: unknown column, not a blank of this template (its blanks: product, surface)",
      "Row 1: no column for the blank “surface”",
    ]);
    expect(messages(parseRunTable("product,surface\nmug,\n,oak\nlamp,slate,extra", BLANKS))).toEqual([
      "Row 2, column “surface”: empty value",
      "Row 3, column “product”: empty value",
      "Row 4 is too long: 3 values, but the header names 2 columns (column 3 has no name)",
    ]);
    expect(parseRunTable("product,surface\nmug", BLANKS)).toMatchObject({ ok: false, issues: [{ path: "table.2.surface", message: "Row 2, column “surface”: empty value" }] });
    expect(messages(parseRunTable('product,surface\n"mug,oak\nlamp,slate', BLANKS))).toEqual(['Row 2: a quote (") is opened and never closed']);
    expect(messages(parseRunTable("product,product,surface\na,b,c", BLANKS))).toEqual(["Row 1, column “product”: named twice"]);
  });

  it("refuses an empty table, a header alone and more than 100 rows", () => {
    expect(messages(parseRunTable(" \n", BLANKS))[0]).toMatch(/^The table is empty/);
    expect(messages(parseRunTable("product,surface\n", BLANKS))).toEqual(["The table has a header row and no rows of values"]);
    const big = ["product,surface", ...Array.from({ length: 101 }, (_, i) => `p${i},s`)].join("\n");
    expect(messages(parseRunTable(big, BLANKS))).toEqual(["The table has 101 rows of values: at most 100 in one run"]);
    expect(parseRunTable(big.split("\n").slice(0, 101).join("\n"), BLANKS)).toMatchObject({ ok: true });
  });

  it("checks rows given as objects the same way, numbered from 1", () => {
    expect(checkRunRows([{ product: " mug ", surface: "oak" }], BLANKS)).toEqual({ ok: true, rows: [{ product: "mug", surface: "oak" }] });
    expect(checkRunRows([{ product: "mug", surface: "oak", colour: "red" }, { product: "" }], BLANKS)).toEqual({
      ok: false,
      issues: [
        { path: "rows.0.colour", message: "Row 1, column “colour”: not a blank of this template (its blanks: product, surface)", problem: "unknownColumn", row: 1, column: "colour" },
        { path: "rows.1.product", message: "Row 2, column “product”: empty value", problem: "emptyValue", row: 2, column: "product" },
        { path: "rows.1.surface", message: "Row 2, column “surface”: empty value", problem: "emptyValue", row: 2, column: "surface" },
      ],
    });
    expect(checkRunRows([], BLANKS)).toMatchObject({ ok: false });
  });

  it("fills each row's prompt, and names a row whose prompt would pass the limit", () => {
    expect(runPrompts("{product} on {surface}", [{ product: "mug", surface: "oak" }], 2).prompts).toEqual(["mug on oak"]);
    const { issues } = runPrompts("{product}".repeat(6), [{ product: "x".repeat(2_000) }], 2);
    expect(issues).toEqual([{ path: "rows.0", message: "Row 2: its prompt would be 12000 characters, at most 10000", problem: "promptTooLong", row: 2, column: null, count: 12_000 }]);
  });
});
