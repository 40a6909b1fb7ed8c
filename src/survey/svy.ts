/**
 * The estimators, as R's `svymean`, `svytotal`, `svyciprop`, `svyby`, `svycontrast` and `svychisq`:
 * each takes a design (with its domain) and column names; none takes a separate panel or mask.
 */

import { proportionDifference, type ProportionDifference } from "./contrast";
import { codeTest, column, subset, type SurveyDesign } from "./design";
import { DataError, emptyDomain } from "./errors";
import { checkOptions, type OptionRule } from "./options";
import {
  meanEstimate,
  summarise,
  totalEstimate,
  type DomainSums,
  type DomainSummary,
  type Estimate,
} from "./estimators";
import type { CiMethod } from "./intervals";
import { raoScottTest, type RaoScottTest } from "./raoscott";
import { replicateChisq } from "./replicate-chisq";
import { domainRows, type DomainRows } from "./variance";
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

/**
 * A column's values in the domain as numbers (0 outside it): with `codes`, 1 where the value is one of them and 0 where
 * it is another (with `group`, that 0/1 and −1 outside the domain, and the domain's `sums`); without, the value itself.
 */
function domainColumn(
  design: SurveyDesign,
  name: string,
  domain: Uint8Array | null,
  codes?: readonly number[],
  rows: Int32Array | null = null,
): { values: Float64Array; group: Int32Array | null; sums: DomainSums | undefined } {
  const values = column(design, name);
  const { n, weights } = design;
  const out = new Float64Array(n);
  const isCode = codes === undefined ? null : codeTest(codes);
  const group = isCode === null ? null : new Int32Array(n);
  if (rows !== null) group?.fill(-1);
  let [weightSum, weighted, count, nonzero] = [0, 0, 0, 0];
  const m = rows === null ? n : rows.length;
  for (let r = 0; r < m; r++) {
    const i = rows === null ? r : rows[r];
    if (rows === null && domain !== null && domain[i] === 0) {
      if (group !== null) group[i] = -1;
      continue;
    }
    const v = values[i];
    if (v === null || v === undefined) {
      throw new DataError({
        file: design.source,
        row: i + 1,
        column: name,
        value: "",
        problem: "value is empty inside the domain",
        expected:
          codes === undefined ? "a number for every row in the domain" : "an answer for every row in the domain",
      });
    }
    if (isCode !== null && group !== null) {
      const chosen = isCode(v) ? 1 : 0;
      out[i] = chosen;
      group[i] = chosen;
      const w = weights[i];
      count++;
      if (w !== 0) nonzero++;
      weightSum += w;
      weighted += w * chosen;
    } else if (Number.isFinite(v)) out[i] = v;
    else
      throw new DataError({
        file: design.source,
        row: i + 1,
        column: name,
        value: String(v),
        expected: "a finite number",
      });
  }
  const sums = group === null ? undefined : { weightSum, weighted, count, nonzero, binary: true };
  return { values: out, group, sums };
}

/** The summary of `name` (with `codes`: of "`name` is one of `codes`", 1 or 0) in the design's domain. */
function domainSummary(
  design: SurveyDesign,
  name: string,
  codes?: readonly number[],
  rows?: DomainRows,
): DomainSummary {
  const { values, group, sums } = domainColumn(design, name, design.domain, codes, rows?.rows ?? null);
  const s = summarise(design, values, design.domain, design.source, design.domainLabel.join("; "), group, sums);
  return rows === undefined ? s : { ...s, domainRows: rows };
}

const ESTIMATE_OPTIONS = { ci: ["logit", "beta", "wald"], level: "number", deffMethod: ["srswor", "replace"] } as const;

/** The options checked (`checkOptions`) and given the design's source and the variable's name. */
function options(
  verb: string,
  design: SurveyDesign,
  name: string,
  o: SvyOptions,
  rules: Readonly<Record<string, OptionRule>> = ESTIMATE_OPTIONS,
): SvyOptions & { source: string; variable: string } {
  checkOptions(verb, o, rules, design.source);
  return { ...o, source: design.source, variable: name };
}

/**
 * Share of the domain whose `column` is one of `codes`, with linearised SE and (by default) the logit
 * interval, as `svyciprop(~I(column %in% codes), design)`. A row in the domain with an empty value is an error.
 * @example svyciprop(des, "ai_brug", [3, 4, 5]).value // 0.44
 */
export function svyciprop(design: SurveyDesign, name: string, codes: readonly number[], o: SvyOptions = {}): Estimate {
  const checked = options("svyciprop", design, name, o);
  const s = domainSummary(design, name, codes);
  if (design.replicates) return replicateProportion(design, s, checked);
  return meanEstimate(design, s, checked, "logit");
}

/**
 * Weighted mean of a numeric column in the domain, as `svymean(~column, design)`.
 * @example svymean(des, "employees").value
 */
export function svymean(design: SurveyDesign, name: string, o: SvyOptions = {}): Estimate {
  const checked = options("svymean", design, name, o);
  const s = domainSummary(design, name);
  if (design.replicates) return replicateMean(design, s, checked);
  return meanEstimate(design, s, checked, "wald");
}

/**
 * Weighted total of a numeric column in the domain, as `svytotal(~column, design)`; with `codes`, the
 * estimated number of units whose column is one of them.
 * @example svytotal(des, "ai_brug", [3, 4, 5]).value // estimated number of firms using AI
 */
export function svytotal(
  design: SurveyDesign,
  name: string,
  codes?: readonly number[],
  o: Omit<SvyOptions, "ci"> = {},
): Estimate {
  const checked = options("svytotal", design, name, o, { level: "number", deffMethod: ["srswor", "replace"] });
  const s = domainSummary(design, name, codes);
  if (design.replicates) return replicateTotal(design, s, checked);
  return totalEstimate(design, s, checked);
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
export function svyby<T>(
  design: SurveyDesign,
  by: string | readonly string[],
  estimate: (group: SurveyDesign) => T,
): ByGroup<T>[] {
  const names = typeof by === "string" ? [by] : [...by];
  if (names.length === 0)
    throw new DataError({
      file: design.source,
      column: "by",
      problem: "no by columns",
      expected: "one or more column names",
    });
  const columns = names.map((n) => column(design, n));
  const keys = new Map<string | number, number[]>();
  for (let i = 0; i < design.n; i++) {
    if (design.domain !== null && design.domain[i] === 0) continue;
    // Small whole codes (all there usually are) make a number key; anything else a text key.
    let small = 0;
    let isSmall = true;
    let empty = false;
    for (let j = 0; j < columns.length; j++) {
      const c = columns[j][i];
      if (c === null) {
        empty = true;
        break;
      }
      if (c >= 0 && c < 1024 && (c | 0) === c && j < 5) small = small * 1024 + c;
      else isSmall = false;
    }
    if (empty) continue;
    const k = isSmall ? small : columns.map((c) => c[i]).join("\u0000");
    if (!keys.has(k))
      keys.set(
        k,
        columns.map((c) => c[i] as number),
      );
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
export function svyitems(
  design: SurveyDesign,
  columns: readonly string[],
  codes: readonly number[],
  o: SvyOptions = {},
): ItemEstimate[] {
  checkOptions("svyitems", o, ESTIMATE_OPTIONS, design.source);
  const shares = svyshares(
    design,
    columns.map((column) => ({ column, codes })),
    o,
  );
  return columns.map((c, k) => ({ column: c, estimate: shares[k] }));
}

/**
 * `svyciprop` of several (column, codes) pairs on one domain: the same estimates, with the rows outside
 * the domain visited once for all of them (on a design whose rows are its PSUs).
 * @example svyshares(des, [{ column: "ai_brug", codes: [1, 2] }, { column: "ai_brug", codes: [3, 4, 5] }])
 */
export function svyshares(
  design: SurveyDesign,
  items: readonly { column: string; codes: readonly number[] }[],
  o: SvyOptions = {},
): Estimate[] {
  checkOptions("svyshares", o, ESTIMATE_OPTIONS, design.source);
  if (design.replicates || design.clusters !== null || design.sampling)
    return items.map((item) => svyciprop(design, item.column, item.codes, o));
  const rows = domainRows(design, design.domain);
  return items.map(({ column: name, codes }) =>
    meanEstimate(design, domainSummary(design, name, codes, rows), options("svyshares", design, name, o), "logit"),
  );
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
  o: Pick<SvyOptions, "level"> = {},
): ProportionDifference {
  const checked = options("svydiff", design, name, o, { level: "number" });
  const first = subset(design, { [by]: groups[0] });
  const second = subset(design, { [by]: groups[1] });
  const flags = [first.domain, second.domain].map((d, g) => {
    if (d === null || !d.some((v, i) => v === 1 && design.weights[i] > 0))
      throw emptyDomain(design.source, `${by} ∈ {${groups[g].join(", ")}}`);
    return d;
  });
  const either = new Uint8Array(design.n);
  for (let i = 0; i < design.n; i++) either[i] = flags[0][i] | flags[1][i];
  const { values } = domainColumn(design, name, either, codes);
  if (design.replicates) {
    const [a, b] = flags.map((d) => summarise(design, values, d, design.source));
    return replicateDifference(design, a, b, checked);
  }
  return proportionDifference(design, values, flags[0], flags[1], checked);
}

/**
 * Rao–Scott test of independence of two categorical columns in the domain, as `svychisq(~a + b, design)`.
 * @example svychisq(des, "ai_brug", "stoerrelse").p
 */
export function svychisq(design: SurveyDesign, rowColumn: string, colColumn: string): RaoScottTest {
  if (design.replicates)
    return replicateChisq(design, column(design, rowColumn), column(design, colColumn), rowColumn, colColumn);
  return raoScottTest(design, column(design, rowColumn), column(design, colColumn), design.domain, {
    source: design.source,
    rowName: rowColumn,
    colName: colColumn,
  });
}
