/** The tests of independence in a weighted two-way table, as R's `svychisq(~a + b, design, statistic)`. */

import { deltaOutcome, waldOutcome, type ChisqStatistic } from "./chisq-statistics";
import { DataError } from "./errors";
import { designRows, type DomainFlags } from "./estimators";
import { cholesky, matmul, solveSymmetric, transpose } from "./linalg";
import type { DesignWeights } from "./types";
import { designCovariance } from "./variance";

/**
 * A test of R's `svychisq(..., statistic)`: Pearson X² of the weighted table scaled to the design's rows, F (R's of the
 * Wald tests, else X²/tr(Δ)) on ndf = df1 and ddf = df2, the p-value, the levels present and the cell proportions.
 */
export interface RaoScottTest {
  statistic: ChisqStatistic;
  chisq: number;
  f: number;
  ndf: number;
  ddf: number;
  df1: number;
  df2: number;
  p: number;
  rowLevels: number[];
  colLevels: number[];
  proportions: number[][];
}

interface RaoScottNames {
  source: string;
  rowName: string;
  colName: string;
}

/** PSUs with a row in the domain (null: every row), less the strata beyond one. */
function psuCount(design: DesignWeights, domain: DomainFlags, rowsInDomain: number): number {
  if (design.sampling) {
    const stage = design.sampling.stages[0];
    const units = new Set<number>();
    const strata = new Set<number>();
    for (let i = 0; i < design.n; i++) {
      if (domain !== null && domain[i] === 0) continue;
      units.add(stage.unitOf[i]);
      strata.add(stage.stratumOfUnit[stage.unitOf[i]]);
    }
    return units.size - strata.size + 1;
  }
  if (design.clusters === null) return domain === null ? design.n : rowsInDomain;
  const psus = new Set<number>();
  for (let i = 0; i < design.n; i++) if (domain === null || domain[i] !== 0) psus.add(design.clusters[i]);
  return psus.size;
}

/** A variable's sorted codes in the domain (of rows of positive weight), each code's index (small: 0…4095), Σ w. */
interface DomainLevels {
  levels: number[];
  small: Int32Array;
  other: Map<number, number>;
  weightSum: number;
}

const SMALL = 4096;
const isSmall = (v: number): boolean => v >= 0 && v < SMALL && Math.floor(v) === v;

/** The codes of `values` in the domain (a DataError for an empty or non-finite one). */
function levelsOf(
  design: DesignWeights,
  values: ArrayLike<number | null>,
  domain: DomainFlags,
  source: string,
  name: string,
): DomainLevels {
  const present = new Set<number>();
  const seen = new Uint8Array(SMALL);
  let weightSum = 0;
  const { n, weights } = design;
  for (let i = 0; i < n; i++) {
    if (domain !== null && domain[i] === 0) continue;
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) {
      const where = { file: source, row: i + 1, column: name };
      if (v !== null && v !== undefined) throw new DataError({ ...where, value: String(v), expected: "a finite code" });
      const problem = "value is empty inside the domain";
      throw new DataError({ ...where, value: "", problem, expected: "a code for every row in the domain" });
    }
    const w = weights[i];
    weightSum += w;
    if (!(w > 0)) continue;
    if (isSmall(v)) seen[v] = 1;
    else present.add(v);
  }
  for (let code = 0; code < SMALL; code++) if (seen[code] === 1) present.add(code);
  const levels = Array.from(present).sort((x, y) => x - y);
  const small = new Int32Array(SMALL).fill(-1);
  const other = new Map<number, number>();
  levels.forEach((l, j) => (isSmall(l) ? (small[l] = j) : other.set(l, j)));
  return { levels, small, other, weightSum };
}

function indexOf(levels: DomainLevels, v: number): number {
  return isSmall(v) ? levels.small[v] : (levels.other.get(v) ?? -1);
}

/**
 * The test `statistic` (default "F", Rao–Scott) on a domain given as flags (null for every row).
 * @example raoScottTest(design, a, b, null, { source: "panel.csv", rowName: "a", colName: "b" }, "Chisq").p
 */
export function raoScottTest(
  design: DesignWeights,
  rowVar: ArrayLike<number | null>,
  colVar: ArrayLike<number | null>,
  domain: DomainFlags,
  names: RaoScottNames,
  statistic: ChisqStatistic = "F",
): RaoScottTest {
  const { source, rowName, colName } = names;
  const n = design.n;
  const rows = levelsOf(design, rowVar, domain, source, rowName);
  const cols = levelsOf(design, colVar, domain, source, colName);
  const nr = rows.levels.length;
  const nc = cols.levels.length;
  if (nr < 2 || nc < 2) {
    throw new DataError({
      file: source,
      column: nr < 2 ? rowName : colName,
      problem: `has only ${nr < 2 ? nr : nc} level(s) in the domain`,
      expected: "at least two levels of each variable",
    });
  }
  const k = nr * nc;
  const w = design.weights;
  const weightSum = rows.weightSum;
  // each domain row's cell, rows fastest (R's order; k: no cell of positive weight, −1 outside the domain)
  const group = new Int32Array(n);
  const pHat = new Float64Array(k);
  let domainCount = 0;
  const [rowSmall, colSmall] = [rows.small, cols.small];
  for (let i = 0; i < n; i++) {
    if (domain !== null && domain[i] === 0) {
      group[i] = -1;
      continue;
    }
    domainCount++;
    const u = rowVar[i] as number;
    const v = colVar[i] as number;
    const r = (u & 4095) === u ? rowSmall[u] : indexOf(rows, u);
    const c = (v & 4095) === v ? colSmall[v] : indexOf(cols, v);
    const g = r >= 0 && c >= 0 ? r + nr * c : k;
    group[i] = g;
    if (g < k) pHat[g] += w[i] / weightSum;
  }
  const wald = statistic === "Wald" || statistic === "adjWald";
  // influence of the cell proportions, or (Wald) of the cell totals less row · column total / N, over Σw
  const { rowP, colP } = margins(pHat, nr, nc);
  const values = new Float64Array((k + 1) * k);
  for (let j = 0; j <= k; j++)
    for (let c = 0; c < k; c++) {
      const [rc, cc] = [c % nr, Math.floor(c / nr)];
      const jr = j < k ? j % nr : -1;
      const jc = j < k ? Math.floor(j / nr) : -1;
      const cell = j === c ? 1 : 0;
      values[j * k + c] = wald
        ? (cell - colP[cc] * (jr === rc ? 1 : 0) - rowP[rc] * (jc === cc ? 1 : 0) + rowP[rc] * colP[cc]) / weightSum
        : (cell - pHat[c]) / weightSum;
    }
  const v = designCovariance(design, { rowWeight: w, group, groups: k + 1, columns: k, values });
  // R: N = nrow(design) (all rows of a calibrated design), nu = PSUs of the design − 1.
  const bigN = designRows(design, domainCount);
  const nu = psuCount(design, design.calibration === null ? domain : null, domainCount) - 1;
  return raoScottFrom(pHat, v, rows.levels, cols.levels, bigN, nu, statistic, true);
}

/** Row and column shares of a table of proportions (rows fastest). */
export function margins(pHat: ArrayLike<number>, nr: number, nc: number): { rowP: Float64Array; colP: Float64Array } {
  const rowP = new Float64Array(nr);
  const colP = new Float64Array(nc);
  for (let r = 0; r < nr; r++)
    for (let c = 0; c < nc; c++) {
      rowP[r] += pHat[r + nr * c];
      colP[c] += pHat[r + nr * c];
    }
  return { rowP, colP };
}

/**
 * A test from the cell proportions (rows fastest), their covariance `v` (Wald: of p − rowP · colP), R's N and ν.
 * @example raoScottFrom(pHat, v, [1, 2], [1, 2], 4128, 4127, "F", true).p
 */
export function raoScottFrom(
  pHat: ArrayLike<number>,
  v: number[][],
  rowLevels: number[],
  colLevels: number[],
  bigN: number,
  nu: number,
  statistic: ChisqStatistic,
  linearised: boolean,
): RaoScottTest {
  const [nr, nc] = [rowLevels.length, colLevels.length];
  const chisq = pearson(pHat, nr, nc, bigN);
  const d = (nr - 1) * (nc - 1);
  let outcome;
  if (statistic === "Wald" || statistic === "adjWald") {
    const { rowP, colP } = margins(pHat, nr, nc);
    const y = Float64Array.from(pHat, (p, j) => p - rowP[j % nr] * colP[Math.floor(j / nr)]);
    outcome = waldOutcome(statistic, y, v, nr, nc, nu);
  } else {
    const { denom, numr } = designEffectMatrix(v, pHat, nr, nc, bigN);
    outcome = deltaOutcome(statistic, chisq, denom, numr, d, nu, linearised);
  }
  const { f, ndf, ddf, p } = outcome;
  const proportions = rowLevels.map((_, r) => colLevels.map((__, c) => pHat[r + nr * c]));
  return { statistic, chisq, f, ndf, ddf, df1: ndf, df2: ddf, p, rowLevels, colLevels, proportions };
}

/** Pearson X² of the table of proportions `pHat` (rows fastest) scaled to `bigN`. */
function pearson(pHat: ArrayLike<number>, nr: number, nc: number, bigN: number): number {
  const { rowP, colP } = margins(pHat, nr, nc);
  let chisq = 0;
  for (let r = 0; r < nr; r++)
    for (let c = 0; c < nc; c++) {
      const expected = rowP[r] * colP[c] * bigN;
      const observed = pHat[r + nr * c] * bigN;
      chisq += ((observed - expected) * (observed - expected)) / expected;
    }
  return chisq;
}

/** Δ = (Cᵀ P⁻¹ C / N)⁻¹ (Cᵀ P⁻¹ V P⁻¹ C) as its two factors, C the interactions residualised on the main effects. */
function designEffectMatrix(
  v: number[][],
  pHat: ArrayLike<number>,
  nr: number,
  nc: number,
  bigN: number,
): { denom: Float64Array; numr: Float64Array } {
  const k = nr * nc;
  const pMain = nr + nc - 1;
  const d = (nr - 1) * (nc - 1);
  const x1 = new Float64Array(k * pMain);
  const x12 = new Float64Array(k * d);
  for (let c = 0; c < nc; c++)
    for (let r = 0; r < nr; r++) {
      const i = r + nr * c;
      x1[i * pMain] = 1;
      if (r > 0) x1[i * pMain + r] = 1;
      if (c > 0) x1[i * pMain + nr - 1 + c] = 1;
      if (r > 0 && c > 0) x12[i * d + (c - 1) * (nr - 1) + (r - 1)] = 1;
    }
  const x1t = transpose(x1, k, pMain);
  const beta = solveSymmetric(matmul(x1t, x1, pMain, k, pMain), matmul(x1t, x12, pMain, k, d), pMain, d);
  const fitted = matmul(x1, beta, k, pMain, d);
  const cmat = new Float64Array(k * d);
  for (let j = 0; j < k * d; j++) cmat[j] = x12[j] - fitted[j];
  const inv = Float64Array.from(pHat, (p) => (p === 0 ? 0 : 1 / p));
  const ct = transpose(cmat, k, d);
  const scaled = new Float64Array(k * d);
  for (let i = 0; i < k; i++) for (let j = 0; j < d; j++) scaled[i * d + j] = (cmat[i * d + j] * inv[i]) / bigN;
  const denom = matmul(ct, scaled, d, k, d);
  const dvd = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) dvd[i * k + j] = inv[i] * v[i][j] * inv[j];
  const numr = matmul(ct, matmul(dvd, cmat, k, k, d), d, k, d);
  if (cholesky(denom, d).keep.includes(0))
    throw new RangeError("raoScott: singular design-effect matrix (a row or column level with zero weight?)");
  return { denom, numr };
}
