/**
 * The Rao–Scott test on a replicate-weight design, as R's `svychisq.svyrep.design(~a + b, design)` (statistic "F"): the
 * same second-order correction as the linearised test, with the covariance of the cell proportions from the replicates,
 * N the rows in the domain and the denominator degrees of freedom d0 · degf(design).
 */

import type { RaoScottTest } from "./raoscott";
import type { SurveyDesign } from "./design";
import { pf } from "./distributions";
import { DataError } from "./errors";
import { replicateDegreesOfFreedom, replicatesOf } from "./replicate";
import { replicateVariance } from "./replicate-weights";

type Matrix = number[][];

function matmul(a: Matrix, b: Matrix): Matrix {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}

function transpose(a: Matrix): Matrix {
  return a[0].map((_, j) => a.map((row) => row[j]));
}

/** Solves A X = B by Gaussian elimination with partial pivoting. */
function solve(a: Matrix, b: Matrix): Matrix {
  const k = a.length;
  const m = b[0]?.length ?? 0;
  const aa = a.map((r) => r.slice());
  const bb = b.map((r) => r.slice());
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(aa[r][c]) > Math.abs(aa[piv][c])) piv = r;
    if (aa[piv][c] === 0)
      throw new Error("replicate svychisq: singular design-effect matrix (a level with zero weight?)");
    [aa[c], aa[piv]] = [aa[piv], aa[c]];
    [bb[c], bb[piv]] = [bb[piv], bb[c]];
    for (let r = c + 1; r < k; r++) {
      const f = aa[r][c] / aa[c][c];
      for (let j = c; j < k; j++) aa[r][j] -= f * aa[c][j];
      for (let j = 0; j < m; j++) bb[r][j] -= f * bb[c][j];
    }
  }
  const x = bb.map((r) => r.map(() => 0));
  for (let r = k - 1; r >= 0; r--) {
    for (let j = 0; j < m; j++) {
      let s = bb[r][j];
      for (let c = r + 1; c < k; c++) s -= aa[r][c] * x[c][j];
      x[r][j] = s / aa[r][r];
    }
  }
  return x;
}

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
  const bigN = rows.length;
  const nu = replicateDegreesOfFreedom(design);
  let chisq = 0;
  const rowP = new Array<number>(nr).fill(0);
  const colP = new Array<number>(nc).fill(0);
  for (let r = 0; r < nr; r++)
    for (let c = 0; c < nc; c++) {
      rowP[r] += pHat[r + nr * c];
      colP[c] += pHat[r + nr * c];
    }
  for (let r = 0; r < nr; r++)
    for (let c = 0; c < nc; c++) {
      const expected = rowP[r] * colP[c] * bigN;
      const observed = pHat[r + nr * c] * bigN;
      chisq += ((observed - expected) * (observed - expected)) / expected;
    }
  // Interaction columns residualised on intercept + row + column indicators (R's Cmat).
  const x1: Matrix = [];
  const x12: Matrix = [];
  for (let c = 0; c < nc; c++)
    for (let r = 0; r < nr; r++) {
      const main = [1];
      for (let rr = 1; rr < nr; rr++) main.push(r === rr ? 1 : 0);
      for (let cc = 1; cc < nc; cc++) main.push(c === cc ? 1 : 0);
      x1.push(main);
      const inter: number[] = [];
      for (let cc = 1; cc < nc; cc++) for (let rr = 1; rr < nr; rr++) inter.push(r === rr && c === cc ? 1 : 0);
      x12.push(inter);
    }
  const x1t = transpose(x1);
  const fitted = matmul(x1, solve(matmul(x1t, x1), matmul(x1t, x12)));
  const cmat = x12.map((row, i) => row.map((val, j) => val - fitted[i][j]));
  const inv = pHat.map((p) => (p === 0 ? 0 : 1 / p));
  const ct = transpose(cmat);
  const denom = matmul(
    ct,
    cmat.map((row, i) => row.map((val) => (val * inv[i]) / bigN)),
  );
  const numr = matmul(
    ct,
    matmul(
      v.map((row, i) => row.map((val, j) => inv[i] * val * inv[j])),
      cmat,
    ),
  );
  const delta = solve(denom, numr);
  let trace = 0;
  let trace2 = 0;
  for (let i = 0; i < delta.length; i++) {
    trace += delta[i][i];
    for (let j = 0; j < delta.length; j++) trace2 += delta[i][j] * delta[j][i];
  }
  const d0 = (trace * trace) / trace2;
  const f = chisq / trace;
  const ddf = d0 * nu;
  const proportions = rowLevels.map((_, r) => colLevels.map((__, c) => pHat[r + nr * c]));
  return { chisq, f, ndf: d0, ddf, df1: d0, df2: ddf, p: pf(f, d0, ddf, false), rowLevels, colLevels, proportions };
}
