/** The engine's one variance function, `designCovariance` of influence columns: R's `svyrecvar`. */

import { calibrationResiduals } from "./calibration";
import { multistageCovariance, type Sampling } from "./stages";
import { numberCells } from "./rake-cells";
import type { CalibrationModel, DesignWeights } from "./types";

/** Influence columns by groups of rows: x_ik = rowWeight_i · values[group_i · columns + k], 0 where group_i is −1. */
export interface GroupedInfluence {
  rowWeight: Float64Array;
  group: Int32Array;
  groups: number;
  columns: number;
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
 * Covariance matrix (k×k) of estimates from their influence columns (a value per row, 0 outside a domain).
 * @example designCovariance(design, [influence])[0][0] // the variance of one estimate
 */
export function designCovariance(design: DesignWeights, influence: Influence): number[][] {
  const rowsArePsus = design.clusters === null && !design.sampling;
  const matrix = design.calibration?.model.kind === "matrix";
  if (isGrouped(influence) && rowsArePsus && !matrix) return slotCovariance(design, influence);
  const e = calibrationResiduals(design, isGrouped(influence) ? expandInfluence(influence) : influence);
  if (rowsArePsus && matrix) return rowCovariance(design, e);
  return multistageCovariance(samplingOf(design), e, design.source ?? "survey design");
}

/** The covariance of residual columns on a design whose rows are its PSUs. */
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

function cellModelOf(design: DesignWeights): CalibrationModel | null {
  const model = design.calibration?.model ?? null;
  return model?.kind === "cells" ? model : null;
}

function isGrouped(influence: Influence): influence is GroupedInfluence {
  return (influence as GroupedInfluence).rowWeight !== undefined;
}

/** The columns of a grouped influence: `expandInfluence(grouped).length // grouped.columns`. */
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

/** The covariance of grouped influence on a design whose rows are its PSUs, by slot (calibration cell c, group j). */
function slotCovariance(design: DesignWeights, g: GroupedInfluence): number[][] {
  const { groups, columns: k, values: B } = g;
  const n = design.n;
  const model = cellModelOf(design);
  const width = groups + 1;
  const { slot, count, vMean, tMean, ag, svv, svt, stt, trimmed } = slotMoments(design, g, width);
  const used = slot.length;
  const fit = new Float64Array((model?.cells ?? 1) * k); // F_ck, stored per cell
  if (model !== null) {
    const cells = model.cells;
    const sums = new Float64Array(cells * k); // Σ a·d/w · B per cell, a column's after another's
    for (let t = 0; t < used; t++) {
      const [c, j] = [Math.floor(slot[t] / width), (slot[t] % width) - 1];
      for (let col = 0; j >= 0 && col < k; col++) sums[col * cells + c] += ag[t] * B[j * k + col];
    }
    const f = model.fit(sums);
    for (let c = 0; c < cells; c++) for (let col = 0; col < k; col++) fit[c * k + col] = f[col * cells + c];
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
  const u = new Float64Array(k); // ē_s − ē
  for (let t = 0; t < used; t++) {
    if (count[t] === 0) continue;
    const [o, sv, st, ss] = [t * k, svv[t], svt[t], stt[t]];
    for (let p = 0; p < k; p++) u[p] = mean[o + p] - overall[p];
    for (let p = 0; p < k; p++) {
      const [dp, bp, cp, row] = [d[o + p], b[o + p], count[t] * u[p], p * k];
      for (let q = p; q < k; q++) {
        const within = trimmed
          ? dp * d[o + q] * sv + (dp * b[o + q] + bp * d[o + q]) * st + bp * b[o + q] * ss
          : dp * d[o + q] * sv;
        sums[row + q] = sums[row + q] + within + cp * u[q];
      }
    }
  }
  const cov: number[][] = [];
  for (let p = 0; p < k; p++) cov.push(new Array<number>(k).fill(0));
  for (let p = 0; p < k; p++) for (let q = p; q < k; q++) cov[p][q] = cov[q][p] = sums[p * k + q] * scale;
  return cov;
}

/** The slots that hold rows (s = c · width + j + 1) and per slot: rows, mean v and t, Σ a·d/w, centred sums of v, t. */
function slotMoments(design: DesignWeights, g: GroupedInfluence, width: number) {
  const { rowWeight: a, group, domainRows } = g;
  const model = cellModelOf(design);
  const v = design.calibration?.calibratedWeights ?? a;
  const d = model === null ? null : (design.calibration?.baseWeights ?? null);
  const cellOf = model?.cellOf ?? null;
  const rows = domainRows?.rows ?? null;
  const same = a === v ? (model?.cellWeights ?? null) : null;
  const place = countSlots(cellOf, width, group, rows, new Int32Array((model?.cells ?? 1) * width));
  const [slot, rowCount]: number[][] = [[], []];
  for (let s = 0; s < place.length; s++) {
    if (place[s] === 0 && !(domainRows && s % width === 0)) continue;
    rowCount.push(place[s]);
    place[s] = slot.push(s); // now its place in slot order, plus 1
  }
  const used = slot.length;
  const [count, vMean, tMean, ag, svv, svt, stt] = [0, 0, 0, 0, 0, 0, 0].map(() => new Float64Array(used));
  const outside = (t: number) => domainRows !== undefined && slot[t] % width === 0;
  for (let t = 0; t < used; t++) count[t] = outside(t) ? (domainRows?.count[slot[t] / width] ?? 0) : rowCount[t];
  if (same !== null) sameSlots(slot, width, same, count, vMean, ag, svv);
  else {
    slotPass(cellOf, width, group, rows, [v, a, d], place, false, vMean, tMean, ag);
    for (let t = 0; t < used; t++) [vMean[t], tMean[t]] = [vMean[t] / count[t], tMean[t] / count[t]];
    slotPass(cellOf, width, group, rows, [v, a, d], place, true, svv, svt, stt, vMean, tMean);
  }
  for (let t = 0; t < used && domainRows; t++)
    if (outside(t))
      [vMean[t], tMean[t], svv[t]] = [domainRows.vMean[slot[t] / width], 0, domainRows.svv[slot[t] / width]];
  return { slot, count, vMean, tMean, ag, svv, svt, stt, trimmed: a !== v };
}

/** Rows per slot, into `out` (numbers only, for an optimised loop). */
function countSlots(
  cellOf: Int32Array | null,
  width: number,
  group: Int32Array,
  rows: Int32Array | null,
  out: Int32Array,
): Int32Array {
  const m = rows === null ? group.length : rows.length;
  for (let r = 0; r < m; r++) {
    const i = rows === null ? r : rows[r];
    out[(cellOf === null ? 0 : cellOf[i] * width) + group[i] + 1]++;
  }
  return out;
}

/** A pass over the rows into each slot: sums of v, a − v and a·d/v, or (`centred`) the centred vv, vt and tt. */
function slotPass(
  cellOf: Int32Array | null,
  width: number,
  group: Int32Array,
  rows: Int32Array | null,
  [v, a, d]: (Float64Array | null)[],
  place: Int32Array,
  centred: boolean,
  ...[x, y, z, vMean, tMean]: Float64Array[]
): void {
  const m = rows === null ? group.length : rows.length;
  for (let r = 0; r < m && v !== null && a !== null; r++) {
    const i = rows === null ? r : rows[r];
    const j = group[i];
    const t = place[(cellOf === null ? 0 : cellOf[i] * width) + j + 1] - 1;
    if (!centred) {
      x[t] += v[i];
      if (j >= 0 && a !== v) y[t] += a[i] - v[i];
      if (j >= 0 && d !== null) z[t] += a[i] * (d[i] / v[i]);
      continue;
    }
    const dv = v[i] - vMean[t];
    x[t] += dv * dv;
    if (a === v) continue; // untrimmed: t = 0
    const dt = j >= 0 ? a[i] - v[i] - tMean[t] : 0;
    y[t] += dv * dt;
    z[t] += dt * dt;
  }
}

/** The slots' moments when each cell's rows have its weights [w, d], summed one by one as the passes would. */
function sameSlots(slot: number[], width: number, same: Float64Array, count: Float64Array, ...out: Float64Array[]) {
  const [vMean, ag, svv] = out;
  for (let t = 0; t < slot.length; t++) {
    const c = 2 * Math.floor(slot[t] / width);
    const [w, base] = [same[c], same[c + 1]];
    const wd = w * (base / w);
    let sw = 0;
    let swd = 0;
    let ss = 0;
    for (let k = 0; k < count[t]; k++) {
      sw += w;
      swd += wd;
    }
    vMean[t] = sw / count[t];
    const dv = w - vMean[t];
    for (let k = 0; k < count[t]; k++) ss += dv * dv;
    if (slot[t] % width !== 0) ag[t] = swd; // rows in the domain
    svv[t] = ss;
  }
}

/**
 * A domain's rows and, per calibration cell, the count, mean weight and centred sum of squares of the rows outside it.
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
 * The design's stages, or one stage of its `clusters` (PSUs numbered in order of first appearance; each row its own
 * when null) in one stratum of `populationUnits` units.
 * @example samplingOf(design).stages[0].units // the number of PSUs
 */
export function samplingOf(design: DesignWeights): Sampling {
  if (design.sampling) return design.sampling;
  const psuOf = new Int32Array(design.n);
  if (design.clusters === null) for (let i = 0; i < design.n; i++) psuOf[i] = i;
  const count = design.clusters === null ? design.n : numberCells(design.clusters, Infinity, psuOf).length;
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
 * R's `degf` on a subset: first-stage PSUs with nonzero weight in the domain (null: every row) less their strata.
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
