import { describe, expect, it } from "vitest";
import { BASES, COLUMNS, holds, type Condition } from "../src/codebook";
import { EMPTY_CODE, INVALID_CODE, type CompactPanel } from "../src/data/compact";
import { conditionMask } from "../src/data/condition-mask";
import { loadDataset } from "../src/report/dataset";
import { askResult } from "../src/ask/compute";
import { normalizeSpec } from "../src/ask/spec";
import { update } from "../src/survey";

/** A compact panel of random codes (0–6, empty, invalid) for every codebook column; its columns start off 4-byte boundaries when `offset` is odd. */
function randomPanel(rows: number, offset: number, seed: number): CompactPanel {
  let s = seed;
  const next = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const codes: Record<string, Int8Array> = {};
  for (const spec of COLUMNS) {
    const col = new Int8Array(new ArrayBuffer(rows + offset), offset, rows);
    for (let i = 0; i < rows; i++) {
      const u = next();
      col[i] = u < 0.15 ? EMPTY_CODE : u < 0.17 ? INVALID_CODE : Math.floor(next() * 7);
    }
    codes[spec.name] = col;
  }
  return {
    source: "random.csv",
    rowCount: rows,
    ids: Array.from({ length: rows }, (_, i) => String(i + 1)),
    codes,
    numbers: {},
    texts: {},
  };
}

/** The row-by-row reading of a condition (the codebook's `holds`), as the mask's reference. */
function rowByRow(condition: Condition, panel: CompactPanel): number[] {
  return Array.from({ length: panel.rowCount }, (_, i) =>
    holds(condition, (name) => {
      const v = panel.codes[name]?.[i];
      return v === undefined || v === EMPTY_CODE || v === INVALID_CODE ? null : v;
    })
      ? 1
      : 0,
  );
}

const conditions: Condition[] = [
  ...COLUMNS.map((c) => c.askedOf),
  ...BASES.map((b) => b.condition),
  {
    not: {
      anyOf: [
        { variable: "ai_brug", in: [1, 2] },
        {
          allOf: [
            { variable: "stoerrelse", in: [3] },
            { variable: "branche", in: [0, 4, 6] },
          ],
        },
      ],
    },
  },
  { variable: "no_such_column", in: [1] },
  {
    anyOf: [
      { variable: "ai_brug", in: [-3, 200, 1.5] },
      { variable: "stoerrelse", in: [2] },
    ],
  },
];

describe("conditionMask: column-wise, four rows at a time", () => {
  for (const [rows, offset] of [
    [1003, 0],
    [1001, 1],
    [7, 3],
  ]) {
    it(`equals the row-by-row reading for every skip rule and base (${rows} rows, columns offset ${offset})`, () => {
      const panel = randomPanel(rows, offset, rows + offset);
      const cache = new Map<string, Uint8Array>();
      for (const condition of conditions)
        expect({ condition, mask: Array.from(conditionMask(condition, panel, cache)) }).toEqual({
          condition,
          mask: rowByRow(condition, panel),
        });
    });
  }
});

describe("ask's bases read the compact panel only while the design's columns are the panel's", () => {
  it("a design whose base column was replaced by update() is answered from the replaced column", () => {
    const ds = loadDataset();
    const spec = normalizeSpec({ question: "tilbud", by: "stoerrelse" });
    const recoded = update(ds.design, { bar_salg_viden: ds.design.data.bar_salg_viden.map((v) => (v === 1 ? 0 : v)) });
    const withPanel = askResult({ ...ds, design: recoded }, spec);
    const withoutPanel = askResult({ design: recoded, isSynthetic: ds.isSynthetic, notice: ds.notice }, spec);
    expect(withPanel).toEqual(withoutPanel);
    expect(withPanel.meta.n).not.toBe(askResult(ds, spec).meta.n); // the recode moved respondents out of the base
  });
});
