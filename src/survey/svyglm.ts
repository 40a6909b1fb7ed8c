/** `svyglm`: R's design-based generalised linear models (gaussian, quasibinomial, quasipoisson), and `regTermTest`. */

import { column, type SurveyDesign } from "./design";
import { pchisq, pf, pt } from "./distributions";
import { DataError } from "./errors";
import { labelOf, levelsOf } from "./factor";
import { families, irls, type GlmFamily, type GlmFit } from "./glm-fit";
import { crossCells } from "./calibrate-cells";
import { solveSymmetric } from "./linalg";
import { modelMatrix, type ModelMatrix, type RowPatterns } from "./model-matrix";
import { checkOptions } from "./options";
import { replicatesOf } from "./replicate";
import { replicateVariance } from "./replicate-weights";
import { degf } from "./svydesign";
import { designCovariance, type GroupedInfluence } from "./variance";

/** Options of `svyglm`: R's `family` (default "gaussian"). */
export interface GlmOptions {
  family?: GlmFamily;
}

/**
 * A fitted model, as R's `summary(svyglm(...))`: R's coefficient names (`stypeH:meals`), each one's term (variables
 * sorted), coefficients, SEs, covariance, t tests on `df` (R's `df.residual`); the matrix (a row per cell for a model
 * of factors only: `rows`) and fit for `svypredmeans`.
 */
export interface SvyGlm {
  formula: string;
  family: GlmFamily;
  names: string[];
  terms: string[];
  coefficients: number[];
  se: number[];
  vcov: number[][];
  df: number;
  t: number[];
  p: number[];
  design: SurveyDesign;
  matrix: ModelMatrix;
  rows: RowPatterns | null;
  fit: GlmFit;
}

/**
 * R's formula `y ~ a + b * c - 1` as response, terms (R's expansion of `*`) and intercept.
 * @example parseFormula("api00 ~ stype * meals").terms // [["stype"], ["meals"], ["stype", "meals"]]
 */
export function parseFormula(
  formula: string,
  source: string,
): { response: string; terms: string[][]; intercept: boolean } {
  const [lhs, rhs, extra] = formula.split("~").map((s) => s.trim());
  if (!lhs || !rhs || extra !== undefined)
    throw new DataError({ file: source, problem: `svyglm: formula "${formula}"`, expected: "y ~ x1 + x2 * f" });
  let intercept = true;
  const terms: string[][] = [];
  for (const m of rhs.matchAll(/([+-]?)\s*([^+-]+)/g)) {
    const [sign, body] = [m[1], m[2].trim()];
    if (body === "1" || body === "0") {
      intercept = (body === "1") !== (sign === "-");
      continue;
    }
    if (sign === "-")
      throw new DataError({ file: source, problem: `svyglm: "- ${body}"`, expected: "only - 1 removed" });
    const parts = body.split("*").map((p) => p.split(":").map((v) => v.trim()));
    let expanded: string[][] = [[]];
    for (const p of parts) expanded = [...expanded, ...expanded.map((t) => [...t, ...p])];
    for (const t of expanded.slice(1)) if (!terms.some((u) => u.join(":") === t.join(":"))) terms.push(t);
  }
  return { response: lhs, terms, intercept };
}

function noValue(design: SurveyDesign, name: string, i: number): DataError {
  const where = { file: design.source, row: i + 1, column: name };
  return new DataError({ ...where, problem: "svyglm: no value", expected: "a value" });
}

/** A column's numbers over the domain (outside it: the first value of the domain); an empty value is a DataError. */
function domainValues(design: SurveyDesign, name: string): Float64Array {
  const [col, dom] = [column(design, name), design.domain];
  const inDomain = (i: number) => dom === null || dom[i] === 1;
  let fill = NaN;
  const out = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) {
    if (!inDomain(i)) continue;
    const v = col[i];
    if (v === null || !Number.isFinite(v)) throw noValue(design, name, i);
    out[i] = v;
    if (Number.isNaN(fill)) fill = v;
  }
  for (let i = 0; i < design.n; i++) if (!inDomain(i)) out[i] = fill;
  return out;
}

/** The response: numbers, or for quasibinomial a factor of two levels (R: 1 for the second) or shares in [0, 1]. */
function responseOf(design: SurveyDesign, name: string, family: GlmFamily): Float64Array {
  const y = domainValues(design, name);
  const labels = levelsOf(design, name);
  const bad = (expected: string) =>
    new DataError({ file: design.source, column: name, problem: `svyglm: response "${name}" (${family})`, expected });
  if (labels !== null) {
    if (family !== "quasibinomial" || labels.length !== 2) throw bad("a numeric response, or a factor of two levels");
    return y.map((c) => (c === 1 ? 0 : 1));
  }
  for (let i = 0; i < y.length; i++) {
    if (family === "quasibinomial" && (y[i] < 0 || y[i] > 1)) throw bad("values between 0 and 1");
    if (family === "quasipoisson" && y[i] < 0) throw bad("non-negative values");
  }
  return y;
}

/**
 * R's `svyglm(formula, design, family)`: IRLS on w / mean(w), treatment contrasts, the sandwich variance (R's
 * `svy.varcoef`) or replicate refits; separation, an empty level, collinearity or too few rows are DataErrors.
 * @example svyglm(dstrat, "api00 ~ ell + meals + mobility").coefficients[1] // -0.4806
 */
export function svyglm(design: SurveyDesign, formula: string, options: GlmOptions = {}): SvyGlm {
  checkOptions("svyglm", options, { family: ["gaussian", "quasibinomial", "quasipoisson"] }, design.source);
  const family = options.family ?? "gaussian";
  const fam = families[family];
  const { response, terms, intercept } = parseFormula(formula, design.source);
  const y = responseOf(design, response, family);
  const vars = [...new Set(terms.flat())];
  const factors = vars.filter((v) => levelsOf(design, v) !== null);
  // a model of factors only has a matrix row per cell of the factors (codes as they are without a domain)
  const factorsOnly = factors.length > 0 && factors.length === vars.length;
  const asThey = factorsOnly && design.domain === null;
  const values = Object.fromEntries(vars.map((v) => [v, asThey ? column(design, v) : domainValues(design, v)]));
  const inDomain = (i: number) => design.domain === null || design.domain[i] === 1;
  const { scaled, rows } = scaledWeights(design);
  const cells = factorsOnly
    ? crossCells(
        factors.map((f) => values[f]),
        (k, i) => {
          throw noValue(design, factors[k], i);
        },
      )
    : null;
  const matrixValues = (v: string) =>
    cells ? Float64Array.from(cells.firstRow, (i) => values[v][i] ?? NaN) : values[v];
  factors.forEach((f) => {
    const empty = emptyLevels(levelsOf(design, f) ?? [], matrixValues(f));
    if (empty.length > 0)
      throw new DataError({
        file: design.source,
        column: f,
        problem: `svyglm: level ${empty.map((l) => `"${l}"`).join(", ")} of "${f}" has no rows`,
        expected: "every level of a factor in the model observed (or a subset without it)",
      });
  });
  const X = modelMatrix({ terms, intercept, factors }, matrixValues, cells?.firstRow.length ?? design.n, design.source);
  const rowsOfX = cells && { pattern: cells.cellOf, first: cells.firstRow.map((_, g) => g) };
  const fail = (problem: string, expected: string) =>
    new DataError({ file: design.source, problem: `svyglm ${formula}: ${problem}`, expected });
  if (rows <= X.p) throw fail(`${rows} rows for ${X.p} coefficients`, "more rows than coefficients");
  const fit = irls(X, y, scaled, fam, rowsOfX);
  if (fit.singular) throw fail("the columns are linearly dependent", "a model without collinear terms");
  if (!fit.converged || (family === "quasibinomial" && separated(fit.mu, scaled)))
    throw fail("IRLS did not converge (fitted probabilities 0 or 1: separation)", "a model without separation");
  const p = X.p;
  const beta = Array.from(fit.beta);
  let vcov: number[][];
  if (design.replicates) {
    const reps = replicatesOf(design);
    const thetas = beta.map(() => new Float64Array(reps.count));
    reps.weights.forEach((rw, r) => {
      const wr = Float64Array.from(rw, (x, i) => (inDomain(i) ? x : 0));
      const s = wr.reduce((a, b) => a + b, 0);
      const scaledReplicate = wr.map((x) => x / s);
      const b = irls(X, y, scaledReplicate, fam, rowsOfX, fit.beta).beta;
      thetas.forEach((t, k) => (t[r] = b[k]));
    });
    vcov = replicateVariance(thetas, reps, beta);
  } else {
    // R's estfun · (XᵀWX)⁻¹: row i's influence on β_j is r_i Σ_k x_ik ainv[k, j], r_i = residual · weight
    const r = new Float64Array(design.n);
    for (let i = 0; i < design.n; i++) if (fit.wt[i] !== 0) r[i] = fit.residuals[i] * fit.wt[i];
    vcov = designCovariance(design, groupedInfluence(X, rowsOfX, r, fit.ainv) ?? influenceColumns(X, r, fit.ainv));
  }
  const se = vcov.map((row, k) => Math.sqrt(row[k]));
  const df = degf(design) + 1 - p;
  const t = beta.map((b, k) => b / se[k]);
  const named = X.names.map((name) => nameAndTerm(design, name, factors));
  return {
    formula,
    family,
    names: named.map(([name]) => name),
    terms: named.map(([, term]) => term),
    coefficients: beta,
    se,
    vcov,
    df,
    t,
    p: t.map((x) => 2 * pt(-Math.abs(x), df)),
    design,
    matrix: X,
    rows: rowsOfX,
    fit,
  };
}

/** R's glm weights of the domain, w / mean(w) (0 outside it), and how many are positive. */
function scaledWeights(design: SurveyDesign): { scaled: Float64Array; rows: number } {
  const [dom, weights, scaled] = [design.domain, design.weights, new Float64Array(design.n)];
  let [rows, total] = [0, 0];
  for (let i = 0; i < design.n; i++) {
    if (dom !== null && dom[i] !== 1) continue;
    scaled[i] = weights[i];
    total += weights[i];
    if (weights[i] > 0) rows++;
  }
  const mean = total / design.n;
  for (let i = 0; i < design.n; i++) scaled[i] /= mean;
  return { scaled, rows };
}

/** The labels of a factor's levels (codes 1…k) that no row has (outside the domain its values are the domain's). */
function emptyLevels(labels: readonly string[], codes: ArrayLike<number | null>): string[] {
  const seen = new Uint8Array(labels.length + 1);
  for (let i = 0; i < codes.length; i++) seen[codes[i] ?? 0] = 1;
  return labels.filter((_, c) => seen[c + 1] === 0);
}

/** Whether a fitted probability of a row with weight is 0 or 1 to 10 ε (R's warning of separation). */
function separated(mu: Float64Array, weights: Float64Array): boolean {
  for (let i = 0; i < mu.length; i++)
    if (weights[i] > 0 && (mu[i] < 10 * 2.2e-16 || mu[i] > 1 - 10 * 2.2e-16)) return true;
  return false;
}

/** The influence columns r_i · x_iᵀ A⁻¹ (one per coefficient). */
function influenceColumns(X: ModelMatrix, r: Float64Array, ainv: Float64Array): Float64Array[] {
  const { n, p, width, cols, vals } = X;
  const influence = Array.from({ length: p }, () => new Float64Array(n));
  const s = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    if (r[i] === 0) continue;
    s.fill(0);
    for (let k = i * width, end = k + width; k < end; k++)
      if (cols[k] >= 0) for (let j = 0; j < p; j++) s[j] += vals[k] * ainv[cols[k] * p + j];
    for (let j = 0; j < p; j++) influence[j][i] = r[i] * s[j];
  }
  return influence;
}

/** The same influence grouped by the cells of a model of factors only (rows of a cell share x_iᵀ A⁻¹), else null. */
function groupedInfluence(
  X: ModelMatrix,
  rows: RowPatterns | null,
  r: Float64Array,
  ainv: Float64Array,
): GroupedInfluence | null {
  if (rows === null) return null;
  const { p, width, cols, vals } = X;
  const values = new Float64Array(rows.first.length * p);
  rows.first.forEach((i, g) => {
    for (let k = i * width, end = k + width; k < end; k++)
      if (cols[k] >= 0) for (let j = 0; j < p; j++) values[g * p + j] += vals[k] * ainv[cols[k] * p + j];
  });
  const group = new Int32Array(r.length);
  for (let i = 0; i < r.length; i++) group[i] = r[i] === 0 ? -1 : rows.pattern[i];
  return { rowWeight: r, group, groups: rows.first.length, columns: p, values };
}

/** A column's R name (level codes as labels: `stype2:meals` → `stypeH:meals`) and term (variables sorted). */
function nameAndTerm(design: SurveyDesign, name: string, factors: readonly string[]): [string, string] {
  const parts = name.split(":").map((part) => {
    const f = factors.find((g) => part.startsWith(g) && /^\d+$/.test(part.slice(g.length)));
    return f === undefined ? [part, part] : [f + labelOf(design, f, Number(part.slice(f.length))), f];
  });
  const term = parts.map((p) => p[1]).sort();
  return [parts.map((p) => p[0]).join(":"), term.join(":")];
}

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
