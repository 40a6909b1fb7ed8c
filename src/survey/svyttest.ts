/** `svyttest`: R's design-based t-tests, one-sample (`svyttest(y ~ 0, design)`) and two-group (`svyttest(y ~ g, design)`). */

import { column, type SurveyDesign } from "./design";
import { pt, qt } from "./distributions";
import { DataError } from "./errors";
import { levelsOf } from "./factor";
import { checkOptions } from "./options";
import { completeRows, numericColumn, statisticsVcov, weightedSum, type Statistic } from "./statistic";
import { degf } from "./svydesign";

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
 * R's `svyttest`: without `group` the one-sample test of mean(y) = 0 (R's `y ~ 0`); with a binary `group` (a factor of
 * two levels, or numbers 0/1 or 1/2) the difference of the means, the second group's minus the first's (R's `svyglm`
 * coefficient). Degrees of freedom `degf(design) − 1` as R; the 95% interval on them.
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
      for (let i = 0; i < d.n; i++)
        if (dg.domain === null || dg.domain[i] === 1) z[i] += (sign * d.weights[i] * (values[i] - mean)) / sw;
    });
    return z;
  };
  const stat: Statistic = { value: at(d.weights), influence, at };
  const se = Math.sqrt(statisticsVcov(d, [stat])[0][0]);
  const df = degf(d) - 1;
  const t = stat.value / se;
  const half = qt(0.975, df) * se;
  return {
    statistic: t,
    df,
    estimate: stat.value,
    se,
    p: 2 * pt(-Math.abs(t), df),
    ciLow: stat.value - half,
    ciHigh: stat.value + half,
  };
}

/** The domain of each of the group's two values (lower first); other than two values is a DataError, as R's. */
function groupsOf(design: SurveyDesign, name: string): [Uint8Array, Uint8Array] {
  const g = column(design, name);
  const seen = new Set<number>();
  for (let i = 0; i < design.n; i++)
    if (design.domain === null || design.domain[i] === 1) {
      if (g[i] === null)
        throw new DataError({
          file: design.source,
          row: i + 1,
          column: name,
          problem: "svyttest: no group",
          expected: "a value (or naRm: true)",
        });
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
  return [0, 1].map((k) =>
    Uint8Array.from({ length: design.n }, (_, i) =>
      (design.domain === null || design.domain[i] === 1) && g[i] === codes[k] ? 1 : 0,
    ),
  ) as [Uint8Array, Uint8Array];
}
