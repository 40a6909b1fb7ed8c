/**
 * R's `svychisq.svyrep.design(~a + b, design, statistic)`: the linearised tests with the covariance of the cell
 * proportions (Wald: of R's Jacobian of the cell totals) from the replicates, N the domain's rows, ν = degf(design).
 */

import type { ChisqStatistic } from "./chisq-statistics";
import { margins, raoScottFrom, type RaoScottTest } from "./raoscott";
import type { SurveyDesign } from "./design";
import { DataError } from "./errors";
import { replicateDegreesOfFreedom, replicatesOf } from "./replicate";
import { replicateVariance } from "./replicate-weights";

/**
 * A test of independence of two categorical columns in a replicate design's domain (`statistic` as R's).
 * @example replicateChisq(jk, des.data.ai_brug, des.data.stoerrelse, "ai_brug", "stoerrelse", "F").p
 */
export function replicateChisq(
  design: SurveyDesign,
  rowVar: ArrayLike<number | null>,
  colVar: ArrayLike<number | null>,
  rowName: string,
  colName: string,
  statistic: ChisqStatistic,
): RaoScottTest {
  const reps = replicatesOf(design);
  const rows: number[] = [];
  for (let i = 0; i < design.n; i++) {
    if (design.domain !== null && design.domain[i] === 0) continue;
    for (const [values, column] of [[rowVar, rowName] as const, [colVar, colName] as const]) {
      const v = values[i];
      if (v === null || v === undefined || !Number.isFinite(v)) {
        const [problem, expected] = ["value is empty inside the domain", "a code for every row in the domain"];
        throw new DataError({
          file: design.source,
          row: i + 1,
          column,
          value: v == null ? "" : String(v),
          problem,
          expected,
        });
      }
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
  // the cell totals and, last, Σ w over the domain's rows (in row order)
  const totals = (w: Float64Array): number[] => {
    const t = new Array<number>(cells + 1).fill(0);
    rows.forEach((i, k) => {
      t[cellOf[k]] += w[i];
      t[cells] += w[i];
    });
    return t;
  };
  const full = totals(design.weights);
  const weightSum = full[cells];
  const pHat = full.slice(0, cells).map((x) => x / weightSum);
  const { rowP, colP } = margins(pHat, nr, nc);
  // proportions; the Wald tests: cell − colP · row − rowP · column + rowP · colP · all, over the full sample's Σw
  const statOf = (withAll: number[]): number[] => {
    const [t, all] = [withAll.slice(0, cells), withAll[cells]];
    if (statistic !== "Wald" && statistic !== "adjWald") return t.map((x) => x / all);
    const m = margins(t, nr, nc);
    return t.map((x, j) => {
      const [r, c] = [j % nr, Math.floor(j / nr)];
      return (x - colP[c] * m.rowP[r] - rowP[r] * m.colP[c] + rowP[r] * colP[c] * all) / weightSum;
    });
  };
  const thetas: Float64Array[] = Array.from({ length: cells }, () => new Float64Array(reps.count));
  for (let r = 0; r < reps.count; r++) statOf(totals(reps.weights[r])).forEach((x, c) => (thetas[c][r] = x));
  const v = replicateVariance(thetas, reps, statOf(full));
  const nu = replicateDegreesOfFreedom(design);
  return raoScottFrom(pHat, v, rowLevels, colLevels, rows.length, nu, statistic, false);
}
