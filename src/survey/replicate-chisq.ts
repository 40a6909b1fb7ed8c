/**
 * The Rao–Scott test on a replicate-weight design, as R's `svychisq.svyrep.design(~a + b, design)` (statistic "F"): the
 * same second-order correction as the linearised test, with the covariance of the cell proportions from the replicates,
 * N the rows in the domain and the denominator degrees of freedom d0 · degf(design).
 */

import { raoScottFrom, type RaoScottTest } from "./raoscott";
import type { SurveyDesign } from "./design";
import { DataError } from "./errors";
import { replicateDegreesOfFreedom, replicatesOf } from "./replicate";
import { replicateVariance } from "./replicate-weights";

/**
 * Rao–Scott F test of independence of two categorical columns in a replicate design's domain.
 * @example replicateChisq(jk, des.data.ai_brug, des.data.stoerrelse, "ai_brug", "stoerrelse").p
 */
export function replicateChisq(
  design: SurveyDesign,
  rowVar: ArrayLike<number | null>,
  colVar: ArrayLike<number | null>,
  rowName: string,
  colName: string,
): RaoScottTest {
  const reps = replicatesOf(design);
  const rows: number[] = [];
  for (let i = 0; i < design.n; i++) {
    if (design.domain !== null && design.domain[i] === 0) continue;
    for (const [values, name] of [
      [rowVar, rowName],
      [colVar, colName],
    ] as const) {
      const v = values[i];
      if (v === null || v === undefined || !Number.isFinite(v))
        throw new DataError({
          file: design.source,
          row: i + 1,
          column: name,
          value: v === null || v === undefined ? "" : String(v),
          problem: "value is empty inside the domain",
          expected: "a code for every row in the domain",
        });
    }
    rows.push(i);
  }
  const levels = (values: ArrayLike<number | null>): number[] =>
    Array.from(new Set(rows.map((i) => values[i] as number))).sort((a, b) => a - b);
  const rowLevels = levels(rowVar);
  const colLevels = levels(colVar);
  const nr = rowLevels.length;
  const nc = colLevels.length;
  if (nr < 2 || nc < 2)
    throw new DataError({
      file: design.source,
      column: nr < 2 ? rowName : colName,
      problem: `has only ${nr < 2 ? nr : nc} level(s) in the domain`,
      expected: "at least two levels of each variable",
    });
  const cells = nr * nc;
  const cellOf = rows.map((i) => rowLevels.indexOf(rowVar[i] as number) + nr * colLevels.indexOf(colVar[i] as number));
  const shares = (w: Float64Array): number[] => {
    const p = new Array<number>(cells).fill(0);
    let total = 0;
    rows.forEach((i, k) => {
      p[cellOf[k]] += w[i];
      total += w[i];
    });
    return p.map((x) => x / total);
  };
  const pHat = shares(design.weights);
  const thetas: Float64Array[] = Array.from({ length: cells }, () => new Float64Array(reps.count));
  for (let r = 0; r < reps.count; r++) shares(reps.weights[r]).forEach((x, c) => (thetas[c][r] = x));
  const v = replicateVariance(thetas, reps, pHat);
  return raoScottFrom(pHat, v, rowLevels, colLevels, rows.length, replicateDegreesOfFreedom(design));
}
