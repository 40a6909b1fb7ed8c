import { describe, expect, it } from "vitest";
import { crossCells } from "../src/survey/calibrate-cells";
import { mulberry32 } from "../src/survey";

const fail = (column: number, row: number): never => {
  throw new Error(`empty code in column ${column}, row ${row}`);
};

/** The cells by their definition: each distinct tuple of codes numbered at its first row. */
function reference(columns: number[][], weights: number[] | null) {
  const n = columns[0].length;
  const cellOfKey = new Map<string, number>();
  const cellOf: number[] = [];
  const firstRow: number[] = [];
  const sums: number[] = [];
  const shared: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = columns.map((c) => c[i]).join("|");
    let c = cellOfKey.get(key);
    if (c === undefined) {
      c = firstRow.push(i) - 1;
      cellOfKey.set(key, c);
      sums.push(0);
      shared.push(weights === null ? 0 : weights[i]);
    }
    cellOf.push(c);
    if (weights === null) continue;
    sums[c] += weights[i];
    if (weights[i] !== shared[c]) shared[c] = NaN;
  }
  const one = shared.every((w) => !Number.isNaN(w));
  return { cellOf, firstRow, sums, shared: one ? shared : null };
}

function check(columns: number[][], weights: number[] | null): void {
  const got = crossCells(columns, fail, weights);
  const want = reference(columns, weights);
  expect(Array.from(got.cellOf)).toEqual(want.cellOf);
  expect(got.firstRow).toEqual(want.firstRow);
  expect(Array.from(got.sums)).toEqual(want.sums);
  expect(got.shared === null ? null : Array.from(got.shared)).toEqual(want.shared);
}

describe("crossCells", () => {
  it("numbers the cells and sums their weights when the last factor has a code that is not whole 0…65535", () => {
    check(
      [
        [1, 2, 1],
        [5, 5, -1],
      ],
      [1, 2, 3],
    );
    check(
      [
        [1, 2, 1, 2],
        [3, 3, 1.5, 70000],
      ],
      [1, 1, 2, 2],
    );
  });

  it("agrees with the cells by definition on random factors of small, large, negative and fractional codes", () => {
    const rnd = mulberry32(20261207);
    const codeSets = [
      [1, 2, 3],
      [0, 7, 15, 16, 40],
      [1, 1.5, -1],
      [3, 70000, 65535],
    ];
    for (let trial = 0; trial < 300; trial++) {
      const k = 1 + Math.floor(rnd() * 6);
      const n = 1 + Math.floor(rnd() * 60);
      const columns = Array.from({ length: k }, () => {
        const codes = codeSets[Math.floor(rnd() * codeSets.length)];
        return Array.from({ length: n }, () => codes[Math.floor(rnd() * codes.length)]);
      });
      const weights = rnd() < 0.3 ? null : Array.from({ length: n }, () => (rnd() < 0.5 ? 1 : 2));
      check(columns, weights);
    }
  });
});
