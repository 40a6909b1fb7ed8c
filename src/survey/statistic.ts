/**
 * The estimators of a statistic given by its influence (linearised) or its value under any weights (replicates): R's
 * `svyratio`, `svyvar` and `svyttest`, and the helpers svyquantile and svypredmeans share with them.
 */

import { column, subset, type SurveyDesign } from "./design";
import { pt, qt } from "./distributions";
import { DataError } from "./errors";
import type { Estimate } from "./estimators";
import { levelsOf } from "./factor";
import { checkLevel, confidenceInterval } from "./intervals";
import { checkOptions } from "./options";
import { replicatesOf } from "./replicate";
import { replicateVariance } from "./replicate-weights";
import { svyby } from "./svyby";
import { degf } from "./svydesign";
import type { VcovItem } from "./svyvcov";
import { designCovariance } from "./variance";

/** A statistic: its influence per row (linearised) and its value under any weight vector (replicates). */
export interface Statistic {
  value: number;
  influence: () => Float64Array;
  at: (w: ArrayLike<number>) => number;
}

const inDomain = (design: SurveyDesign, i: number) => design.domain === null || design.domain[i] === 1;
const influenceOf = (s: Statistic) => s.influence();

/**
 * A numeric column's values (0 outside the domain); a factor or an empty value in the domain is a DataError.
 * @example numericColumn("svyratio", design, "enroll")
 */
export function numericColumn(verb: string, design: SurveyDesign, name: string): Float64Array {
  const where = { file: design.source, column: name };
  if (levelsOf(design, name) !== null)
    throw new DataError({ ...where, problem: `${verb}: "${name}" is a factor`, expected: "a numeric column" });
  const values = column(design, name);
  const out = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) {
    if (!inDomain(design, i)) continue;
    const v = values[i];
    if (v === null || !Number.isFinite(v))
      throw new DataError({ ...where, row: i + 1, problem: `${verb}: no value`, expected: "a number (or naRm: true)" });
    out[i] = v;
  }
  return out;
}

/** Σ w·y over the design's domain (y omitted: Σ w): `weightedSum(design, design.weights, enroll)`. */
export function weightedSum(design: SurveyDesign, w: ArrayLike<number>, y?: Float64Array): number {
  let s = 0;
  for (let i = 0; i < design.n; i++) if (inDomain(design, i)) s += w[i] * (y ? y[i] : 1);
  return s;
}

/**
 * The weighted mean of z over the domain as a statistic (influence w (z − mean) / Σ w).
 * @example meanStatistic(design, fits).value
 */
export function meanStatistic(design: SurveyDesign, z: Float64Array): Statistic {
  const w = design.weights;
  const sw = weightedSum(design, w);
  const value = weightedSum(design, w, z) / sw;
  const influence = () => Float64Array.from(z, (zi, i) => (inDomain(design, i) ? (w[i] * (zi - value)) / sw : 0));
  return { value, influence, at: (wr) => weightedSum(design, wr, z) / weightedSum(design, wr) };
}

/**
 * The covariance matrix of the statistics: `designCovariance` of their influences, or R's `svrVar` of their replicates.
 * @example statisticsVcov(design, [meanStatistic(design, z)])[0][0]
 */
export function statisticsVcov(design: SurveyDesign, stats: readonly Statistic[]): number[][] {
  const values = stats.map((s) => s.value);
  if (!design.replicates) return designCovariance(design, stats.map(influenceOf));
  const reps = replicatesOf(design);
  return replicateVariance(
    stats.map((s) => Float64Array.from(reps.weights, (w) => s.at(w))),
    reps,
    values,
  );
}

/** An Estimate of `value` with standard error `se`: a Wald t interval on `degf(design)`. */
function estimateOf(design: SurveyDesign, value: number, se: number, level: number): Estimate {
  checkLevel(level);
  const df = degf(design);
  const [ciLow, ciHigh] = confidenceInterval(value, se, df, level, "wald", design.n);
  let n = 0;
  for (let i = 0; i < design.n; i++) if (inDomain(design, i)) n++;
  return { value, se, ciLow, ciHigh, level, df, n, weightedBase: weightedSum(design, design.weights), deff: NaN };
}

/**
 * R's `na.rm = TRUE`: the design restricted to rows where every column has a value (else the design itself).
 * @example completeRows(design, ["api.stu", "enroll"], true)
 */
export function completeRows(design: SurveyDesign, names: readonly string[], naRm: boolean | undefined): SurveyDesign {
  if (!naRm) return design;
  const cols = names.map((n) => column(design, n));
  return subset(design, (_, i) => cols.every((c) => c[i] !== null), `complete ${names.join(", ")}`);
}

/** Options of `svyratio`: R's `na.rm` (`naRm`), the interval's level, and svyby's `by` (R's `covmat = TRUE`). */
export interface RatioOptions {
  naRm?: boolean;
  level?: number;
  by?: string | readonly string[];
}

/** The ratio of two columns' totals over the domain as a statistic (influence w (y − R x) / Σ w x). */
function ratioStatistic(design: SurveyDesign, numerator: string, denominator: string): Statistic {
  const y = numericColumn("svyratio", design, numerator);
  const x = numericColumn("svyratio", design, denominator);
  const tx = weightedSum(design, design.weights, x);
  const value = weightedSum(design, design.weights, y) / tx;
  const w = design.weights;
  const influence = () =>
    Float64Array.from(y, (yi, i) => (inDomain(design, i) ? (w[i] * (yi - value * x[i])) / tx : 0));
  return { value, influence, at: (wr) => weightedSum(design, wr, y) / weightedSum(design, wr, x) };
}

/**
 * R's `svyratio(~numerator, ~denominator, design)`: Σ w y / Σ w x with its SE and a t interval on `degf(design)`; with
 * `by`, each group's ratio and their covariance (R's `svyby(..., svyratio, covmat = TRUE)`).
 * @example svyratio(dclus1, "api.stu", "enroll").value // 0.8497
 */
export function svyratio(
  design: SurveyDesign,
  numerator: string,
  denominator: string,
  options?: RatioOptions & { by?: undefined },
): Estimate;
export function svyratio(
  design: SurveyDesign,
  numerator: string,
  denominator: string,
  options: RatioOptions,
): { items: VcovItem[]; vcov: number[][] };
export function svyratio(
  design: SurveyDesign,
  numerator: string,
  denominator: string,
  options: RatioOptions = {},
): Estimate | { items: VcovItem[]; vcov: number[][] } {
  checkOptions("svyratio", options, { naRm: "boolean", level: "number", by: "strings" }, design.source);
  const d = completeRows(design, [numerator, denominator], options.naRm);
  const level = options.level ?? 0.95;
  if (options.by === undefined) {
    const stat = ratioStatistic(d, numerator, denominator);
    return estimateOf(d, stat.value, Math.sqrt(statisticsVcov(d, [stat])[0][0]), level);
  }
  const groups = svyby(d, options.by, (g) => ({ g, stat: ratioStatistic(g, numerator, denominator) }));
  const vcov = statisticsVcov(
    d,
    groups.map((x) => x.result.stat),
  );
  const items = groups.map(({ key, labels, result: { g, stat } }, k) => ({
    column: `${numerator}/${denominator}`,
    key,
    labels,
    estimate: estimateOf(g, stat.value, Math.sqrt(vcov[k][k]), level),
  }));
  return { items, vcov };
}

/** Options of `svyvar`: R's `na.rm` (`naRm`, rows complete in every column) and the interval's level. */
export interface VarOptions {
  naRm?: boolean;
  level?: number;
}

/** `svyvar` of several columns: R's `as.matrix(v)`, each entry's SE, and `vcov(v)` (entries in R's column order). */
export interface VarMatrix {
  columns: string[];
  matrix: number[][];
  se: number[][];
  vcov: number[][];
}

/**
 * R's `svyvar`: n/(n − 1) times the weighted mean of (x_a − x̄_a)(x_b − x̄_b), its SE as R's (the products' mean with
 * the means held fixed; replicates recompute them). One column gives an Estimate, several the matrix.
 * @example svyvar(dclus1, "api00").value; svyvar(dclus1, ["api00", "api99"]).matrix
 */
export function svyvar(design: SurveyDesign, columns: string, options?: VarOptions): Estimate;
export function svyvar(design: SurveyDesign, columns: readonly string[], options?: VarOptions): VarMatrix;
export function svyvar(
  design: SurveyDesign,
  columns: string | readonly string[],
  options: VarOptions = {},
): Estimate | VarMatrix {
  checkOptions("svyvar", options, { naRm: "boolean", level: "number" }, design.source);
  const names = typeof columns === "string" ? [columns] : [...columns];
  const d = completeRows(design, names, options.naRm);
  const x = names.map((name) => numericColumn("svyvar", d, name));
  let n = 0; // rows in the domain (linearised: of nonzero weight)
  for (let i = 0; i < d.n; i++) if (inDomain(d, i) && (d.replicates || d.weights[i] !== 0)) n++;
  const f = n / (n - 1);
  const means = (w: ArrayLike<number>) => x.map((v) => weightedSum(d, w, v) / weightedSum(d, w));
  const p = names.length;
  const stats: Statistic[] = [];
  for (let b = 0; b < p; b++)
    for (let a = 0; a < p; a++) {
      const product = (m: readonly number[]) =>
        Float64Array.from(x[a], (xa, i) => (inDomain(d, i) ? (xa - m[a]) * (x[b][i] - m[b]) * f : 0));
      const stat = meanStatistic(d, product(means(d.weights)));
      stats.push({ ...stat, at: (w) => weightedSum(d, w, product(means(w))) / weightedSum(d, w) });
    }
  const vcov = statisticsVcov(d, stats);
  const level = options.level ?? 0.95;
  if (typeof columns === "string") return estimateOf(d, stats[0].value, Math.sqrt(vcov[0][0]), level);
  const grid = (at: (k: number) => number) => names.map((_, a) => names.map((_, b) => at(b * p + a)));
  return { columns: names, matrix: grid((k) => stats[k].value), se: grid((k) => Math.sqrt(vcov[k][k])), vcov };
}

/** Options of `svyttest`: R's `na.rm` (`naRm`). */
export interface TTestOptions {
  naRm?: boolean;
}

/** R's htest of `svyttest`: t, its degrees of freedom, the mean (or difference), its SE, p and 95% interval. */
export interface TTest {
  statistic: number;
  df: number;
  estimate: number;
  se: number;
  p: number;
  ciLow: number;
  ciHigh: number;
}

/**
 * R's `svyttest`: the one-sample test of mean(y) = 0 (R's `y ~ 0`), or with a binary `group` of the second group's mean
 * less the first's; on `degf(design) − 1` degrees of freedom.
 * @example svyttest(dclus1, "enroll", "comp.imp").p // 0.478
 */
export function svyttest(design: SurveyDesign, y: string, group?: string, options: TTestOptions = {}): TTest {
  checkOptions("svyttest", options, { naRm: "boolean" }, design.source);
  const d = completeRows(design, group === undefined ? [y] : [y, group], options.naRm);
  const values = numericColumn("svyttest", d, y);
  const inGroup = group === undefined ? [null] : groupsOf(d, group);
  const part = (w: ArrayLike<number>, g: Uint8Array | null) => {
    const dg = g === null ? d : { ...d, domain: g };
    const sw = weightedSum(dg, w);
    return { dg, sw, mean: weightedSum(dg, w, values) / sw };
  };
  const at = (w: ArrayLike<number>) => {
    const m = inGroup.map((g) => part(w, g).mean);
    return m.length === 1 ? m[0] : m[1] - m[0];
  };
  const influence = () => {
    const z = new Float64Array(d.n);
    inGroup.forEach((g, k) => {
      const { dg, sw, mean } = part(d.weights, g);
      const sign = inGroup.length === 2 && k === 0 ? -1 : 1;
      for (let i = 0; i < d.n; i++) if (inDomain(dg, i)) z[i] += (sign * d.weights[i] * (values[i] - mean)) / sw;
    });
    return z;
  };
  const estimate = at(d.weights);
  const se = Math.sqrt(statisticsVcov(d, [{ value: estimate, influence, at }])[0][0]);
  const df = degf(d) - 1;
  const [t, half] = [estimate / se, qt(0.975, df) * se];
  const p = 2 * pt(-Math.abs(t), df);
  return { statistic: t, df, estimate, se, p, ciLow: estimate - half, ciHigh: estimate + half };
}

/** The domain of each of the group's two values (lower first); other than two values is a DataError, as R's. */
function groupsOf(design: SurveyDesign, name: string): [Uint8Array, Uint8Array] {
  const g = column(design, name);
  const seen = new Set<number>();
  for (let i = 0; i < design.n; i++) {
    if (!inDomain(design, i)) continue;
    const where = { file: design.source, row: i + 1, column: name };
    if (g[i] === null)
      throw new DataError({ ...where, problem: "svyttest: no group", expected: "a value (or naRm: true)" });
    seen.add(g[i] as number);
  }
  const codes = [...seen].sort((a, b) => a - b);
  const labels = levelsOf(design, name);
  const binary =
    labels !== null
      ? labels.length === 2
      : codes.every((c) => c === 0 || c === 1) || codes.every((c) => c === 1 || c === 2);
  if (!binary || codes.length !== 2)
    throw new DataError({
      file: design.source,
      column: name,
      problem: `svyttest: group must be binary (values ${codes.join(", ")})`,
      expected: "two groups: a factor of two levels, or 0/1 or 1/2",
    });
  const flags = (code: number) =>
    Uint8Array.from({ length: design.n }, (_, i) => (inDomain(design, i) && g[i] === code ? 1 : 0));
  return [flags(codes[0]), flags(codes[1])];
}
