/** `regTermTest`: R's Wald test that the coefficients of one or more terms of an `svyglm` model are zero. */

import { pchisq, pf } from "./distributions";
import { DataError } from "./errors";
import { solveSymmetric } from "./linalg";
import { checkOptions } from "./options";
import type { SvyGlm } from "./svyglm";

/** Options of `regTermTest`: R's `df` (default the model's `df.residual`; Infinity: a chi-squared test). */
export interface TermTestOptions {
  df?: number;
}

/** R's `regTermTest` result: F = Wald χ² / df on (df, ddf), or χ² when ddf is Infinity. */
export interface TermTest {
  terms: string[];
  chisq: number;
  f: number;
  df: number;
  ddf: number;
  p: number;
}

/**
 * R's `regTermTest(model, ~ell + meals)` (method "Wald"): βᵀV⁻¹β over the terms' coefficients, F on (k, df.residual).
 * `terms`: R's right-hand side (`"~ell + meals"`, `"stype:meals"`) or a list of term labels.
 * @example regTermTest(svyglm(dclus2, "api00 ~ ell + meals + mobility"), "~ell").p
 */
export function regTermTest(model: SvyGlm, terms: string | readonly string[], options: TermTestOptions = {}): TermTest {
  checkOptions("regTermTest", options, { df: "number" }, model.design.source);
  const labels = (typeof terms === "string" ? terms.replace(/^\s*~/, "").split("+") : terms).map((t) =>
    t
      .split(":")
      .map((v) => v.trim())
      .sort()
      .join(":"),
  );
  const index = model.terms.flatMap((t, k) => (labels.includes(t) ? [k] : []));
  const missing = labels.filter((l) => !model.terms.includes(l));
  if (missing.length > 0 || index.length === 0)
    throw new DataError({
      file: model.design.source,
      problem: `regTermTest: no term ${missing.join(", ")} in ${model.formula}`,
      expected: `terms of the model (${[...new Set(model.terms)].join(", ")})`,
    });
  const k = index.length;
  const beta = index.map((i) => model.coefficients[i]);
  const v = index.flatMap((i) => index.map((j) => model.vcov[i][j]));
  const x = solveSymmetric(v, beta, k, 1);
  const chisq = beta.reduce((a, b, i) => a + b * x[i], 0);
  const ddf = options.df ?? model.df;
  const f = chisq / k;
  const p = Number.isFinite(ddf) ? pf(f, k, ddf, false) : pchisq(chisq, k, false);
  return { terms: labels, chisq, f, df: k, ddf, p };
}
