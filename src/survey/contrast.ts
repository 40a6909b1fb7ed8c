/** Difference of two domain shares: `svycontrast(svyby(~y, ~g, design, svymean, covmat = TRUE), c(1, -1))`. */

import { pf, qt } from "./distributions";
import { meanEstimate, summarise, type DomainFlags, type Estimate, type EstimateOptions } from "./estimators";
import type { DesignWeights } from "./types";
import { degreesOfFreedom, designCovariance } from "./variance";

/**
 * The difference p1 − p2 of two domain proportions (0–1) with its SE (their covariance included), interval, df (PSUs
 * of nonzero weight in either domain − 1), t and two-sided p, and the two proportions.
 */
export interface ProportionDifference {
  value: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  level: number;
  df: number;
  t: number;
  p: number;
  first: Estimate;
  second: Estimate;
}

type DifferenceOptions = Pick<EstimateOptions, "level" | "variable"> & { source: string; df?: number };

/**
 * The difference of the means of 0/1 `values` between two domains (flags), with a Wald t interval.
 * @example proportionDifference(design, values, first, second, { source: "panel.csv" }).se
 */
export function proportionDifference(
  design: DesignWeights,
  values: Float64Array,
  domain1: Uint8Array,
  domain2: Uint8Array,
  options: DifferenceOptions,
): ProportionDifference {
  const level = options.level ?? 0.95;
  const s1 = summarise(design, values, domain1, options.source);
  const s2 = summarise(design, values, domain2, options.source);
  const first = meanEstimate(design, s1, { ...options, ci: "wald" }, "wald");
  const second = meanEstimate(design, s2, { ...options, ci: "wald" }, "wald");
  const w = design.weights;
  const x = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) {
    let v = 0;
    if (domain1[i]) v += (w[i] * (values[i] - s1.mean)) / s1.weightSum;
    if (domain2[i]) v -= (w[i] * (values[i] - s2.mean)) / s2.weightSum;
    x[i] = v;
  }
  const se = Math.sqrt(designCovariance(design, [x])[0][0]);
  const df = options.df ?? degreesOfFreedom(design, union(design.n, domain1, domain2));
  const estimate = first.value - second.value;
  const q = df >= 1 ? qt(1 - (1 - level) / 2, df) : Infinity;
  const t = estimate / se;
  const p = df >= 1 && se > 0 ? pf(t * t, 1, df, false) : 1; // P(|T| > |t|) = P(F(1, df) > t²)
  return { value: estimate, se, ciLow: estimate - q * se, ciHigh: estimate + q * se, level, df, t, p, first, second };
}

/** Rows in either domain (null when either is every row). */
function union(n: number, m1: DomainFlags, m2: DomainFlags): Uint8Array | null {
  if (m1 === null || m2 === null) return null;
  const either = new Uint8Array(n);
  for (let i = 0; i < n; i++) either[i] = m1[i] | m2[i];
  return either;
}
