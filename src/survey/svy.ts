/**
 * The estimators, as R's `svymean`, `svytotal`, `svyciprop`, `svyby`, `svycontrast` and `svychisq`:
 * each takes a design (with its domain) and column names; none takes a separate panel or mask.
 */

import { differenceOfProportions, raoScott, type ProportionDifference, type RaoScottTest } from "./compare";
import { column, inDomain, subset, type SurveyDesign } from "./design";
import { DataError } from "./errors";
import { mean, proportion, total, type CiMethod, type Estimate } from "./estimate";
import { replicateChisq } from "./replicate-chisq";
import { replicateDifference, replicateMean, replicateProportion, replicateTotal } from "./replicate-estimate";

/** Options of the estimators. */
export interface SvyOptions {
  /** Interval method: `logit` (default for shares), `beta` (Korn–Graubard) or `wald` (default for means and totals). */
  ci?: CiMethod;
  /** Confidence level; default 0.95. */
  level?: number;
  /** Design-effect reference: `srswor` (R's `deff = TRUE`, default) or `replace`. */
  deffMethod?: "srswor" | "replace";
}

function indicator(design: SurveyDesign, name: string, codes: readonly number[]): (number | null)[] {
  const values = column(design, name);
  const set = new Set(codes);
  return values.map((v) => (v === null ? null : set.has(v) ? 1 : 0));
}

function domainOf(design: SurveyDesign): boolean[] | undefined {
  return design.domain === null ? undefined : inDomain(design);
}

function sourceOf(design: SurveyDesign, name: string): { source: string; variable: string } {
  return { source: design.source, variable: name };
}

/**
 * Share of the domain whose `column` is one of `codes`, with linearised SE and (by default) the logit
 * interval, as `svyciprop(~I(column %in% codes), design)`. A row in the domain with an empty value is an error.
 * @example svyciprop(des, "ai_brug", [3, 4, 5]).value // 0.44
 */
export function svyciprop(design: SurveyDesign, name: string, codes: readonly number[], options: SvyOptions = {}): Estimate {
  if (design.replicates) return replicateProportion(design, indicator(design, name, codes), { ...options, variable: name });
  return proportion(design, indicator(design, name, codes), domainOf(design), { ...options, ...sourceOf(design, name) });
}

/**
 * Weighted mean of a numeric column in the domain, as `svymean(~column, design)`.
 * @example svymean(des, "employees").value
 */
export function svymean(design: SurveyDesign, name: string, options: SvyOptions = {}): Estimate {
  if (design.replicates) return replicateMean(design, column(design, name), { ...options, variable: name });
  return mean(design, column(design, name), domainOf(design), { ...options, ...sourceOf(design, name) });
}

/**
 * Weighted total of a numeric column in the domain, as `svytotal(~column, design)`; with `codes`, the
 * estimated number of units whose column is one of them.
 * @example svytotal(des, "ai_brug", [3, 4, 5]).value // estimated number of firms using AI
 */
export function svytotal(design: SurveyDesign, name: string, codes?: readonly number[], options: Omit<SvyOptions, "ci"> = {}): Estimate {
  const y = codes === undefined ? column(design, name) : indicator(design, name, codes);
  if (design.replicates) return replicateTotal(design, y, { ...options, variable: name });
  return total(design, y, domainOf(design), { ...options, ...sourceOf(design, name) });
}

/** One group of a `svyby` result: its codes on the `by` columns and the estimate there. */
export interface ByGroup<T> {
  /** The group's code on each `by` column. */
  key: Readonly<Record<string, number>>;
  /** The result computed on the group's domain. */
  result: T;
}

/**
 * Applies an estimator to each group of one or more `by` columns (the groups present in the domain,
 * in code order), as `svyby(~x, ~by, design, FUN)`. Each group is a domain of the whole design.
 * @example svyby(relevant, "stoerrelse", (g) => svyciprop(g, "pot_salg", [1, 2]))
 */
export function svyby<T>(design: SurveyDesign, by: string | readonly string[], estimate: (group: SurveyDesign) => T): ByGroup<T>[] {
  const names = typeof by === "string" ? [by] : [...by];
  if (names.length === 0) throw new DataError({ file: design.source, column: "by", problem: "no by columns", expected: "one or more column names" });
  const columns = names.map((n) => column(design, n));
  const keys = new Map<string, number[]>();
  for (let i = 0; i < design.n; i++) {
    if (design.domain !== null && design.domain[i] === 0) continue;
    const codes = columns.map((c) => c[i]);
    if (codes.some((c) => c === null)) continue;
    const k = codes.join("\u0000");
    if (!keys.has(k)) keys.set(k, codes as number[]);
  }
  const ordered = Array.from(keys.values()).sort((a, b) => {
    for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return a[j] - b[j];
    return 0;
  });
  return ordered.map((codes) => {
    const where: Record<string, number[]> = {};
    names.forEach((n, j) => (where[n] = [codes[j]]));
    const key: Record<string, number> = {};
    names.forEach((n, j) => (key[n] = codes[j]));
    return { key, result: estimate(subset(design, where)) };
  });
}

/** One item of a multi-response question set: the column and its estimate. */
export interface ItemEstimate {
  column: string;
  estimate: Estimate;
}

/**
 * Share choosing each item of a multi-response set (one column per item, `codes` marking "chosen"),
 * each on the same domain.
 * @example svyitems(des, ["tilbud_a", "tilbud_b"], [1]).map((i) => i.estimate.value)
 */
export function svyitems(design: SurveyDesign, columns: readonly string[], codes: readonly number[], options: SvyOptions = {}): ItemEstimate[] {
  return columns.map((c) => ({ column: c, estimate: svyciprop(design, c, codes, options) }));
}

/**
 * Difference between two groups of `by` in the share with `codes` (first − second), with its linearised
 * SE including their covariance, as `svycontrast` on `svyby(..., covmat = TRUE)`.
 * @example svydiff(relevant, "pot_salg", [1, 2], "stoerrelse", [[3, 4], [1, 2]])
 */
export function svydiff(
  design: SurveyDesign,
  name: string,
  codes: readonly number[],
  by: string,
  groups: readonly [readonly number[], readonly number[]],
  options: Pick<SvyOptions, "level"> = {},
): ProportionDifference {
  const first = inDomain(subset(design, { [by]: groups[0] }));
  const second = inDomain(subset(design, { [by]: groups[1] }));
  if (design.replicates) return replicateDifference(design, indicator(design, name, codes), first, second, { ...options, variable: name });
  return differenceOfProportions(design, indicator(design, name, codes), first, second, { ...options, ...sourceOf(design, name) });
}

/**
 * Rao–Scott test of independence of two categorical columns in the domain, as `svychisq(~a + b, design)`.
 * @example svychisq(des, "ai_brug", "stoerrelse").p
 */
export function svychisq(design: SurveyDesign, rowColumn: string, colColumn: string): RaoScottTest {
  if (design.replicates) return replicateChisq(design, column(design, rowColumn), column(design, colColumn), rowColumn, colColumn);
  return raoScott(design, column(design, rowColumn), column(design, colColumn), domainOf(design), { source: design.source, rowName: rowColumn, colName: colColumn });
}
