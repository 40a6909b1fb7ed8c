/**
 * The one place where the engine turns an estimate into its variance. Every estimator (svyciprop,
 * svymean, svytotal, svydiff, svychisq and so svyby; the mask-based mean, proportion, total,
 * differenceOfProportions and raoScott) forms the estimate's influence columns — one value per row
 * of the design, 0 outside the domain — and calls `designCovariance(design, influence)`.
 *
 * For a linearisation design (this file): calibration residuals (calibration.ts), then the
 * one-stage with-replacement variance of PSU totals, times n/(n − 1) and the finite population
 * correction (N − n)/N when the design has one — what R's `svyrecvar` computes.
 *
 * Where a replicate-weight design plugs in: `designCovariance` is the switch. A design carrying
 * replicate weights (a `replicates` field added by replicate*.ts) is recognised at the top of
 * `designCovariance` (marked there) and its covariance computed from replicate deviations instead of
 * the linearisation below. From influence x_i (which already includes the weight w_i), replicate r
 * moves a total by Σ_i (w_ri/w_i)·x_i − Σ_i x_i exactly, and a mean or share by Σ_i (w_ri/w_i)·x_i ·
 * (W/W_r) exactly (W, W_r the domain's weight sums; mean influence sums to 0) — so the replicate
 * variance (JK1: (R−1)/R · Σ_r d_r d_rᵀ; bootstrap: 1/R · Σ_r d_r d_rᵀ, about the full-sample estimate)
 * needs only the influence columns, plus the domain's weight sums for ratios. No estimator changes.
 */

import { calibrationBasis, calibrationResiduals, type CalibrationBasis } from "./calibration";
import { numberCells } from "./rake-cells";
import type { DesignWeights } from "./types";

/**
 * Influence columns given by groups of rows: x_ik = rowWeight_i · values[group_i · columns + k], and 0
 * where group_i is −1. Shares, counts and cell proportions have this form (the group is the answer,
 * the row weight w_i, the value (δ_jk − p_k)/Σw), and then the variance needs only per-group sums,
 * not k columns of n rows.
 */
export interface GroupedInfluence {
  /** a_i per row (0 outside the domain). */
  rowWeight: Float64Array;
  /**
   * Group of each listed row, −1 for a row whose influence is 0: `group[r]` is the group of row
   * `rows[r]` (of row r when `rows` is null or absent), so a small domain needs no array of n.
   */
  group: Int32Array;
  /** Number of groups. */
  groups: number;
  /** Number of influence columns (estimates). */
  columns: number;
  /** The influence of each group per column, groups × columns, row-major. */
  values: Float64Array;
  /** The only rows whose influence may be nonzero, in increasing order (a domain's rows); null or absent: every row. */
  rows?: Int32Array | null;
}

/** Influence columns of k estimates: k arrays of one value per row, or in grouped form. */
export type Influence = readonly Float64Array[] | GroupedInfluence;

/**
 * Covariance matrix (k×k, as nested arrays) of estimates given their influence columns (one value
 * per row of the design; 0 outside a domain). The engine's only variance function.
 * @example designCovariance(design, [influence])[0][0] // the variance of one estimate
 */
export function designCovariance(design: DesignWeights, influence: Influence): number[][] {
  // (A replicate-weight design is recognised here; see the module comment.)
  if (isGrouped(influence)) {
    if (design.clusters === null) return groupedCovariance(design, influence);
    return psuCovariance(design, calibrationResiduals(design, expandInfluence(influence)));
  }
  return psuCovariance(design, calibrationResiduals(design, influence));
}

function isGrouped(influence: Influence): influence is GroupedInfluence {
  return (influence as GroupedInfluence).rowWeight !== undefined;
}

/**
 * The columns of a grouped influence, one array of n values each.
 * @example expandInfluence(grouped).length // grouped.columns
 */
export function expandInfluence(g: GroupedInfluence): Float64Array[] {
  const n = g.rowWeight.length;
  const rows = g.rows ?? null;
  const out: Float64Array[] = [];
  for (let k = 0; k < g.columns; k++) {
    const x = new Float64Array(n);
    for (let r = 0; r < g.group.length; r++) {
      const j = g.group[r];
      const i = rows === null ? r : rows[r];
      if (j >= 0) x[i] = g.rowWeight[i] * g.values[j * g.columns + k];
    }
    out.push(x);
  }
  return out;
}

/**
 * `psuCovariance(calibrationResiduals(...))` for grouped influence on a design whose rows are its
 * PSUs. With e_ik = a_i B_jk − v_i F_ck (j the row's group, c its calibration cell, v the calibrated
 * weights, F the cells' fit), Σ_i e_ia e_ib = Σ_j B_ja B_jb Σa² − Σ_c (F_cb P_ca + F_ca P_cb) + Σ_c F_ca F_cb Σv²,
 * with P_ca = Σ_j B_ja Σav over the rows of (c, j), and Σ_i e_ia alike: one pass over the rows collects
 * the sums, whatever the number of columns.
 */
function groupedCovariance(design: DesignWeights, g: GroupedInfluence): number[][] {
  const n = design.n;
  const k = g.columns;
  const groups = g.groups;
  const basis = calibrationBasis(design);
  const cells = basis === null ? 0 : basis.cells;
  const a1 = new Float64Array(groups); // Σa per group
  const a2 = new Float64Array(groups); // Σa² per group
  const av = new Float64Array(cells * groups); // Σ a·v per (cell, group)
  const ag = new Float64Array(cells * groups); // Σ a·d/w per (cell, group)
  const v1 = basis === null ? new Float64Array(0) : basis.weightSum; // Σv per cell
  const v2 = basis === null ? new Float64Array(0) : basis.weightSquares; // Σv² per cell
  const { rowWeight, group } = g;
  const rows = g.rows ?? null;
  const visited = rows === null ? n : rows.length;
  const sums = { groups, a1, a2, av, ag };
  if (basis === null) {
    for (let r = 0; r < visited; r++) {
      const i = rows === null ? r : rows[r];
      const j = group[r];
      if (j < 0) continue;
      const a = rowWeight[i];
      a1[j] += a;
      a2[j] += a * a;
    }
  } else {
    // A domain's rows spread over a large design: from its second estimate on, read them gathered.
    const gathered = rows === null ? null : gatheredRows(rows, rowWeight, basis);
    if (gathered === null)
      sumGroups(rows, group, { a: rowWeight, v: basis.weights, cell: basis.cellOf, invG: basis.invG }, sums);
    else sumGroups(null, group, gathered, sums);
  }
  const B = g.values;
  // per column: the cells' fit F (cells × k) and P (cells × k)
  const fit = new Float64Array(cells * k);
  const p = new Float64Array(cells * k);
  if (basis !== null) {
    const sums = new Float64Array(cells);
    for (let col = 0; col < k; col++) {
      for (let c = 0; c < cells; c++) {
        let s = 0;
        let t = 0;
        for (let j = 0; j < groups; j++) {
          s += ag[c * groups + j] * B[j * k + col];
          t += av[c * groups + j] * B[j * k + col];
        }
        sums[c] = s;
        p[c * k + col] = t;
      }
      const f = basis.fit(sums);
      for (let c = 0; c < cells; c++) fit[c * k + col] = f[c];
    }
  }
  const totals = new Float64Array(k);
  const cross = new Float64Array(k * k);
  for (let j = 0; j < groups; j++) {
    for (let a = 0; a < k; a++) {
      const ba = B[j * k + a];
      totals[a] += ba * a1[j];
      for (let b = a; b < k; b++) cross[a * k + b] += ba * B[j * k + b] * a2[j];
    }
  }
  for (let c = 0; c < cells; c++) {
    for (let a = 0; a < k; a++) {
      const fa = fit[c * k + a];
      const pa = p[c * k + a];
      totals[a] -= fa * v1[c];
      for (let b = a; b < k; b++)
        cross[a * k + b] += fa * fit[c * k + b] * v2[c] - fit[c * k + b] * pa - fa * p[c * k + b];
    }
  }
  const f = design.populationUnits === null ? 1 : (design.populationUnits - n) / design.populationUnits;
  const scale = n > 1 ? (f * n) / (n - 1) : f;
  const cov: number[][] = [];
  for (let a = 0; a < k; a++) cov.push(new Array<number>(k).fill(0));
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const centred = (cross[a * k + b] - (totals[a] * totals[b]) / n) * scale;
      cov[a][b] = centred;
      cov[b][a] = centred;
    }
  }
  return cov;
}

/** Per-row inputs of `groupedCovariance`: row weight a, calibrated weight v, calibration cell and d/w. */
interface RowInputs {
  a: Float64Array;
  v: Float64Array;
  cell: Int32Array;
  invG: Float64Array;
}

/** The sums `groupedCovariance` collects: Σa, Σa² per group and Σa·v, Σa·d/w per (cell, group). */
interface GroupSums {
  groups: number;
  a1: Float64Array;
  a2: Float64Array;
  av: Float64Array;
  ag: Float64Array;
}

/**
 * Adds the listed rows of `x` to the sums: row `rows[r]` (row r when `rows` is null: `x` read in
 * order, as gathered) is in group `group[r]`. A function of its own, so that V8 optimises the loop
 * once, not again on every estimate (a loop inside a long function is compiled while it runs).
 */
function sumGroups(rows: Int32Array | null, group: Int32Array, x: RowInputs, s: GroupSums): void {
  const { a: aOf, v: vOf, cell, invG } = x;
  const { groups, a1, a2, av, ag } = s;
  for (let r = 0; r < group.length; r++) {
    const j = group[r];
    if (j < 0) continue;
    const i = rows === null ? r : rows[r];
    const a = aOf[i];
    const v = vOf[i];
    const slot = cell[i] * groups + j;
    a1[j] += a;
    a2[j] += a * a;
    av[slot] += a * v;
    ag[slot] += a * invG[i];
  }
}

/** Per domain row list: for which row weights and calibration it was asked, and what was gathered (on the second ask). */
const gatherCache = new WeakMap<
  Int32Array,
  { rowWeight: Float64Array; basis: CalibrationBasis; rows: RowInputs | null }
>();

/**
 * The row weights and calibration basis at a domain's rows, copied in order from the domain's
 * second estimate on (many estimates on one domain then read a few megabytes in order instead of
 * scattered rows of a large design; the sums are the same); null on its first.
 */
function gatheredRows(rows: Int32Array, rowWeight: Float64Array, basis: CalibrationBasis): RowInputs | null {
  const known = gatherCache.get(rows);
  const same =
    known !== undefined &&
    known.rowWeight === rowWeight &&
    known.basis.weights === basis.weights &&
    known.basis.cellOf === basis.cellOf &&
    known.basis.invG === basis.invG;
  if (!same) {
    gatherCache.set(rows, { rowWeight, basis, rows: null });
    return null;
  }
  if (known.rows !== null) return known.rows;
  const m = rows.length;
  const a = new Float64Array(m);
  const v = new Float64Array(m);
  const cell = new Int32Array(m);
  const invG = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    const i = rows[r];
    a[r] = rowWeight[i];
    v[r] = basis.weights[i];
    cell[r] = basis.cellOf[i];
    invG[r] = basis.invG[i];
  }
  known.rows = { a, v, cell, invG };
  return known.rows;
}

/** PSU number of each row and the number of PSUs, cached per cluster-id array. */
const psuCache = new WeakMap<object, { psuOf: Int32Array; count: number }>();

function psuIndex(clusters: ArrayLike<number>): { psuOf: Int32Array; count: number } {
  const cached = psuCache.get(clusters);
  if (cached !== undefined && cached.psuOf.length === clusters.length) return cached;
  const psuOf = new Int32Array(clusters.length);
  const entry = { psuOf, count: numberCells(clusters, Infinity, psuOf).length };
  psuCache.set(clusters, entry);
  return entry;
}

/**
 * The one-stage linearisation covariance of estimating-function columns that are already
 * residualised: PSU totals, centred over all PSUs of the design, times n/(n − 1) and (N − n)/N when
 * the design has `populationUnits` — survey's `onestage` with one stratum.
 * @example psuCovariance(design, calibrationResiduals(design, [x]))[0][0]
 */
export function psuCovariance(design: DesignWeights, e: readonly Float64Array[]): number[][] {
  const n = design.n;
  const k = e.length;
  let totals: readonly Float64Array[];
  let nPsu: number;
  if (design.clusters === null) {
    totals = e;
    nPsu = n;
  } else {
    const { psuOf, count } = psuIndex(design.clusters);
    nPsu = count;
    totals = e.map((col) => {
      const t = new Float64Array(nPsu);
      for (let i = 0; i < n; i++) t[psuOf[i]] += col[i];
      return t;
    });
  }
  const f = design.populationUnits === null ? 1 : (design.populationUnits - nPsu) / design.populationUnits;
  const scale = nPsu > 1 ? (f * nPsu) / (nPsu - 1) : f;
  const means = totals.map((t) => {
    let s = 0;
    for (let j = 0; j < t.length; j++) s += t[j];
    return s / t.length;
  });
  const cov: number[][] = [];
  for (let a = 0; a < k; a++) cov.push(new Array<number>(k).fill(0));
  for (let a = 0; a < k; a++) {
    const ta = totals[a];
    const ma = means[a];
    for (let b = a; b < k; b++) {
      const tb = totals[b];
      const mb = means[b];
      let s = 0;
      for (let j = 0; j < ta.length; j++) s += (ta[j] - ma) * (tb[j] - mb);
      cov[a][b] = s * scale;
      cov[b][a] = s * scale;
    }
  }
  return cov;
}

/**
 * R's `degf` on a subset: PSUs (rows, without clusters) with nonzero weight in the domain, minus 1.
 * `domain` is a flag or boolean per row, or null for every row.
 * @example degreesOfFreedom(design, null) // n − 1 for a design without clusters
 */
export function degreesOfFreedom(design: DesignWeights, domain: ArrayLike<number | boolean> | null): number {
  const w = design.weights;
  if (design.clusters === null) {
    let count = 0;
    for (let i = 0; i < design.n; i++) if ((domain === null || domain[i]) && w[i] !== 0) count++;
    return count - 1;
  }
  const { psuOf, count } = psuIndex(design.clusters);
  const seen = new Uint8Array(count);
  let psus = 0;
  for (let i = 0; i < design.n; i++) {
    if ((domain === null || domain[i]) && w[i] !== 0 && seen[psuOf[i]] === 0) {
      seen[psuOf[i]] = 1;
      psus++;
    }
  }
  return psus - 1;
}
