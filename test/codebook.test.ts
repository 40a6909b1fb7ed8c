import { describe, expect, it } from "vitest";
import {
  BARRIER_ITEMS,
  CODE_GROUPINGS,
  COLUMNS,
  OEKONOMI_2GRP,
  OFFER_ITEMS,
  STOERRELSE_2GRP,
  codeGrouping,
  columnSpec,
  groupMasks,
  itemLabel,
} from "../src/report/codebook";
import { DataError } from "../src/survey";

describe("codebook: groupings of codes", () => {
  it("the two groupings the report's text uses (data contract: stoerrelse 1 | 2–3; oekonomi 1–2 | 3–5)", () => {
    expect(STOERRELSE_2GRP.variable).toBe("stoerrelse");
    expect(STOERRELSE_2GRP.groups.map((g) => g.codes)).toEqual([[1], [2, 3]]);
    expect(OEKONOMI_2GRP.variable).toBe("oekonomi");
    expect(OEKONOMI_2GRP.groups.map((g) => g.codes)).toEqual([[1, 2], [3, 4, 5]]);
  });

  it("every grouping splits all codes of its variable, each code once, with labels in both languages", () => {
    for (const g of CODE_GROUPINGS) {
      const codes = columnSpec(g.variable).codes.map((c) => c.code).sort((a, b) => a - b);
      expect(g.groups.flatMap((x) => x.codes).sort((a, b) => a - b), g.name).toEqual(codes);
      for (const x of g.groups) expect(x.label.da && x.label.en, g.name).toBeTruthy();
      expect(codeGrouping(g.name)).toBe(g);
    }
    expect(() => codeGrouping("size")).toThrow(DataError);
    expect(() => codeGrouping("size")).toThrow(/Unknown grouping "size".*stoerrelse_2grp, oekonomi_2grp/);
  });

  it("groupMasks: one mask per group, empty cells in none", () => {
    expect(groupMasks(STOERRELSE_2GRP, [1, 2, 3, null])).toEqual([
      [true, false, false, false],
      [false, true, true, false],
    ]);
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
