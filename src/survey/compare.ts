/**
 * Subgroup comparisons on a calibrated design:
 * - the difference of two domain proportions with a linearised SE from one estimating function
 *   for the contrast (as `svycontrast(svyby(~y, ~g, design, svymean, covmat = TRUE), c(1, -1))`);
 * - the Rao–Scott adjusted F test of independence in a weighted two-way table (as
 *   `svychisq(~a + b, design)`, statistic "F").
 */

import { pf, qt } from "./distributions";
import { DataError } from "./errors";
import { checkDesign, designRows, domainMask, influenceCovariance, proportion, type Estimate, type EstimateOptions } from "./estimate";
import type { DesignWeights } from "./types";

/** The difference p1 − p2 of two domain proportions. */
export interface ProportionDifference {
  /** p1 − p2 (proportions 0–1, not percentage points). */
  value: number;
  /** Linearised SE of the difference, including the covariance of p1 and p2. */
  se: number;
  ciLow: number;
  ciHigh: number;
  level: number;
  /** Degrees of freedom: PSUs with nonzero weight in either domain − 1. */
  df: number;
  /** t statistic (estimate / se) and its two-sided p-value on df. */
  t: number;
  p: number;
  /** The two proportions on their own. */
  first: Estimate;
  second: Estimate;
}

/**
 * Difference of the proportion of y = 1 in two domains of one design (usually disjoint subgroups
 * of a base), with a Wald t interval. Rows outside both domains stay in the variance.
 * @example differenceOfProportions(design, usesAi, small, large) // { estimate: -0.12, se: 0.02, ... }
 */
export function differenceOfProportions(
  design: DesignWeights,
  y: ArrayLike<number | null>,
  domain1: ArrayLike<boolean>,
  domain2: ArrayLike<boolean>,
  options: Pick<EstimateOptions, "level" | "source" | "variable"> & { df?: number } = {},
): ProportionDifference {
  const level = options.level ?? 0.95;
  const first = proportion(design, y, domain1, { ...options, ci: "wald" });
  const second = proportion(design, y, domain2, { ...options, ci: "wald" });
  const m1 = domainMask(design, domain1);
  const m2 = domainMask(design, domain2);
  const w = design.weights;
  const x = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) {
    let v = 0;
    const yi = y[i] ?? 0; // null only outside both domains (checked by proportion above)
    if (m1[i]) v += (w[i] * (yi - first.value)) / first.weightedBase;
    if (m2[i]) v -= (w[i] * (yi - second.value)) / second.weightedBase;
    x[i] = v;
  }
  const se = Math.sqrt(influenceCovariance(design, [x])[0][0]);
  const df = options.df ?? unionDegreesOfFreedom(design, m1, m2);
  const estimate = first.value - second.value;
  const q = df >= 1 ? qt(1 - (1 - level) / 2, df) : Infinity;
  const t = estimate / se;
  const p = df >= 1 && se > 0 ? pf(t * t, 1, df, false) : 1; // two-sided: P(|T| > |t|) = P(F(1, df) > t²)
  return { value: estimate, se, ciLow: estimate - q * se, ciHigh: estimate + q * se, level, df, t, p, first, second };
}

function unionDegreesOfFreedom(design: DesignWeights, m1: boolean[], m2: boolean[]): number {
  const psus = new Set<number>();
  for (let i = 0; i < design.n; i++) {
    if ((m1[i] || m2[i]) && design.weights[i] !== 0) psus.add(design.clusters === null ? i : design.clusters[i]);
  }
  return psus.size - 1;
}

/** Result of the Rao–Scott test (R's `svychisq(..., statistic = "F")`). */
export interface RaoScottTest {
  /** Pearson X² of the weighted table scaled to the number of design rows (R's `svytable(Ntotal = N)`). */
  chisq: number;
  /** Rao–Scott F = X² / tr(Δ). */
  f: number;
  /** Numerator df d0 = tr(Δ)² / tr(Δ²). */
  ndf: number;
  /** Denominator df d0 · (PSUs − 1). */
  ddf: number;
  /** Aliases of ndf and ddf. */
  df1: number;
  df2: number;
  /** Upper-tail p-value of F on (ndf, ddf). */
  p: number;
  /** Row and column levels used (codes present in the domain). */
  rowLevels: number[];
  colLevels: number[];
  /** Weighted cell proportions, rows × columns. */
  proportions: number[][];
}

/** Solves A X = B (A k×k, B k×m) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[][]): number[][] {
  const k = a.length;
  const m = b[0]?.length ?? 0;
  const aa = a.map((r) => r.slice());
  const bb = b.map((r) => r.slice());
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(aa[r][c]) > Math.abs(aa[piv][c])) piv = r;
    if (aa[piv][c] === 0) throw new Error("raoScott: singular design-effect matrix (a row or column level with zero weight?)");
    [aa[c], aa[piv]] = [aa[piv], aa[c]];
    [bb[c], bb[piv]] = [bb[piv], bb[c]];
    for (let r = c + 1; r < k; r++) {
      const f = aa[r][c] / aa[c][c];
      if (f === 0) continue;
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

function matmul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}

function transpose(a: number[][]): number[][] {
  return a[0].map((_, j) => a.map((row) => row[j]));
}

/**
 * Rao–Scott adjusted F test of independence of two categorical variables in a weighted table,
 * matching `svychisq(~row + col, design)` (default statistic "F"), optionally in a domain
 * (as `svychisq(~row + col, subset(design, domain))`). Both variables must be non-empty in the domain.
 * @example raoScott(design, panel.columns.ai_brug, panel.columns.stoerrelse) // { f: 41.0, ndf: 1.67, ddf: 5014, p: 7.9e-16, ... }
 */
export function raoScott(
  design: DesignWeights,
  rowVar: ArrayLike<number | null>,
  colVar: ArrayLike<number | null>,
  domain?: ArrayLike<boolean>,
  options: { source?: string; rowName?: string; colName?: string } = {},
): RaoScottTest {
  const source = options.source ?? "raoScott input";
  checkDesign(design, source);
  const mask = domainMask(design, domain, source);
  const n = design.n;
  for (const [values, name] of [
    [rowVar, options.rowName ?? "row variable"],
    [colVar, options.colName ?? "column variable"],
  ] as const) {
    if (values.length !== n) throw new DataError({ file: source, column: name, value: String(values.length), problem: `has ${values.length} values for a design of ${n} rows`, expected: `${n} values` });
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue;
      const v = values[i];
      if (v === null || v === undefined) throw new DataError({ file: source, row: i + 1, column: name, value: "", problem: "value is empty inside the domain", expected: "a code for every row in the domain" });
      if (!Number.isFinite(v)) throw new DataError({ file: source, row: i + 1, column: name, value: String(v), expected: "a finite code" });
    }
  }
  const w = design.weights;
  const levelsOf = (values: ArrayLike<number | null>): number[] => {
    const set = new Set<number>();
    for (let i = 0; i < n; i++) if (mask[i] && w[i] > 0) set.add(values[i] as number);
    return Array.from(set).sort((a, b) => a - b);
  };
  const rowLevels = levelsOf(rowVar);
  const colLevels = levelsOf(colVar);
  const nr = rowLevels.length;
  const nc = colLevels.length;
  if (nr < 2 || nc < 2) {
    throw new DataError({ file: source, column: nr < 2 ? options.rowName ?? "row variable" : options.colName ?? "column variable", problem: `has only ${nr < 2 ? nr : nc} level(s) in the domain`, expected: "at least two levels of each variable" });
  }
  const cells = nr * nc;
  // Cell index with rows varying fastest (R's interaction(rows, cols) and expand.grid order).
  const cellOf = new Int32Array(n).fill(-1);
  let weightSum = 0;
  let domainCount = 0;
  for (let i = 0; i < n; i++) {
    if (!mask[i]) continue;
    domainCount++;
    const r = rowLevels.indexOf(rowVar[i] as number);
    const c = colLevels.indexOf(colVar[i] as number);
    if (r >= 0 && c >= 0) cellOf[i] = r + nr * c;
    weightSum += w[i];
  }
  const pHat = new Array<number>(cells).fill(0);
  for (let i = 0; i < n; i++) if (cellOf[i] >= 0) pHat[cellOf[i]] += w[i] / weightSum;
  // Influence of each cell proportion (svymean of the cell indicators).
  const influence: Float64Array[] = [];
  for (let k = 0; k < cells; k++) {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) if (mask[i]) x[i] = (w[i] * ((cellOf[i] === k ? 1 : 0) - pHat[k])) / weightSum;
    influence.push(x);
  }
  const v = influenceCovariance(design, influence);
  // R: N = nrow(design) (all rows of a calibrated design), nu = PSUs of the design − 1.
  const bigN = designRows(design, domainCount);
  const psus = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (design.calibration === null && !mask[i]) continue;
    psus.add(design.clusters === null ? i : design.clusters[i]);
  }
  const nu = psus.size - 1;
  // Pearson X² on the table scaled to N.
  let chisq = 0;
  const rowP = new Array<number>(nr).fill(0);
  const colP = new Array<number>(nc).fill(0);
  for (let r = 0; r < nr; r++) for (let c = 0; c < nc; c++) {
    rowP[r] += pHat[r + nr * c];
    colP[c] += pHat[r + nr * c];
  }
  for (let r = 0; r < nr; r++) for (let c = 0; c < nc; c++) {
    const expected = rowP[r] * colP[c] * bigN;
    const observed = pHat[r + nr * c] * bigN;
    chisq += ((observed - expected) * (observed - expected)) / expected;
  }
  // Contrast matrix: interaction columns residualised on intercept + row + column indicators.
  const x1: number[][] = [];
  const x12: number[][] = [];
  for (let c = 0; c < nc; c++) for (let r = 0; r < nr; r++) {
    const main = [1];
    for (let rr = 1; rr < nr; rr++) main.push(r === rr ? 1 : 0);
    for (let cc = 1; cc < nc; cc++) main.push(c === cc ? 1 : 0);
    x1.push(main);
    const inter: number[] = [];
    for (let cc = 1; cc < nc; cc++) for (let rr = 1; rr < nr; rr++) inter.push(r === rr && c === cc ? 1 : 0);
    x12.push(inter);
  }
  const x1t = transpose(x1);
  const beta = solve(matmul(x1t, x1), matmul(x1t, x12));
  const fittedInter = matmul(x1, beta);
  const cmat = x12.map((row, i) => row.map((val, j) => val - fittedInter[i][j]));
  const inv = pHat.map((p) => (p === 0 ? 0 : 1 / p));
  const ct = transpose(cmat);
  const denom = matmul(ct, cmat.map((row, i) => row.map((val) => (val * inv[i]) / bigN)));
  const dvd = v.map((row, i) => row.map((val, j) => inv[i] * val * inv[j]));
  const numr = matmul(ct, matmul(dvd, cmat));
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
