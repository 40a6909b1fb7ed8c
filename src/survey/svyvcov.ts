/** `svyvcov`: the covariance of means or totals, as R's `vcov(svyby(~a, ~g, design, svymean, covmat = TRUE))`. */

import { column, type SurveyDesign } from "./design";
import { DataError } from "./errors";
import type { Estimate } from "./estimators";
import { levelsOf } from "./factor";
import { checkOptions } from "./options";
import { replicatesOf } from "./replicate";
import { replicateVariance } from "./replicate-weights";
import { svymean, svytotal } from "./svy";
import { svyby } from "./svyby";
import { designCovariance } from "./variance";

/** Options of `svyvcov`: R's FUN (`svymean`, default, or `svytotal`) and svyby's `by` columns. */
export interface VcovOptions {
  fun?: "svymean" | "svytotal";
  by?: string | readonly string[];
}

/** One estimate of `svyvcov`: its column, its group (empty without `by`) and the estimate. */
export interface VcovItem {
  column: string;
  key: Readonly<Record<string, number>>;
  labels: Readonly<Record<string, string>>;
  estimate: Estimate;
}

/**
 * The estimates of `columns` (each group's with `by`, R's order) and their covariance; a factor is a DataError.
 * @example svyvcov(jkstrat, ["api00", "api99"]).vcov; svyvcov(dclus1, ["enroll"], { by: "stype", fun: "svytotal" })
 */
export function svyvcov(
  design: SurveyDesign,
  columns: readonly string[],
  options: VcovOptions = {},
): { items: VcovItem[]; vcov: number[][] } {
  checkOptions("svyvcov", options, { fun: ["svymean", "svytotal"], by: "strings" }, design.source);
  for (const name of columns)
    if (levelsOf(design, name) !== null)
      throw new DataError({
        file: design.source,
        column: name,
        problem: `svyvcov: "${name}" is a factor`,
        expected: "numeric columns (a factor's level shares: svymean with { levels: true })",
      });
  const total = options.fun === "svytotal";
  const estimate = (d: SurveyDesign, name: string): Estimate => (total ? svytotal(d, name) : svymean(d, name));
  const run = (g: SurveyDesign) => ({ domain: g.domain, estimates: columns.map((c) => estimate(g, c)) });
  const groups =
    options.by === undefined ? [{ key: {}, labels: {}, result: run(design) }] : svyby(design, options.by, run);
  const items = columns.flatMap((name, j) =>
    groups.map((g) => ({ column: name, key: g.key, labels: g.labels, estimate: g.result.estimates[j] })),
  );
  const cells = columns.flatMap((name) =>
    groups.map((g) => ({ values: column(design, name), domain: g.result.domain })),
  );
  const full = items.map((i) => i.estimate.value);
  if (design.replicates) {
    const reps = replicatesOf(design);
    const thetas = cells.map(({ values, domain }) =>
      Float64Array.from(reps.weights, (w) => ratio(w, values, domain, total)),
    );
    return { items, vcov: replicateVariance(thetas, reps, full) };
  }
  const w = design.weights;
  const influence = cells.map(({ values, domain }, k) => {
    const x = new Float64Array(design.n);
    const weightSum = total ? 1 : ratio(w, values, domain, true, true);
    for (let i = 0; i < design.n; i++)
      if (domain === null || domain[i] === 1)
        x[i] = (w[i] * ((values[i] as number) - (total ? 0 : full[k]))) / weightSum;
    return x;
  });
  return { items, vcov: designCovariance(design, influence) };
}

/** Σ w y over the domain (`total`), its Σ w (`weightOnly`), or the mean Σ w y / Σ w. */
function ratio(
  w: ArrayLike<number>,
  values: ArrayLike<number | null>,
  domain: Uint8Array | null,
  total: boolean,
  weightOnly = false,
): number {
  let [sw, swy] = [0, 0];
  for (let i = 0; i < w.length; i++)
    if (domain === null || domain[i] === 1) {
      sw += w[i];
      swy += w[i] * (values[i] as number);
    }
  return weightOnly ? sw : total ? swy : swy / sw;
}
