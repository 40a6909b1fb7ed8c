/** Confidence intervals of the estimators: Wald t, svyciprop's logit and Korn–Graubard (beta), as R's survey. */

import { qbeta, qt } from "./distributions";

/** Confidence interval method: `logit` (svyciprop's default), `beta` (Korn–Graubard), `wald` (estimate ± t·SE). */
export type CiMethod = "logit" | "beta" | "wald";

/** Checks a confidence level is in (0, 1): `checkLevel(95)` throws. */
export function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
}

/** The two-sided t quantile; df < 1 gives an infinite half-width (R gives NaN/Inf there too). */
function tQuantile(level: number, df: number): number {
  return df >= 1 ? qt(1 - (1 - level) / 2, df) : Infinity;
}

/**
 * A confidence interval for an estimate with standard error `se` on `df` degrees of freedom.
 * @example confidenceInterval(0.4, 0.02, 1000, 0.95, "logit", 1001) // [0.361, 0.440]
 */
export function confidenceInterval(
  estimate: number,
  se: number,
  df: number,
  level: number,
  method: CiMethod,
  designRows: number,
  domainCount: number = designRows,
): [number, number] {
  const alpha = 1 - level;
  const t = tQuantile(level, df);
  if (method === "wald") return [estimate - t * se, estimate + t * se];
  const p = estimate;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${method} interval needs a proportion in [0, 1], got ${p}`);
  if (method === "logit") {
    if (p === 0 || p === 1) return [p, p];
    const [logit, seLogit] = [Math.log(p / (1 - p)), se / (p * (1 - p))];
    return [1 / (1 + Math.exp(-(logit - t * seLogit))), 1 / (1 + Math.exp(-(logit + t * seLogit)))];
  }
  // Korn–Graubard
  let nEff = se > 0 ? (p * (1 - p)) / (se * se) : domainCount;
  if (df >= 1 && designRows > 1) {
    const ratio = qt(alpha / 2, designRows - 1) / qt(alpha / 2, df);
    nEff *= ratio * ratio;
  }
  const low = p === 0 ? 0 : qbeta(alpha / 2, nEff * p, nEff * (1 - p) + 1);
  const high = p === 1 ? 1 : qbeta(1 - alpha / 2, nEff * p + 1, nEff * (1 - p));
  return [low, high];
}
