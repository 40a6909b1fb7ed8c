import { readFileSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import {
  ALWAYS,
  BASES,
  BARRIER_ITEMS,
  CODE_GROUPINGS,
  COLUMNS,
  OEKONOMI_2GRP,
  OFFER_ITEMS,
  STOERRELSE_2GRP,
  columnSpec,
  holdsMask,
  holds,
  type Condition,
  itemLabel,
} from "../src/codebook";
import { DataError, mulberry32 } from "../src/survey";

describe("codebook: groupings of codes", () => {
  it("the two groupings the report's text uses (data contract: stoerrelse 1 | 2–3; oekonomi 1–2 | 3–5)", () => {
    expect(STOERRELSE_2GRP.variable).toBe("stoerrelse");
    expect(STOERRELSE_2GRP.groups.map((g) => g.codes)).toEqual([[1], [2, 3]]);
    expect(OEKONOMI_2GRP.variable).toBe("oekonomi");
    expect(OEKONOMI_2GRP.groups.map((g) => g.codes)).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });

  it("every grouping splits all codes of its variable, each code once, with labels in both languages", () => {
    for (const g of CODE_GROUPINGS) {
      const codes = columnSpec(g.variable)
        .codes.map((c) => c.code)
        .sort((a, b) => a - b);
      expect(
        g.groups.flatMap((x) => x.codes).sort((a, b) => a - b),
        g.name,
      ).toEqual(codes);
      for (const x of g.groups) expect(x.label.da && x.label.en, g.name).toBeTruthy();
    }
  });
});

describe("codebook: itemLabel", () => {
  it("an offer column's label is its item's", () => {
    for (const o of OFFER_ITEMS) {
      expect(itemLabel(`tilbud_${o.key}`)).toBe(o.label.da);
      expect(itemLabel(`tilbud_${o.key}`, "en")).toBe(o.label.en);
    }
  });

  it("a barrier column's label is its item's, in every area", () => {
    const barrierColumns = COLUMNS.filter((c) => c.group?.startsWith("bar_"));
    expect(barrierColumns.length).toBeGreaterThan(0);
    for (const c of barrierColumns) {
      const item = BARRIER_ITEMS.find((b) => c.name.endsWith(`_${b.key}`) && c.item === b.key);
      expect(item, c.name).toBeDefined();
      expect(itemLabel(c.name)).toBe(item?.label.da);
    }
  });

  it("any other column: its own label; unknown columns are refused", () => {
    expect(itemLabel("oekonomi")).toBe("Virksomhedens nuværende økonomiske situation");
    expect(() => itemLabel("nope")).toThrow(/Unknown column "nope"/);
  });
});

describe("codebook: the named code sets the report's text uses", () => {
  it("match docs/DATA-CONTRACT.md §2 and the body's reading of ai_brug", async () => {
    const cb = await import("../src/codebook");
    expect(cb.USES_AI).toEqual([3, 4, 5]);
    expect(cb.RELEVANT).toEqual([2, 3, 4, 5]);
    expect(cb.NOT_RELEVANT).toEqual([1]);
    expect(cb.NOT_STARTED).toEqual([2]);
    expect(cb.EXPERIMENTING).toEqual([3]);
    expect(cb.SYSTEMATIC).toEqual([4]);
    expect(cb.OWN_TOOLS).toEqual([5]);
    expect(cb.SYSTEMATIC_OR_OWN_TOOLS).toEqual([4, 5]);
    expect(cb.LARGE_POTENTIAL).toEqual([1, 2]);
    expect(cb.ECONOMY_POSITIVE).toEqual([1, 2]);
    expect(cb.ECONOMY_LESS_OPTIMISTIC).toEqual([3, 4, 5]);
    expect(cb.DIGI_POSITIVE).toEqual([1, 2]);
    expect(cb.UNDER_10_FTE).toEqual([1]);
    expect(cb.AT_LEAST_10_FTE).toEqual([2, 3]);
    for (const codes of [cb.USES_AI, cb.RELEVANT, cb.SYSTEMATIC, cb.OWN_TOOLS, cb.NOT_RELEVANT]) {
      for (const c of codes) expect(cb.AI_BRUG_CODES.map((x) => x.code)).toContain(c);
    }
  });

  it("replace every literal code list in the report layer's figure, base and multi-response code", () => {
    const files = [
      "report/figures.ts",
      "report/reproduce.ts",
      "report/bases.ts",
      "report/multi.ts",
      "lab/synthesize/checks.ts",
      "lab/synthesize/targets.ts",
    ];
    for (const file of files) {
      const code = readFileSync(join(__dirname, "..", "src", file), "utf8")
        .split("\n")
        .filter((line) => !/^\s*(\*|\/\/|\/\*\*)/.test(line));
      const literal = code.filter((line) => /\[\s*\d+\s*(,\s*\d+\s*)+\]/.test(line) || /\bin:\s*\[\s*\d/.test(line));
      expect(literal, file).toEqual([]);
    }
  });

  it("a lookup of an unknown name is a DataError naming the valid names", () => {
    expect(() => columnSpec("nope")).toThrow(DataError);
    expect(() => columnSpec("nope")).toThrow(/Unknown column "nope".*ai_brug/);
  });
});

describe("conditions evaluated for a whole panel", () => {
  it("holdsMask (holds for whole columns) gives holds' answer for every row, for every base and skip rule of the codebook and for odd codes", () => {
    const random = mulberry32(11);
    const rows = 500;
    const columns: Record<string, (number | null)[]> = {};
    const column = (name: string): (number | null)[] =>
      (columns[name] ??= Array.from({ length: rows }, () =>
        random() < 0.2 ? null : [0, 1, 2, 3, 4, 5, 9, 300, -1, 2.5][Math.floor(random() * 10)],
      ));
    const conditions: Condition[] = [
      ...BASES.map((b) => b.condition),
      ...COLUMNS.map((c) => c.askedOf),
      { variable: "ai_brug", in: [300, 2.5, -1] },
      {
        not: { anyOf: [{ variable: "ai_brug", in: [1] }, { allOf: [{ variable: "stoerrelse", in: [2, 3] }, ALWAYS] }] },
      },
    ];
    expect(conditions.length).toBeGreaterThan(BASES.length);
    for (const condition of conditions) {
      const mask = holdsMask(condition, column, rows);
      const expected = Array.from({ length: rows }, (_, i) => (holds(condition, (name) => column(name)[i]) ? 1 : 0));
      expect(Array.from(mask)).toEqual(expected);
    }
  });
});
