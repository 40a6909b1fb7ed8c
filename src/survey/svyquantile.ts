/**
 * `svyquantile`: weighted quantiles with R 4.x's rules and intervals, as R's `svyquantile(~x, design, quantiles)`:
 * `qrule` "math" (default) or "school"; `intervalType` "mean" (Woodruff, default), "beta", "score" (linearised) or
 * "quantile" (replicate designs: the quantile under each replicate's weights).
 */

import type { SurveyDesign } from "./design";
import { qbeta, qt } from "./distributions";
import { DataError } from "./errors";
import { designRows } from "./estimators";
import { checkOptions } from "./options";
import { replicatesOf } from "./replicate";
import { replicateVariance } from "./replicate-weights";
import { scoreInterval } from "./quantile-score";
import { completeRows, numericColumn, statisticsVcov, weightedSum } from "./statistic";
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
      const below = Float64Array.from(
        values,
        (v, i) => (v <= value ? 1 : 0) * (d.domain === null || d.domain[i] ? 1 : 0),
      );
      const sw = weightedSum(d, d.weights);
      const m = weightedSum(d, d.weights, below) / sw;
      const influence = () =>
        Float64Array.from(below, (b, i) => (d.domain === null || d.domain[i] ? (d.weights[i] * (b - m)) / sw : 0));
      const v = statisticsVcov(d, [
        { value: m, influence, at: (wr) => weightedSum(d, wr, below) / weightedSum(d, wr) },
      ])[0][0];
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
