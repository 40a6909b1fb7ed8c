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
 * replicate weights (a `replicates` field added by replicate*.ts) would be recognised at the top of
 * `designCovariance` and its covariance computed there from the replicate estimates instead: for a
 * statistic with influence x_i (which already includes the weight w_i), the replicate estimate moves
 * by Σ_i (w_ri/w_i − 1)·x_i to first order (exactly for a total), and the covariance is the scaled
 * sum of their cross-products (JK1: (R−1)/R; bootstrap: 1/R). No estimator needs to change.
 */

import { calibrationResiduals } from "./calibration";
import type { DesignWeights } from "./types";

/**
 * Covariance matrix (k×k, as nested arrays) of estimates given their influence columns (one value
 * per row of the design; 0 outside a domain). The engine's only variance function.
 * @example designCovariance(design, [influence])[0][0] // the variance of one estimate
 */
export function designCovariance(design: DesignWeights, influence: readonly Float64Array[]): number[][] {
  return psuCovariance(design, calibrationResiduals(design, influence));
}

/** PSU number of each row and the number of PSUs, cached per cluster-id array. */
const psuCache = new WeakMap<object, { psuOf: Int32Array; count: number }>();

function psuIndex(clusters: ArrayLike<number>): { psuOf: Int32Array; count: number } {
  const cached = psuCache.get(clusters);
  if (cached !== undefined && cached.psuOf.length === clusters.length) return cached;
  const index = new Map<number, number>();
  const psuOf = new Int32Array(clusters.length);
  for (let i = 0; i < clusters.length; i++) {
    const c = clusters[i];
    let j = index.get(c);
    if (j === undefined) {
      j = index.size;
      index.set(c, j);
    }
    psuOf[i] = j;
  }
  const entry = { psuOf, count: index.size };
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
