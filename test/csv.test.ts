import { describe, expect, it } from "vitest";
import { parseDelimited, parseNumber } from "../src/data/csv";
import { DataError } from "../src/survey/errors";

describe("parseDelimited", () => {
  it("reads comma-separated text with quotes, doubled quotes, separators and line breaks inside quotes", () => {
    const t = parseDelimited('id,name,note\n1,"Hansen, A/S","sagde ""ja""\npå to linjer"\n2,Ørsted,\n', "x.csv");
    expect(t.delimiter).toBe(",");
    expect(t.header).toEqual(["id", "name", "note"]);
    expect(t.rows).toEqual([
      ["1", "Hansen, A/S", 'sagde "ja"\npå to linjer'],
      ["2", "Ørsted", ""],
    ]);
  });

  it("detects semicolons from the header and handles a BOM and CRLF (Danish Excel export)", () => {
    const t = parseDelimited(
      "\uFEFFvariable;level;count\r\nbranche;1;13757,5\r\nbranche;2;1,25\r\n\r\n",
      "margins.csv",
    );
    expect(t.delimiter).toBe(";");
    expect(t.header).toEqual(["variable", "level", "count"]);
    expect(t.rows).toEqual([
      ["branche", "1", "13757,5"],
      ["branche", "2", "1,25"],
    ]);
  });

  it("a file without a final newline", () => {
    expect(parseDelimited("a,b\n1,2", "x").rows).toEqual([["1", "2"]]);
  });

  it("a ragged row is an error naming the row", () => {
    expect(() => parseDelimited("a,b,c\n1,2,3\n4,5\n", "panel.csv")).toThrowError(
      'panel.csv, row 2: the row has 2 fields but the header has 3; expected 3 fields separated by ","',
    );
  });

  it("an empty row in the middle is an error naming the row", () => {
    expect(() => parseDelimited("a,b\n1,2\n\n3,4\n", "panel.csv")).toThrowError("panel.csv, row 2: the row is empty");
  });

  it("an unterminated quote and a stray quote are errors", () => {
    expect(() => parseDelimited('a,b\n1,"2\n', "x.csv")).toThrowError(/never closed/);
    expect(() => parseDelimited('a,b\n1,2"3\n', "x.csv")).toThrowError(DataError);
  });

  it("duplicate and empty header names are errors", () => {
    expect(() => parseDelimited("a,a\n1,2\n", "x.csv")).toThrowError(
      'x.csv, column "a": column "a" appears twice in the header',
    );
    expect(() => parseDelimited("a,,c\n1,2,3\n", "x.csv")).toThrowError(/header field 2 is empty/);
  });
});

describe("parseNumber", () => {
  it("reads plain numbers and rejects anything else", () => {
    expect(parseNumber(" 12 ")).toBe(12);
    expect(parseNumber("-0.5")).toBe(-0.5);
    expect(parseNumber("1e3")).toBe(1000);
    expect(parseNumber("")).toBeNull();
    expect(parseNumber("7x")).toBeNull();
    expect(parseNumber("1,5")).toBeNull(); // no decimal comma unless asked
    expect(parseNumber("NaN")).toBeNull();
    expect(parseNumber("Infinity")).toBeNull();
  });

  it("reads Danish decimal commas and thousands points when asked", () => {
    expect(parseNumber("1234,5", { decimalComma: true })).toBe(1234.5);
    expect(parseNumber("1.234,5", { decimalComma: true })).toBe(1234.5);
    expect(parseNumber("154.138.000", { decimalComma: true })).toBe(154138000);
    expect(parseNumber("12.5", { decimalComma: true })).toBe(12.5);
    expect(parseNumber("1,234.5", { decimalComma: true })).toBeNull();
  });
});
