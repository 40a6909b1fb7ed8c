/**
 * The engine's one variance function: estimators pass their influence columns (one value per row, 0
 * outside the domain) to `designCovariance`, which residualises them on the calibration and takes the
 * with-replacement variance of PSU totals, times n/(n − 1) and (N − n)/N — R's `svyrecvar`.
 */

import { calibrationResiduals } from "./calibration";
import { multistageCovariance } from "./multistage";
import { numberCells } from "./rake-cells";
import type { Sampling } from "./stages";
import type { CalibrationModel, DesignWeights } from "./types";

/**
 * Influence columns given by groups of rows: x_ik = rowWeight_i · values[group_i · columns + k], and 0 where group_i is
 * −1.
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
  /** The domain's rows and what lies outside it (`domainRows`), when the caller has them. */
  domainRows?: DomainRows;
}

/** A domain's rows and, per calibration cell, the rows outside it (see `domainRows`). */
export interface DomainRows {
  rows: Int32Array;
  count: Float64Array;
  vMean: Float64Array;
  svv: Float64Array;
}

/** Influence columns of k estimates: k arrays of one value per row, or in grouped form. */
export type Influence = readonly Float64Array[] | GroupedInfluence;

/**
 * Covariance matrix (k×k, as nested arrays) of estimates given their influence columns (one value
 * per row of the design; 0 outside a domain). The engine's only variance function.
 * @example designCovariance(design, [influence])[0][0] // the variance of one estimate
 */
export function designCovariance(design: DesignWeights, influence: Influence): number[][] {
  const rowsArePsus = design.clusters === null && !design.sampling;
  if (rowsArePsus && design.calibration?.model.kind === "matrix") {
    const columns = isGrouped(influence) ? expandInfluence(influence) : influence;
    return rowCovariance(design, calibrationResiduals(design, columns));
  }
  if (!isGrouped(influence)) return psuCovariance(design, calibrationResiduals(design, influence));
  if (rowsArePsus) return slotCovariance(design, influence);
  return psuCovariance(design, calibrationResiduals(design, expandInfluence(influence)));
}

/** `psuCovariance` of residual columns on a design whose rows are its PSUs, in one pass for the means and one for the sums. */
function rowCovariance(design: DesignWeights, e: readonly Float64Array[]): number[][] {
  const n = design.n;
  const means = e.map((x) => x.reduce((a, b) => a + b, 0) / n);
  const scale = varianceScale(design, n);
  return e.map((x, a) =>
    e.map((y, b) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += (x[i] - means[a]) * (y[i] - means[b]);
      return s * scale;
    }),
  );
}

/** The design's cell calibration model, null without one (or for a matrix model, which never takes the slot path). */
function cellModelOf(design: DesignWeights): CalibrationModel | null {
  const model = design.calibration?.model ?? null;
  return model?.kind === "cells" ? model : null;
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
 * `psuCovariance(calibrationResiduals(...))` of grouped influence on a design whose rows are its PSUs, by slot s =
 * (calibration cell c, group j; j = −1 outside the domain, where B = 0). Only the slots that hold rows are visited
 * (in slot order): a model's influence has a group per cell of its factors, and most (c, j) pairs are empty.
 */
function slotCovariance(design: DesignWeights, g: GroupedInfluence): number[][] {
  const { groups, columns: k, values: B } = g;
  const n = design.n;
  const model = cellModelOf(design);
  const width = groups + 1;
  const { slot, count, vMean, tMean, ag, svv, svt, stt, trimmed } = slotMoments(design, g, width);
  const used = slot.length;
  const fit = new Float64Array((model?.cells ?? 1) * k); // F_ck, stored per cell
  if (model !== null) {
    const sums = new Float64Array(model.cells);
    for (let col = 0; col < k; col++) {
      sums.fill(0);
      for (let t = 0; t < used; t++) {
        const j = (slot[t] % width) - 1;
        if (j >= 0) sums[Math.floor(slot[t] / width)] += ag[t] * B[j * k + col];
      }
      const f = model.fit(sums);
      for (let c = 0; c < model.cells; c++) fit[c * k + col] = f[c];
    }
  }
  const b = new Float64Array(used * k); // B_jk per slot
  const d = new Float64Array(used * k);
  const mean = new Float64Array(used * k); // ē_s
  const overall = new Float64Array(k);
  for (let t = 0; t < used; t++) {
    if (count[t] === 0) continue; // adds nothing below
    const c = Math.floor(slot[t] / width);
    const j = (slot[t] % width) - 1;
    for (let col = 0; col < k; col++) {
      const x = t * k + col;
      b[x] = j < 0 ? 0 : B[j * k + col];
      d[x] = b[x] - fit[c * k + col];
      mean[x] = d[x] * vMean[t] + b[x] * tMean[t];
      overall[col] += (count[t] * mean[x]) / n;
    }
  }
  const scale = varianceScale(design, n);
  const sums = new Float64Array(k * k); // upper triangle, summed slot by slot in slot order
  const centred = new Float64Array(k);
  for (let t = 0; t < used; t++) {
    if (count[t] === 0) continue;
    const o = t * k;
    for (let p = 0; p < k; p++) centred[p] = count[t] * (mean[o + p] - overall[p]);
    for (let p = 0; p < k; p++) {
      const dp = d[o + p];
      const cp = centred[p];
      const row = p * k;
      if (trimmed) {
        const bp = b[o + p];
        for (let q = p; q < k; q++) {
          sums[row + q] +=
            d[o + p] * d[o + q] * svv[t] + (d[o + p] * b[o + q] + bp * d[o + q]) * svt[t] + bp * b[o + q] * stt[t];
          sums[row + q] += cp * (mean[o + q] - overall[q]);
        }
      } else {
        for (let q = p; q < k; q++) {
          sums[row + q] += dp * d[o + q] * svv[t];
          sums[row + q] += cp * (mean[o + q] - overall[q]);
        }
      }
    }
  }
  const cov: number[][] = [];
  for (let p = 0; p < k; p++) cov.push(new Array<number>(k).fill(0));
  for (let p = 0; p < k; p++) for (let q = p; q < k; q++) cov[p][q] = cov[q][p] = sums[p * k + q] * scale;
  return cov;
}

/**
 * The slots that hold rows, in slot order (`slot`, with s = c · width + j + 1), and per such slot: rows, mean v and t,
 * Σ a·d/w, and the centred sums of squares and products of v and t.
 */
function slotMoments(design: DesignWeights, g: GroupedInfluence, width: number) {
  const { rowWeight: a, group, domainRows } = g;
  const model = cellModelOf(design);
  const v = design.calibration?.calibratedWeights ?? a;
  const cellOf = model?.cellOf ?? null;
  // Rows outside the domain (group −1) fill slots (c, −1) alone, the same for every estimate on the domain.
  const rows = domainRows?.rows ?? null;
  const m = rows === null ? design.n : rows.length;
  const slotOf = (i: number): number => (cellOf === null ? 0 : cellOf[i] * width) + group[i] + 1;
  // Each used slot's place among the used ones, plus 1 (0: unused), numbered in slot order.
  const place = new Int32Array((model?.cells ?? 1) * width);
  for (let r = 0; r < m; r++) place[slotOf(rows === null ? r : rows[r])] = 1;
  if (domainRows) for (let c = 0; c < domainRows.count.length; c++) place[c * width] = 1;
  let used = 0;
  for (let s = 0; s < place.length; s++) if (place[s] !== 0) place[s] = ++used;
  const slot = new Int32Array(used);
  for (let s = 0; s < place.length; s++) if (place[s] !== 0) slot[place[s] - 1] = s;
  // A slot's moments side by side, so that a row's slot is one cache line: rows, mean v, mean t, Σ a·d/w, the centred
  // Σ vv, vt and tt, and the slot's first v.
  const mom = new Float64Array(used * 8);
  let varied = 0; // 1 once a row's v differs from its slot's first
  const d = model === null ? null : (design.calibration?.baseWeights ?? null); // Σ a·d/w
  for (let r = 0; r < m; r++) {
    const i = rows === null ? r : rows[r];
    const j = group[i];
    const o = (place[slotOf(i)] - 1) * 8;
    const vi = v[i];
    if (mom[o] === 0) mom[o + 7] = vi;
    varied |= +(vi !== mom[o + 7]);
    mom[o]++;
    mom[o + 1] += vi;
    if (j >= 0) {
      const ai = a[i];
      if (a !== v) mom[o + 2] += ai - vi; // untrimmed: 0
      if (d !== null) mom[o + 3] += ai * (d[i] / vi);
    }
  }
  for (let t = 0; t < used; t++) {
    const o = t * 8;
    if (domainRows && slot[t] % width === 0) {
      const c = slot[t] / width;
      [mom[o], mom[o + 1], mom[o + 4]] = [domainRows.count[c], domainRows.vMean[c], domainRows.svv[c]];
      continue;
    }
    mom[o + 1] /= mom[o] || 1;
    mom[o + 2] /= mom[o] || 1;
  }
  if (varied === 0 && a === v) {
    // Every slot's rows share one v (a calibration of base weights constant within its cells): the pass below would sum
    // count copies of (v − v̄)², in row order; so does this, without the rows.
    for (let t = 0; t < used; t++) {
      const o = t * 8;
      if (domainRows && slot[t] % width === 0) continue;
      const dv = mom[o + 7] - mom[o + 1];
      let ss = 0;
      for (let x = 0; x < mom[o]; x++) ss += dv * dv;
      mom[o + 4] = ss;
    }
  } else {
    for (let r = 0; r < m; r++) {
      const i = rows === null ? r : rows[r];
      const j = group[i];
      const o = (place[slotOf(i)] - 1) * 8;
      const dv = v[i] - mom[o + 1];
      mom[o + 4] += dv * dv;
      if (a === v) continue; // untrimmed: t = 0
      const dt = j >= 0 ? a[i] - v[i] - mom[o + 2] : 0;
      mom[o + 5] += dv * dt;
      mom[o + 6] += dt * dt;
    }
  }
  return { slot, ...fieldsOf(mom, used), trimmed: a !== v };
}

/** The slots' moments, side by side in `mom`, as an array each. */
function fieldsOf(mom: Float64Array, slots: number) {
  const field = (k: number): Float64Array => {
    const out = new Float64Array(slots);
    for (let s = 0; s < slots; s++) out[s] = mom[s * 8 + k];
    return out;
  };
  return {
    count: field(0),
    vMean: field(1),
    tMean: field(2),
    ag: field(3),
    svv: field(4),
    svt: field(5),
    stt: field(6),
  };
}

/**
 * The rows of a domain (in order) and, per calibration cell, the rows outside it: their number, mean calibrated weight
 * and centred sum of squares.
 * @example domainRows(design, subset(design, { branche: [1] }).domain).rows.length
 */
export function domainRows(design: DesignWeights, domain: Uint8Array | null): DomainRows {
  const model = cellModelOf(design);
  const v = design.calibration?.calibratedWeights ?? design.weights;
  const cells = model?.cells ?? 1;
  const [count, vMean, svv] = [0, 0, 0].map(() => new Float64Array(cells));
  const inside: number[] = [];
  const cellOf = model?.cellOf ?? null;
  for (let i = 0; i < design.n; i++) {
    if (domain === null || domain[i] === 1) {
      inside.push(i);
      continue;
    }
    const c = cellOf === null ? 0 : cellOf[i];
    count[c]++;
    vMean[c] += v[i];
  }
  for (let c = 0; c < cells; c++) vMean[c] /= count[c] || 1;
  for (let i = 0; i < design.n; i++) {
    if (domain === null || domain[i] === 1) continue;
    const c = cellOf === null ? 0 : cellOf[i];
    const dv = v[i] - vMean[c];
    svv[c] += dv * dv;
  }
  return { rows: Int32Array.from(inside), count, vMean, svv };
}

/** n/(n − 1) times the finite population correction (N − n)/N when the design has one; n the PSUs. */
function varianceScale(design: DesignWeights, psus: number): number {
  const f = design.populationUnits === null ? 1 : (design.populationUnits - psus) / design.populationUnits;
  return psus > 1 ? (f * psus) / (psus - 1) : f;
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
 * The linearisation covariance of estimating-function columns that are already residualised: PSU
 * totals within strata, centred per stratum, times n_h/(n_h − 1) and (1 − f_h), and later stages
 * as R's `svyrecvar` (see `multistageCovariance`).
 * @example psuCovariance(design, calibrationResiduals(design, [x]))[0][0]
 */
export function psuCovariance(design: DesignWeights, e: readonly Float64Array[]): number[][] {
  return multistageCovariance(samplingOf(design), e, design.source ?? "survey design");
}

/**
 * The design's stages: `design.sampling`, or for a design without one, one stage of its `clusters` (every row its own
 * unit when null) in one stratum of `populationUnits` units.
 * @example samplingOf(design).stages[0].units // the number of PSUs
 */
export function samplingOf(design: DesignWeights): Sampling {
  if (design.sampling) return design.sampling;
  const { psuOf, count } = psuIndex(design.n, design.clusters);
  const population = design.populationUnits === null ? null : Float64Array.of(design.populationUnits);
  const stage = {
    unitOf: psuOf,
    units: count,
    stratumOfUnit: new Int32Array(count),
    strata: ["all rows"],
    sampled: Float64Array.of(count),
    population,
  };
  return { stages: [stage], lonelyPsu: "certainty" };
}

/**
 * R's `degf` on a subset: first-stage PSUs (rows, without clusters) with nonzero weight in the domain,
 * minus the strata they are in. `domain` is a flag or boolean per row, or null for every row.
 * @example degreesOfFreedom(design, null) // n − 1 for a design without clusters or strata
 */
export function degreesOfFreedom(design: DesignWeights, domain: ArrayLike<number | boolean> | null): number {
  const w = design.weights;
  if (design.clusters === null && !design.sampling) {
    let count = 0;
    for (let i = 0; i < design.n; i++) if ((domain === null || domain[i]) && w[i] !== 0) count++;
    return count - 1;
  }
  const stage = samplingOf(design).stages[0];
  const seenUnit = new Uint8Array(stage.units);
  const seenStratum = new Uint8Array(stage.strata.length);
  let psus = 0;
  let strata = 0;
  for (let i = 0; i < design.n; i++) {
    const u = stage.unitOf[i];
    if ((domain === null || domain[i]) && w[i] !== 0 && seenUnit[u] === 0) {
      seenUnit[u] = 1;
      psus++;
      const h = stage.stratumOfUnit[u];
      if (seenStratum[h] === 0) strata += seenStratum[h] = 1;
    }
  }
  return psus - strata;
}
