/**
 * svyquantile's "score" interval (R's `ffullerCI`): the θ where the score test of mean((x > θ) − (1 − p)) = 0 reaches
 * ±t, found with R's `uniroot` (Brent's `R_zeroin2`, the same steps), then R's quantile rule at the share of rows ≤ θ.
 */

import type { SurveyDesign } from "./design";
import { designRows } from "./estimators";
import { statisticsVcov, weightedSum } from "./statistic";

/** R's `R_zeroin2`: Brent's root of f on [a, b] to `tol`, as R's `uniroot` (maxiter 1000). */
function zeroin(f: (x: number) => number, ax: number, bx: number, tol: number): number {
  let [a, b, fa, fb] = [ax, bx, f(ax), f(bx)];
  if (fa === 0) return a;
  if (fb === 0) return b;
  let [c, fc] = [a, fa];
  for (let it = 0; it <= 1000; it++) {
    const prev = b - a;
    if (Math.abs(fc) < Math.abs(fb)) [a, b, c, fa, fb, fc] = [b, c, b, fb, fc, fb];
    const tolAct = 2 * Number.EPSILON * Math.abs(b) + tol / 2;
    let step = (c - b) / 2;
    if (Math.abs(step) <= tolAct || fb === 0) return b;
    if (Math.abs(prev) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
      const cb = c - b;
      let p: number;
      let q: number;
      if (a === c) {
        const t1 = fb / fa;
        [p, q] = [cb * t1, 1 - t1];
      } else {
        const [qq, t1, t2] = [fa / fc, fb / fc, fb / fa];
        p = t2 * (cb * qq * (qq - t1) - (b - a) * (t1 - 1));
        q = (qq - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - Math.abs(tolAct * q) / 2 && p < Math.abs((prev * q) / 2)) step = p / q;
    }
    if (Math.abs(step) < tolAct) step = step > 0 ? tolAct : -tolAct;
    [a, fa] = [b, fb];
    b += step;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) [c, fc] = [a, fa];
  }
  return b;
}

/** R's `quantile(x, type = 7)`. */
function type7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? 0) - sorted[lo]);
}

/**
 * The score interval of the p-quantile of `x` (the values of `rows`, the domain's rows) at critical value `crit`.
 * @example scoreInterval(dclus1, x, rows, 0.5, qt(0.975, 14), quantileRule("math"), w)
 */
export function scoreInterval(
  d: SurveyDesign,
  x: readonly number[],
  rows: readonly number[],
  p: number,
  crit: number,
  rule: (x: readonly number[], w: readonly number[], p: number) => number,
  w: readonly number[],
): number[] {
  const sw = weightedSum(d, d.weights);
  const score = (theta: number, limit: number) => {
    const u = new Float64Array(d.n);
    rows.forEach((i, k) => (u[i] = (x[k] > theta ? 1 : 0) - (1 - p)));
    const m = weightedSum(d, d.weights, u) / sw;
    const influence = () => {
      const z = new Float64Array(d.n);
      for (const i of rows) z[i] = (d.weights[i] * (u[i] - m)) / sw;
      return z;
    };
    const v = statisticsVcov(d, [{ value: m, influence, at: () => NaN }])[0][0];
    return m / Math.sqrt(v) - limit;
  };
  const sorted = [...x].sort((a, b) => a - b);
  const iqr = type7(sorted, 0.75) - type7(sorted, 0.25);
  const [lower, upper] = [sorted[0] + iqr / 100, sorted[sorted.length - 1] - iqr / 100];
  const tol = 1 / (100 * Math.sqrt(designRows(d, rows.length)));
  return [crit, -crit].map((limit) => {
    const theta = zeroin((t) => score(t, limit), lower, upper, tol);
    return rule(x, w, x.filter((v) => v <= theta).length / x.length);
  });
}
