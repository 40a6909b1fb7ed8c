/** The estimators, as R's `svymean`, `svytotal`, `svyciprop`, `svycontrast`: a design (with its domain) and columns. */

import { proportionDifference, type ProportionDifference } from "./contrast";
import { codeTest, column, subset, type SurveyDesign } from "./design";
import { DataError, emptyDomain } from "./errors";
import { asFactor, levelCodes, levelsOf, type Codes } from "./factor";
import { checkOptions, type OptionRule } from "./options";
import {
  meanEstimate,
  summarise,
  valuesOf,
  totalEstimate,
  type DomainSums,
  type DomainSummary,
  type Estimate,
} from "./estimators";
import type { CiMethod } from "./intervals";
import { degreesOfFreedom, domainRows, type DomainRows } from "./variance";
import { replicateDifference, replicateMean, replicateProportion, replicateTotal } from "./replicate-estimate";

/**
 * Options of the estimators: interval (`logit` default for shares, `beta`, `wald` for means and totals), level (0.95),
 * design-effect reference (`srswor`, R's `deff = TRUE`, or `replace`), `naRm` (R's `na.rm = TRUE`, a subset).
 */
export interface SvyOptions {
  ci?: CiMethod;
  level?: number;
  deffMethod?: "srswor" | "replace";
  naRm?: boolean;
}

/** Options of `svymean`/`svytotal` of a factor: `levels: true` gives one estimate per level (R's `~factor(x)`). */
export type LevelOptions = SvyOptions & { levels: true };

/** One level's estimate and its label (a numeric column's value as text). */
export interface LevelEstimate {
  level: string;
  estimate: Estimate;
}

/** A column in the domain as numbers (0 outside), or with `codes` as `group`: 1 where one of them, 0, −1 outside. */
function domainColumn(
  design: SurveyDesign,
  name: string,
  domain: Uint8Array | null,
  codes?: readonly number[],
  rows: Int32Array | null = null,
): { values: Float64Array | null; group: Int32Array | null; sums: DomainSums | undefined } {
  const values = column(design, name);
  const n = design.n;
  const out = new Float64Array(codes === undefined ? n : 0); // codes: the 0/1 answers are `group`
  const group = codes === undefined ? null : new Int32Array(n);
  if (rows !== null) group?.fill(-1);
  const sums = new Float64Array(4); // Σ w, Σ w·answer, rows, rows of nonzero weight
  const { table, set } = codeTest(codes ?? []);
  const bad = fillColumn(values, design.weights, domain, table, set, rows, out, group, sums);
  if (bad >= 0) {
    const v = values[bad];
    const where = { file: design.source, row: bad + 1, column: name };
    if (v !== null && v !== undefined) throw new DataError({ ...where, value: String(v), expected: "a finite number" });
    throw new DataError({
      ...where,
      value: "",
      problem: "value is empty inside the domain",
      expected: codes === undefined ? "a number for every row in the domain" : "an answer for every row in the domain",
    });
  }
  const [weightSum, weighted, count, nonzero] = sums;
  const domainSums = group === null ? undefined : { weightSum, weighted, count, nonzero, binary: true };
  return { values: codes === undefined ? out : null, group, sums: domainSums };
}

/** `domainColumn`'s pass (numbers only, tuned against deoptimisation): the first empty or non-finite row, else −1. */
function fillColumn(
  values: ArrayLike<number | null>,
  weights: Float64Array,
  domain: Uint8Array | null,
  table: Uint8Array | null,
  set: Set<number>,
  rows: Int32Array | null,
  out: Float64Array,
  group: Int32Array | null,
  sums: Float64Array,
): number {
  // plain lets: sums destructured from an array were boxed in the loop
  let weightSum = 0;
  let weighted = 0;
  let count = 0;
  let nonzero = 0;
  const m = rows === null ? weights.length : rows.length;
  for (let r = 0; ; r++) {
    // stored in the loop (first and last row): stores after it deoptimised it
    if (r === 0 || r === m) {
      sums[0] = weightSum;
      sums[1] = weighted;
      sums[2] = count;
      sums[3] = nonzero;
      if (r === m) return -1;
    }
    const i = rows === null ? r : rows[r];
    if (rows === null && domain !== null && domain[i] === 0) {
      if (group !== null) group[i] = -1;
      continue;
    }
    const v = values[i];
    if (v === null || v === undefined) return i;
    if (group !== null) {
      const chosen = table !== null ? +((v | 0) === v && table[v | 0] === 1) : +set.has(v);
      group[i] = chosen;
      const w = weights[i];
      count++;
      if (w !== 0) nonzero++;
      weightSum += w;
      weighted += w * chosen;
    } else if (Number.isFinite(v)) out[i] = v;
    else return i;
  }
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

const SHARE_OPTIONS = { ci: ["logit", "beta", "wald"], level: "number", deffMethod: ["srswor", "replace"] } as const;
const ESTIMATE_OPTIONS = { ...SHARE_OPTIONS, naRm: "boolean" } as const;

/** The options checked, with the design's source and the variable's name. */
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

/** With `naRm`, the design on the rows where `name` is not empty, and the design's degrees of freedom. */
function complete(design: SurveyDesign, name: string, o: SvyOptions): { d: SurveyDesign; df?: number } {
  if (o.naRm !== true) return { d: design };
  const values = column(design, name);
  const d = subset(design, (_, i) => values[i] !== null, `${name} not empty`);
  return { d, df: design.replicates ? undefined : degreesOfFreedom(design, design.domain) };
}

/** A factor column without `levels: true` is a DataError naming the option. */
function checkFactor(verb: string, design: SurveyDesign, name: string, o: SvyOptions & { levels?: boolean }): void {
  const labels = levelsOf(design, name);
  if (labels !== null && o.levels !== true)
    throw new DataError({
      file: design.source,
      column: name,
      problem: `${verb}: "${name}" is a factor (${labels.join(", ")})`,
      expected: `${verb}(design, "${name}", { levels: true }) for an estimate per level`,
    });
}

/** One estimate per level of `name` (a factor's levels, or a numeric column's sorted values), as R's `svymean(~f)`. */
function perLevel(design: SurveyDesign, name: string, one: (code: number) => Estimate): LevelEstimate[] {
  const values = column(design, name);
  const labels = levelsOf(design, name);
  const levels = asFactor(labels, values).labels;
  return levels.map((level, k) => ({ level, estimate: one(labels === null ? Number(level) : k + 1) }));
}

/**
 * Share of the domain whose `column` is one of `codes`, as `svyciprop(~I(column %in% codes), design)` (logit interval).
 * @example svyciprop(des, "ai_brug", [3, 4, 5]).value // 0.44
 */
export function svyciprop(design: SurveyDesign, name: string, codes: Codes, o: SvyOptions = {}): Estimate {
  const checked = options("svyciprop", design, name, o);
  const { d, df } = complete(design, name, o);
  const s = domainSummary(d, name, levelCodes(d, name, codes));
  if (d.replicates) return replicateProportion(d, s, checked);
  return meanEstimate(d, s, { ...checked, df }, "logit");
}

/**
 * Weighted mean of a numeric column, as `svymean(~column, design)`; `levels: true`: each level's share (R's ~f).
 * @example svymean(des, "employees").value; svymean(dclus1, "stype", { levels: true })[0] // { level: "E", estimate }
 */
export function svymean(design: SurveyDesign, name: string, o?: SvyOptions): Estimate;
export function svymean(design: SurveyDesign, name: string, o: LevelOptions): LevelEstimate[];
export function svymean(
  design: SurveyDesign,
  name: string,
  o: SvyOptions & { levels?: boolean } = {},
): Estimate | LevelEstimate[] {
  const checked = options("svymean", design, name, o, { ...ESTIMATE_OPTIONS, levels: "boolean" });
  checkFactor("svymean", design, name, o);
  const { d, df } = complete(design, name, o);
  const mean = (codes?: readonly number[]): Estimate => {
    const s = domainSummary(d, name, codes);
    return d.replicates ? replicateMean(d, s, checked) : meanEstimate(d, s, { ...checked, df }, "wald");
  };
  return o.levels === true ? perLevel(d, name, (code) => mean([code])) : mean();
}

type TotalOptions = Omit<SvyOptions, "ci">;
const TOTAL_OPTIONS = {
  level: "number",
  deffMethod: SHARE_OPTIONS.deffMethod,
  naRm: "boolean",
  levels: "boolean",
} as const;

/**
 * Weighted total of a column, as `svytotal(~column, design)`; with `codes`, the number of units whose column is one of
 * them; with `levels: true`, each level's total.
 * @example svytotal(des, "ai_brug", [3, 4, 5]).value; svytotal(dclus1, "stype", { levels: true })
 */
export function svytotal(design: SurveyDesign, name: string, codes?: Codes, o?: TotalOptions): Estimate;
export function svytotal(design: SurveyDesign, name: string, o: Omit<LevelOptions, "ci">): LevelEstimate[];
export function svytotal(
  design: SurveyDesign,
  name: string,
  codesOrOptions?: Codes | (TotalOptions & { levels?: boolean }),
  given: TotalOptions & { levels?: boolean } = {},
): Estimate | LevelEstimate[] {
  const byLevel = codesOrOptions !== undefined && !Array.isArray(codesOrOptions);
  const o = byLevel ? (codesOrOptions as TotalOptions & { levels?: boolean }) : given;
  const checked = options("svytotal", design, name, o, TOTAL_OPTIONS);
  const { d, df } = complete(design, name, o);
  const total = (codes?: readonly number[]): Estimate => {
    const s = domainSummary(d, name, codes);
    return d.replicates ? replicateTotal(d, s, checked) : totalEstimate(d, s, { ...checked, df });
  };
  if (!byLevel && codesOrOptions !== undefined) {
    const problem = "svytotal takes codes or levels: true, not both";
    if (o.levels !== undefined)
      throw new DataError({ file: design.source, column: "levels", problem, expected: "codes, or { levels: true }" });
    return total(levelCodes(d, name, codesOrOptions as Codes));
  }
  checkFactor("svytotal", design, name, o);
  return o.levels === true ? perLevel(d, name, (code) => total([code])) : total();
}

/** One item of a multi-response question set: the column and its estimate. */
export interface ItemEstimate {
  column: string;
  estimate: Estimate;
}

/**
 * Share choosing each item of a multi-response set (a column per item, `codes` marking "chosen").
 * @example svyitems(des, ["tilbud_a", "tilbud_b"], [1]).map((i) => i.estimate.value)
 */
export function svyitems(
  design: SurveyDesign,
  columns: readonly string[],
  codes: Codes,
  o: Omit<SvyOptions, "naRm"> = {},
): ItemEstimate[] {
  checkOptions("svyitems", o, SHARE_OPTIONS, design.source);
  const items = columns.map((column) => ({ column, codes }));
  const shares = svyshares(design, items, o);
  return columns.map((c, k) => ({ column: c, estimate: shares[k] }));
}

/**
 * `svyciprop` of several (column, codes) pairs on one domain, the rows outside it visited once for all.
 * @example svyshares(des, [{ column: "ai_brug", codes: [1, 2] }, { column: "ai_brug", codes: [3, 4, 5] }])
 */
export function svyshares(
  design: SurveyDesign,
  items: readonly { column: string; codes: Codes }[],
  o: Omit<SvyOptions, "naRm"> = {},
): Estimate[] {
  checkOptions("svyshares", o, SHARE_OPTIONS, design.source);
  if (design.replicates || design.clusters !== null || design.sampling)
    return items.map((item) => svyciprop(design, item.column, item.codes, o));
  const rows = domainRows(design, design.domain);
  return items.map(({ column: name, codes }) => {
    const s = domainSummary(design, name, levelCodes(design, name, codes), rows);
    return meanEstimate(design, s, options("svyshares", design, name, o, SHARE_OPTIONS), "logit");
  });
}

/**
 * Difference between two groups of `by` in the share with `codes` (first − second), as `svycontrast` on `svyby`.
 * @example svydiff(relevant, "pot_salg", [1, 2], "stoerrelse", [[3, 4], [1, 2]])
 */
export function svydiff(
  design: SurveyDesign,
  name: string,
  codes: Codes,
  by: string,
  groups: readonly [Codes, Codes],
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
  const values = valuesOf(domainColumn(design, name, either, levelCodes(design, name, codes)));
  if (design.replicates) {
    const [a, b] = flags.map((d) => summarise(design, values, d, design.source));
    return replicateDifference(design, a, b, checked);
  }
  return proportionDifference(design, values, flags[0], flags[1], checked);
}
