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

import { calibrationResiduals } from "./calibration";
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
  /** Group of each row, −1 for a row whose influence is 0 (outside the domain). */
  group: Int32Array;
  /** Number of groups. */
  groups: number;
  /** Number of influence columns (estimates). */
  columns: number;
  /** The influence of each group per column, groups × columns, row-major. */
  values: Float64Array;
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
  const out: Float64Array[] = [];
  for (let k = 0; k < g.columns; k++) {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const j = g.group[i];
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
  const model = design.calibration?.model ?? null;
  const cells = model === null ? 0 : model.cells;
  const a1 = new Float64Array(groups); // Σa per group
  const a2 = new Float64Array(groups); // Σa² per group
  const av = new Float64Array(cells * groups); // Σ a·v per (cell, group)
  const ag = new Float64Array(cells * groups); // Σ a·d/w per (cell, group)
  const { rowWeight, group } = g;
  const v = design.calibration === null ? rowWeight : design.calibration.calibratedWeights;
  for (let i = 0; i < n; i++) {
    const j = group[i];
    if (j < 0) continue;
    const a = rowWeight[i];
    a1[j] += a;
    a2[j] += a * a;
    if (model === null) continue;
    const slot = model.cellOf[i] * groups + j;
    av[slot] += a * v[i];
    ag[slot] += a * model.invG[i];
  }
  const B = g.values;
  // per column: the cells' fit F (cells × k) and P (cells × k)
  const fit = new Float64Array(cells * k);
  const p = new Float64Array(cells * k);
  if (model !== null) {
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
      const f = model.fit(sums);
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
  const v1 = model === null ? new Float64Array(0) : model.weightSum; // Σv per cell
  const v2 = model === null ? new Float64Array(0) : model.weightSquares; // Σv² per cell
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

/**
 * PSU number of each row (in order of first appearance, R's `match(psu, unique(psu))`) and the
 * number of PSUs; every row its own PSU when `clusters` is null.
 * @example psuIndex(3, [7, 5, 7]) // { psuOf: Int32Array [0, 1, 0], count: 2 }
 */
export function psuIndex(n: number, clusters: ArrayLike<number> | null): { psuOf: Int32Array; count: number } {
  const psuOf = new Int32Array(n);
  if (clusters === null) {
    for (let i = 0; i < n; i++) psuOf[i] = i;
    return { psuOf, count: n };
  }
  return { psuOf, count: numberCells(clusters, Infinity, psuOf).length };
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
    const { psuOf, count } = psuIndex(design.n, design.clusters);
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
  const { psuOf, count } = psuIndex(design.n, design.clusters);
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
