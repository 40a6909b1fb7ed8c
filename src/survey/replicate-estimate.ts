/**
 * R's `svymean`, `svytotal`, `svyciprop`, `svycontrast` and `svychisq` on an `svyrep.design`: the full-sample estimate,
 * its variance from the replicates' estimates (`svrVar`), and intervals and tests on R's `degf()` of the design.
 */

import type { ChisqStatistic } from "./chisq-statistics";
import type { ProportionDifference } from "./contrast";
import type { SurveyDesign } from "./design";
import { DataError } from "./errors";
import { pf, qt } from "./distributions";
import { valuesOf, type DomainSummary, type Estimate } from "./estimators";
import { checkLevel, confidenceInterval, type CiMethod } from "./intervals";
import { margins, raoScottFrom, type RaoScottTest } from "./raoscott";
import { replicateDegreesOfFreedom, replicatesOf } from "./replicate";
import { replicateVariance, type ReplicateWeights } from "./replicate-weights";

/** Options of the replicate estimators (those of the linearised ones); `variable` names the column in errors. */
interface ReplicateEstimateOptions {
  ci?: CiMethod;
  level?: number;
  deffMethod?: "srswor" | "replace";
  variable?: string;
}

/** The statistic of (Σ w y, Σ w) over the domain under every replicate's weights. */
function replicated(reps: ReplicateWeights, s: DomainSummary, stat: (sy: number, sw: number) => number): Float64Array {
  const values = valuesOf(s);
  return Float64Array.from(reps.weights, (w) => {
    let sy = 0;
    let sw = 0;
    for (let i = 0; i < w.length; i++) {
      if (s.domain !== null && s.domain[i] === 0) continue;
      sy += w[i] * values[i];
      sw += w[i];
    }
    return stat(sy, sw);
  });
}

/** A mean, proportion or total with its replicate SE, interval and design effect (SRS variance from R's svyvar). */
function replicateEstimate(
  design: SurveyDesign,
  s: DomainSummary,
  options: ReplicateEstimateOptions,
  kind: "mean" | "proportion" | "total",
): Estimate {
  const reps = replicatesOf(design);
  const level = options.level ?? 0.95;
  const total = kind === "total";
  checkLevel(level);
  const { count, weightSum } = s;
  const full = total ? s.total : s.mean;
  const thetas = replicated(reps, s, (sy, sw) => (total ? sy : sy / sw));
  const variance = replicateVariance([thetas], reps, [full])[0][0];
  const se = Math.sqrt(variance);
  const df = replicateDegreesOfFreedom(design);
  const method = total ? "wald" : (options.ci ?? (kind === "proportion" ? "logit" : "wald"));
  const [ciLow, ciHigh] =
    method === "logit"
      ? logitInterval(full, thetas, reps, df, level)
      : confidenceInterval(full, se, df, level, method, count, count);
  const mean = total ? full / weightSum : full;
  const values = valuesOf(s);
  let ss = 0;
  for (let i = 0; i < design.n; i++)
    if (s.domain === null || s.domain[i] === 1) ss += design.weights[i] * (values[i] - mean) ** 2;
  const svar = count > 1 ? ((count / (count - 1)) * ss) / weightSum : NaN;
  const vsrs = (svar * (total ? weightSum * weightSum : 1)) / count;
  const srs = options.deffMethod === "replace" ? vsrs : (vsrs * (weightSum - count)) / weightSum;
  const deff = svar > 0 ? variance / srs : NaN;
  return { value: full, se, ciLow, ciHigh, level, df, n: count, weightedBase: weightSum, deff };
}

/**
 * svyciprop's logit interval on a replicate design: R's `svyglm(y ~ 1, quasibinomial)` has replicate coefficients
 * logit(p_r), so expit(logit p ± t·SE_r(logit p_r)); a replicate share of 0 or 1 falls back to the delta method.
 */
function logitInterval(p: number, thetas: Float64Array, reps: ReplicateWeights, df: number, level: number) {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`logit interval needs a proportion in [0, 1], got ${p}`);
  if (p === 0 || p === 1) return [p, p];
  const logit = (x: number): number => Math.log(x / (1 - x));
  const logits = Array.from(thetas, logit);
  if (logits.some((x) => !Number.isFinite(x))) {
    const se = Math.sqrt(replicateVariance([thetas], reps, [p])[0][0]);
    return confidenceInterval(p, se, df, level, "logit", reps.count);
  }
  const seLogit = Math.sqrt(replicateVariance([logits], reps, [logit(p)])[0][0]);
  const t = df >= 1 ? qt(1 - (1 - level) / 2, df) : Infinity;
  const expit = (z: number): number => 1 / (1 + Math.exp(-z));
  return [expit(logit(p) - t * seLogit), expit(logit(p) + t * seLogit)];
}

/**
 * Share of the domain with y = 1 and its replicate SE, as `svyciprop(~y, svrepdesign)` (logit interval by default).
 * @example replicateProportion(jk, usesAi).se
 */
export function replicateProportion(design: SurveyDesign, s: DomainSummary, options: ReplicateEstimateOptions = {}) {
  return replicateEstimate(design, s, options, "proportion");
}

/**
 * Weighted mean of y in the domain with its replicate SE, as `svymean(~y, svrepdesign)`.
 * @example replicateMean(jk, employees).se
 */
export function replicateMean(design: SurveyDesign, s: DomainSummary, options: ReplicateEstimateOptions = {}) {
  return replicateEstimate(design, s, options, "mean");
}

/**
 * Weighted total of y in the domain with its replicate SE and a Wald t interval, as `svytotal(~y, svrepdesign)`.
 * @example replicateTotal(jk, usesAi).value // estimated number of firms
 */
export function replicateTotal(
  design: SurveyDesign,
  s: DomainSummary,
  options: Omit<ReplicateEstimateOptions, "ci"> = {},
): Estimate {
  return replicateEstimate(design, s, options, "total");
}

/**
 * p1 − p2 of the share with y = 1 in two domains, its replicate SE with their covariance, as
 * `svycontrast(svyby(..., covmat = TRUE), c(1, -1))` on a replicate design.
 * @example replicateDifference(jk, usesAi, large, small).se
 */
export function replicateDifference(
  design: SurveyDesign,
  first: DomainSummary,
  second: DomainSummary,
  options: Pick<ReplicateEstimateOptions, "level" | "variable"> = {},
): ProportionDifference {
  const level = options.level ?? 0.95;
  const reps = replicatesOf(design);
  const e1 = replicateProportion({ ...design, domain: first.domain }, first, { ...options, ci: "wald" });
  const e2 = replicateProportion({ ...design, domain: second.domain }, second, { ...options, ci: "wald" });
  const thetas = replicated(reps, first, (y, w) => y / w);
  const seconds = replicated(reps, second, (y, w) => y / w);
  for (let r = 0; r < reps.count; r++) thetas[r] -= seconds[r];
  const value = e1.value - e2.value;
  const se = Math.sqrt(replicateVariance([thetas], reps, [value])[0][0]);
  const union = Uint8Array.from(first.domain ?? [], (v, i) => v | (second.domain?.[i] ?? 1));
  const df = replicateDegreesOfFreedom({ ...design, domain: union });
  const q = df >= 1 ? qt(1 - (1 - level) / 2, df) : Infinity;
  const t = value / se;
  const p = df >= 1 && se > 0 ? pf(t * t, 1, df, false) : 1;
  return { value, se, ciLow: value - q * se, ciHigh: value + q * se, level, df, t, p, first: e1, second: e2 };
}

/**
 * R's `svychisq.svyrep.design`: the linearised tests, the cell proportions' covariance (Wald: of R's Jacobian of the
 * cell totals) from the replicates, N the domain's rows, ν = degf(design).
 * @example replicateChisq(jk, des.data.ai_brug, des.data.stoerrelse, "ai_brug", "stoerrelse", "F").p
 */
export function replicateChisq(
  design: SurveyDesign,
  rowVar: ArrayLike<number | null>,
  colVar: ArrayLike<number | null>,
  rowName: string,
  colName: string,
  statistic: ChisqStatistic,
): RaoScottTest {
  const reps = replicatesOf(design);
  const rows: number[] = [];
  for (let i = 0; i < design.n; i++) {
    if (design.domain !== null && design.domain[i] === 0) continue;
    for (const [values, column] of [[rowVar, rowName] as const, [colVar, colName] as const]) {
      const v = values[i];
      if (v === null || v === undefined || !Number.isFinite(v)) {
        const [problem, expected] = ["value is empty inside the domain", "a code for every row in the domain"];
        const value = v == null ? "" : String(v);
        throw new DataError({ file: design.source, row: i + 1, column, value, problem, expected });
      }
    }
    rows.push(i);
  }
  const levels = (values: ArrayLike<number | null>): number[] =>
    Array.from(new Set(rows.map((i) => values[i] as number))).sort((a, b) => a - b);
  const rowLevels = levels(rowVar);
  const colLevels = levels(colVar);
  const nr = rowLevels.length;
  const nc = colLevels.length;
  if (nr < 2 || nc < 2)
    throw new DataError({
      file: design.source,
      column: nr < 2 ? rowName : colName,
      problem: `has only ${nr < 2 ? nr : nc} level(s) in the domain`,
      expected: "at least two levels of each variable",
    });
  const cells = nr * nc;
  const cellOf = rows.map((i) => rowLevels.indexOf(rowVar[i] as number) + nr * colLevels.indexOf(colVar[i] as number));
  // the cell totals and, last, Σ w over the domain's rows (in row order)
  const totals = (w: Float64Array): number[] => {
    const t = new Array<number>(cells + 1).fill(0);
    rows.forEach((i, k) => {
      t[cellOf[k]] += w[i];
      t[cells] += w[i];
    });
    return t;
  };
  const full = totals(design.weights);
  const weightSum = full[cells];
  const pHat = full.slice(0, cells).map((x) => x / weightSum);
  const { rowP, colP } = margins(pHat, nr, nc);
  // proportions; the Wald tests: cell − colP · row − rowP · column + rowP · colP · all, over the full sample's Σw
  const statOf = (withAll: number[]): number[] => {
    const [t, all] = [withAll.slice(0, cells), withAll[cells]];
    if (statistic !== "Wald" && statistic !== "adjWald") return t.map((x) => x / all);
    const m = margins(t, nr, nc);
    return t.map((x, j) => {
      const [r, c] = [j % nr, Math.floor(j / nr)];
      return (x - colP[c] * m.rowP[r] - rowP[r] * m.colP[c] + rowP[r] * colP[c] * all) / weightSum;
    });
  };
  const thetas: Float64Array[] = Array.from({ length: cells }, () => new Float64Array(reps.count));
  for (let r = 0; r < reps.count; r++) statOf(totals(reps.weights[r])).forEach((x, c) => (thetas[c][r] = x));
  const v = replicateVariance(thetas, reps, statOf(full));
  const nu = replicateDegreesOfFreedom(design);
  return raoScottFrom(pHat, v, rowLevels, colLevels, rows.length, nu, statistic, false);
}
