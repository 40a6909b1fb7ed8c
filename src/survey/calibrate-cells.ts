/** The occupied cells of a calibration's factors: a formula of factors only is calibrated on them, not on rows. */

import { numberCells } from "./rake-cells";
import { column, type SurveyDesign } from "./design";
import { DataError } from "./errors";
import { codeIndex } from "./model-matrix";

/**
 * Each row's cell of the cross-classification of `factors` (numbered in order of first appearance) and each cell's
 * first row; an empty or non-finite code is a DataError naming row and column.
 * @example factorCells(des, ["stype", "sch.wide"]).firstRow.length // occupied cells
 */
export function factorCells(
  design: SurveyDesign,
  factors: readonly string[],
): { cellOf: Int32Array; firstRow: number[] } {
  const n = design.n;
  const full = new Float64Array(n);
  let size = 1;
  for (const f of factors) {
    const values = column(design, f);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null || !Number.isFinite(v))
        throw new DataError({
          file: design.source,
          row: i + 1,
          column: f,
          value: String(v ?? ""),
          expected: "a value",
        });
    }
    const { index, levels } = codeIndex(values as readonly number[], n);
    for (let i = 0; i < n; i++) full[i] += index[i] * size;
    size *= levels.length;
  }
  const cellOf = new Int32Array(n);
  return { cellOf, firstRow: numberCells(full, size, cellOf) };
}

/**
 * Σ of `values` per cell.
 * @example cellSums(Float64Array.of(1, 2, 3), Int32Array.of(0, 1, 0), 2) // Float64Array [4, 2]
 */
export function cellSums(values: ArrayLike<number>, cellOf: Int32Array, cells: number): Float64Array {
  const out = new Float64Array(cells);
  for (let i = 0; i < cellOf.length; i++) out[cellOf[i]] += values[i];
  return out;
}
