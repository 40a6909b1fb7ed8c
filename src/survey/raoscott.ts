/**
 * The Rao–Scott adjusted F test of independence in a weighted two-way table, as R's
 * `svychisq(~a + b, design)` (statistic "F"): Pearson's X² on the weighted table scaled to the
 * design's rows, divided by the mean generalised design effect tr(Δ)/d, with d0 = tr(Δ)²/tr(Δ²)
 * numerator degrees of freedom. Δ comes from the covariance of the cell proportions, which
 * `designCovariance` gives from their influence columns (built in one pass over the rows).
 */

import { checkDesign, domainFlags, domainRows, type DomainFlags } from "./checks";
import { pf } from "./distributions";
import { DataError } from "./errors";
import { designRows } from "./estimators";
import { matmul, solveSymmetric, transpose } from "./linalg";
import type { DesignWeights } from "./types";
import { designCovariance } from "./variance";

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

/** Names for error messages. */
export interface RaoScottNames {
  source?: string;
  rowName?: string;
  colName?: string;
  /** The value that marks an empty cell of the row (column) variable besides null, for answer codes kept as bytes. */
  rowEmpty?: number | null;
  colEmpty?: number | null;
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
  options: RaoScottNames = {},
): RaoScottTest {
  const source = options.source ?? "raoScott input";
  checkDesign(design, source);
  return raoScottTest(design, rowVar, colVar, domainFlags(design, domain, source), options);
}

/** PSUs of the design with a row in the domain (every row when `domain` is null). */
function psuCount(design: DesignWeights, domain: DomainFlags): number {
  if (design.clusters === null) {
    return domain === null ? design.n : domainRows(domain).length;
  }
  const psus = new Set<number>();
  for (let i = 0; i < design.n; i++) if (domain === null || domain[i] === 1) psus.add(design.clusters[i]);
  return psus.size;
}

/** A variable's levels in a domain: each domain row's level index and the sorted levels present. */
interface DomainLevels {
  index: Int32Array;
  levels: number[];
}

/** The codes of `values` in the domain: each domain row's level index (`index[r]` for the r-th domain row; −1 for a code no row of positive weight has) and the sorted levels of rows with positive weight. */
function levelsOf(
  design: DesignWeights,
  values: ArrayLike<number | null>,
  empty: number | null,
  domainRowList: Int32Array | null,
  source: string,
  name: string,
): DomainLevels {
  const n = design.n;
  if (values.length !== n)
    throw new DataError({
      file: source,
      column: name,
      value: String(values.length),
      problem: `has ${values.length} values for a design of ${n} rows`,
      expected: `${n} values`,
    });
  const visited = domainRowList === null ? n : domainRowList.length;
  // levels: codes of rows in the domain with positive weight; the domain's codes read once, in order
  const present = new Set<number>();
  const small = new Uint8Array(4096);
  const codes = new Float64Array(visited);
  const bad = readCodes(values, empty, domainRowList, design.weights, codes, small, present);
  if (bad >= 0) {
    const v = values[bad];
    if (v === null || v === undefined || v === empty)
      throw new DataError({
        file: source,
        row: bad + 1,
        column: name,
        value: "",
        problem: "value is empty inside the domain",
        expected: "a code for every row in the domain",
      });
    throw new DataError({ file: source, row: bad + 1, column: name, value: String(v), expected: "a finite code" });
  }
  small.forEach((flag, code) => flag === 1 && present.add(code));
  const levels = Array.from(present).sort((a, b) => a - b);
  const position = new Map<number, number>(levels.map((l, j) => [l, j]));
  const table = new Int32Array(4096).fill(-1);
  levels.forEach((l, j) => l >= 0 && l < 4096 && Math.floor(l) === l && (table[l] = j));
  return { index: indexCodes(codes, table, position), levels };
}

/** Each code's level: through `table` for whole codes 0…4095, else `position` (−1 for neither). Optimised once, as its own function. */
function indexCodes(codes: Float64Array, table: Int32Array, position: Map<number, number>): Int32Array {
  const index = new Int32Array(codes.length);
  for (let r = 0; r < codes.length; r++) {
    const v = codes[r];
    index[r] = v >= 0 && v < 4096 && Math.floor(v) === v ? table[v] : (position.get(v) ?? -1);
  }
  return index;
}

/**
 * The first loop of `levelsOf` (a function of its own, optimised once): the listed rows' codes into
 * `codes`, and the codes of rows with positive weight into `small` (0…4095) or `present`. Returns
 * the first row whose cell is empty or not a finite number, or −1.
 */
function readCodes(
  values: ArrayLike<number | null>,
  empty: number | null,
  rows: Int32Array | null,
  weights: Float64Array,
  codes: Float64Array,
  small: Uint8Array,
  present: Set<number>,
): number {
  for (let r = 0; r < codes.length; r++) {
    const i = rows === null ? r : rows[r];
    const v = values[i];
    if (v === null || v === undefined || v === empty || !Number.isFinite(v)) return i;
    codes[r] = v;
    if (!(weights[i] > 0)) continue;
    if (v >= 0 && v < 4096 && Math.floor(v) === v) small[v] = 1;
    else present.add(v);
  }
  return -1;
}

/**
 * The cells of a domain's rows (rows' level fastest; −1 where either level is missing), their
 * weighted proportions `pHat`, and each row's influence group (its cell, or k without one).
 * Returns the domain's weight sum. A function of its own so that V8 optimises its loops once.
 */
function tableCells(
  rowIndex: Int32Array,
  colIndex: Int32Array,
  nr: number,
  k: number,
  w: Float64Array,
  rows: Int32Array | null,
  pHat: Float64Array,
  group: Int32Array,
): number {
  const count = group.length;
  const cellOf = new Int32Array(count).fill(-1);
  let weightSum = 0;
  for (let r = 0; r < count; r++) {
    const i = rows === null ? r : rows[r];
    weightSum += w[i];
    if (rowIndex[r] >= 0 && colIndex[r] >= 0) cellOf[r] = rowIndex[r] + nr * colIndex[r];
  }
  for (let r = 0; r < count; r++) {
    const i = rows === null ? r : rows[r];
    if (cellOf[r] >= 0) pHat[cellOf[r]] += w[i] / weightSum;
  }
  for (let r = 0; r < count; r++) group[r] = cellOf[r] >= 0 ? cellOf[r] : k;
  return weightSum;
}

/**
 * The Rao–Scott test on a domain given as flags (null for every row); the design is not re-checked.
 * @example raoScottTest(design, a, b, null, { rowName: "a", colName: "b" }).p
 */
export function raoScottTest(
  design: DesignWeights,
  rowVar: ArrayLike<number | null>,
  colVar: ArrayLike<number | null>,
  domain: DomainFlags,
  options: RaoScottNames = {},
): RaoScottTest {
  const source = options.source ?? "raoScott input";
  const rowName = options.rowName ?? "row variable";
  const colName = options.colName ?? "column variable";
  const n = design.n;
  // Only the domain's rows are visited, in order (the sums add up as over every row).
  const inDomain = domain === null ? null : domainRows(domain);
  const visited = inDomain === null ? n : inDomain.length;
  const rows = levelsOf(design, rowVar, options.rowEmpty ?? null, inDomain, source, rowName);
  const cols = levelsOf(design, colVar, options.colEmpty ?? null, inDomain, source, colName);
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
  // Cell of each domain row, rows varying fastest (R's interaction(rows, cols) and expand.grid order);
  // the influence of each cell proportion (svymean of the cell indicators) is w_i (δ_ik − p_k)/Σw in
  // the domain, grouped by the row's cell (group k: in the domain without a cell of positive weight).
  const pHat = new Float64Array(k);
  const group = new Int32Array(visited);
  const weightSum = tableCells(rows.index, cols.index, nr, k, w, inDomain, pHat, group);
  const domainCount = visited;
  const values = new Float64Array((k + 1) * k);
  for (let j = 0; j <= k; j++)
    for (let c = 0; c < k; c++) values[j * k + c] = ((j === c ? 1 : 0) - pHat[c]) / weightSum;
  const v = designCovariance(design, { rowWeight: w, group, groups: k + 1, columns: k, values, rows: inDomain });
  // R: N = nrow(design) (all rows of a calibrated design), nu = PSUs of the design − 1.
  const bigN = designRows(design, domainCount);
  const nu = psuCount(design, design.calibration === null ? domain : null) - 1;
  const chisq = pearson(pHat, nr, nc, bigN);
  const delta = designEffectMatrix(v, pHat, nr, nc, bigN);
  const d = (nr - 1) * (nc - 1);
  let trace = 0;
  let trace2 = 0;
  for (let i = 0; i < d; i++) {
    trace += delta[i * d + i];
    for (let j = 0; j < d; j++) trace2 += delta[i * d + j] * delta[j * d + i];
  }
  const d0 = (trace * trace) / trace2;
  const f = chisq / trace;
  const ddf = d0 * nu;
  const proportions = rows.levels.map((_, r) => cols.levels.map((__, c) => pHat[r + nr * c]));
  return {
    chisq,
    f,
    ndf: d0,
    ddf,
    df1: d0,
    df2: ddf,
    p: pf(f, d0, ddf, false),
    rowLevels: rows.levels,
    colLevels: cols.levels,
    proportions,
  };
}

/** Pearson X² of the table of proportions `pHat` (rows fastest) scaled to `bigN`. */
function pearson(pHat: Float64Array, nr: number, nc: number, bigN: number): number {
  const rowP = new Float64Array(nr);
  const colP = new Float64Array(nc);
  for (let r = 0; r < nr; r++)
    for (let c = 0; c < nc; c++) {
      rowP[r] += pHat[r + nr * c];
      colP[c] += pHat[r + nr * c];
    }
  let chisq = 0;
  for (let r = 0; r < nr; r++)
    for (let c = 0; c < nc; c++) {
      const expected = rowP[r] * colP[c] * bigN;
      const observed = pHat[r + nr * c] * bigN;
      chisq += ((observed - expected) * (observed - expected)) / expected;
    }
  return chisq;
}

/**
 * Δ = (Cᵀ P⁻¹ C / N)⁻¹ (Cᵀ P⁻¹ V P⁻¹ C), with C the interaction columns residualised on intercept +
 * row + column indicators (as svychisq), P = diag(p̂) and V the covariance of the cell proportions.
 */
function designEffectMatrix(v: number[][], pHat: Float64Array, nr: number, nc: number, bigN: number): Float64Array {
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
  const inv = pHat.map((p) => (p === 0 ? 0 : 1 / p));
  const ct = transpose(cmat, k, d);
  const scaled = new Float64Array(k * d);
  for (let i = 0; i < k; i++) for (let j = 0; j < d; j++) scaled[i * d + j] = (cmat[i * d + j] * inv[i]) / bigN;
  const denom = matmul(ct, scaled, d, k, d);
  const dvd = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) dvd[i * k + j] = inv[i] * v[i][j] * inv[j];
  const numr = matmul(ct, matmul(dvd, cmat, k, k, d), d, k, d);
  try {
    return solveSymmetric(denom, numr, d, d);
  } catch {
    throw new RangeError("raoScott: singular design-effect matrix (a row or column level with zero weight?)");
  }
}
