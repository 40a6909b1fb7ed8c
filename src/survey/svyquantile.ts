/** `svyquantile`: weighted quantiles with R 4.x's rules and intervals, as R's `svyquantile(~x, design, quantiles)`. */

import type { SurveyDesign } from "./design";
import { qbeta, qt } from "./distributions";
import { DataError } from "./errors";
import { designRows } from "./estimators";
import { checkOptions } from "./options";
import { replicatesOf } from "./replicate";
import { replicateVariance } from "./replicate-weights";
import { completeRows, meanStatistic, numericColumn, statisticsVcov } from "./statistic";
import { degf } from "./svydesign";

/** Options of `svyquantile`, R's names: `alpha`, `interval.type`, `qrule`, `df` (default `degf(design)`), `na.rm`. */
export interface QuantileOptions {
  alpha?: number;
  intervalType?: "mean" | "beta" | "score" | "quantile";
  qrule?: "math" | "school";
  df?: number;
  naRm?: boolean;
}

/** One quantile: its probability, the quantile, R's interval and SE (the interval's width over 2 t). */
export interface QuantileEstimate {
  p: number;
  value: number;
  ciLow: number;
  ciHigh: number;
  se: number;
}

/** A quantile rule on values sorted with their weights (zero weights dropped), as R's `qrule_math`/`qrule_school`. */
export type QuantileRule = (x: readonly number[], w: readonly number[], p: number) => number;

/**
 * R's `qs` and its rules: the last position whose cumulative weight is at most p·Σw (the first when none), its value
 * when the cumulative weight hits p·Σw exactly (school: the mean with the next one), else the next value.
 * @example quantileRule("math")([1, 2, 3], [1, 1, 1], 0.5) // 2
 */
export function quantileRule(rule: "math" | "school"): QuantileRule {
  return (x0, w0, p) => {
    const order = x0.map((_, i) => i).filter((i) => w0[i] !== 0);
    order.sort((a, b) => x0[a] - x0[b] || a - b);
    const total = order.reduce((s, i) => s + w0[i], 0);
    let [cum, pos, cumAtPos] = [0, 0, w0[order[0]]];
    order.forEach((i, k) => {
      cum += w0[i];
      if (cum <= p * total) [pos, cumAtPos] = [k, cum];
    });
    const next = Math.min(pos + 1, order.length - 1);
    const [low, up] = [x0[order[pos]], x0[order[next]]];
    return p - cumAtPos / total === 0 ? (rule === "math" ? low : (low + up) / 2) : up;
  };
}

/**
 * R's `svyquantile(~name, design, quantiles)` (R 4.x): each quantile with its interval (Woodruff's by default) and SE.
 * @example svyquantile(dclus1, "api00", [0.25, 0.5, 0.75]).map((q) => q.value) // [552, 652, 719]
 */
export function svyquantile(
  design: SurveyDesign,
  name: string,
  quantiles: readonly number[],
  options: QuantileOptions = {},
): QuantileEstimate[] {
  checkOptions(
    "svyquantile",
    options,
    {
      alpha: "number",
      intervalType: ["mean", "beta", "score", "quantile"],
      qrule: ["math", "school"],
      df: "number",
      naRm: "boolean",
    },
    design.source,
  );
  const type = options.intervalType ?? "mean";
  if ((type === "quantile") !== Boolean(design.replicates) && type !== "mean")
    throw new DataError({
      file: design.source,
      column: "intervalType",
      problem: `svyquantile: intervalType "${type}" on a ${design.replicates ? "replicate" : "linearised"} design`,
      expected: design.replicates ? '"mean" or "quantile"' : '"mean", "beta" or "score"',
    });
  const d = completeRows(design, [name], options.naRm);
  const values = numericColumn("svyquantile", d, name);
  const rows: number[] = [];
  for (let i = 0; i < d.n; i++) if (d.domain === null || d.domain[i] === 1) rows.push(i);
  const x = rows.map((i) => values[i]);
  const pick = (w: ArrayLike<number>) => rows.map((i) => w[i]);
  const w = pick(d.weights);
  const sampling = pick(d.calibration?.baseWeights ?? d.weights);
  const rule = quantileRule(options.qrule ?? "math");
  const alpha = options.alpha ?? 0.05;
  const df = options.df ?? degf(d);
  const crit = qt(1 - alpha / 2, df);
  return quantiles.map((p) => {
    const value = rule(x, w, p);
    const fromP = ([lo, hi]: number[]) => [
      Number.isNaN(lo) || lo < 0 ? NaN : rule(x, sampling, lo),
      Number.isNaN(hi) || hi > 1 ? NaN : rule(x, sampling, hi),
    ];
    let ci: number[];
    if (type === "quantile") {
      const reps = replicatesOf(d);
      const thetas = Float64Array.from(reps.weights, (wr) => rule(x, pick(wr), p));
      const se = Math.sqrt(replicateVariance([thetas], reps, [value])[0][0]);
      ci = [value - crit * se, value + crit * se];
    } else if (type === "score") ci = scoreInterval(d, x, rows, p, crit, rule, w);
    else {
      const inDomain = (i: number) => d.domain === null || d.domain[i] === 1;
      const stat = meanStatistic(
        d,
        Float64Array.from(values, (v, i) => (v <= value && inDomain(i) ? 1 : 0)),
      );
      const [m, v] = [stat.value, statisticsVcov(d, [stat])[0][0]];
      if (type === "mean") ci = fromP([m - crit * Math.sqrt(v), m + crit * Math.sqrt(v)]);
      else {
        const nEff = ((m * (1 - m)) / v) * (qt(alpha / 2, designRows(d, rows.length) - 1) / qt(alpha / 2, df)) ** 2;
        ci = fromP([
          qbeta(alpha / 2, nEff * m, nEff * (1 - m) + 1),
          qbeta(1 - alpha / 2, nEff * m + 1, nEff * (1 - m)),
        ]);
      }
    }
    return { p, value, ciLow: ci[0], ciHigh: ci[1], se: (ci[1] - ci[0]) / (2 * crit) };
  });
}

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
 * R's "score" interval (`ffullerCI`): the θ where the score test of mean((x > θ) − (1 − p)) = 0 reaches ±t, by R's
 * `uniroot`, then the quantile rule at the share of the domain's values ≤ θ.
 */
function scoreInterval(
  d: SurveyDesign,
  x: readonly number[],
  rows: readonly number[],
  p: number,
  crit: number,
  rule: (x: readonly number[], w: readonly number[], p: number) => number,
  w: readonly number[],
): number[] {
  const score = (theta: number, limit: number) => {
    const u = new Float64Array(d.n);
    rows.forEach((i, k) => (u[i] = (x[k] > theta ? 1 : 0) - (1 - p)));
    const stat = meanStatistic(d, u);
    return stat.value / Math.sqrt(statisticsVcov(d, [stat])[0][0]) - limit;
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
