/**
 * Follow-up questions as tidy tables: one weighted share per answer option (and per group of a
 * `by` variable), with its confidence interval, standard error, bases and a suppression flag, plus
 * a Rao–Scott test of independence for each question (each item, for a multi-response question).
 *
 * Everything is estimated by src/estimate.ts on the full design with a domain: rows are never
 * dropped before estimation, so the standard errors account for the raking.
 *
 * @example
 * const ds = loadDataset();
 * query(ds, "tilbud", { by: "stoerrelse" }).print();          // danfojs DataFrame
 * query(ds, "tilbud", { by: "oekonomi_2grp" }).print();        // a named grouping (CODE_GROUPINGS)
 * queryRows(ds, "ai_brug").rows[2].estimate;                   // 34.1 (percent)
 */
import type { DataFrame } from "danfojs-node";
import {
  BASES,
  CODE_GROUPINGS,
  COLUMNS,
  MULTI_RESPONSE_GROUPS,
  type CodeGrouping,
  type ColumnSpec,
  type Condition,
  type Lang,
  type MultiResponseGroup,
  baseSpec,
  holds,
  itemLabel,
} from "./codebook";
import { inBase } from "./bases";
import { raoScott } from "../survey/compare";
import { proportion, type CiMethod } from "../survey/estimate";
import type { Panel, DesignWeights } from "../survey/types";

/** Anything that carries a panel and its weighted design, e.g. the result of `loadDataset()`. */
export interface QuerySource {
  panel: Panel;
  design: DesignWeights;
}

/**
 * A grouping of a variable's codes into named groups, for `by`.
 *
 * @example
 * { variable: "oekonomi", groups: [{ label: "Positiv", codes: [1, 2] }, { label: "Mindre optimistisk", codes: [3, 4, 5] }] }
 */
export interface ByGrouping {
  variable: string;
  groups: readonly { label: string; codes: readonly number[] }[];
}

/** Options of `query` and `queryRows`. */
export interface QueryOptions {
  /** A named base (see `BASES`); default: the respondents who were asked the question. */
  base?: string;
  /**
   * A categorical or binary column, a named grouping of one (`CODE_GROUPINGS`: `stoerrelse_2grp`,
   * `oekonomi_2grp`), or an ad-hoc grouping, to split the table by.
   */
  by?: string | ByGrouping;
  /** Label language (default Danish). */
  lang?: Lang;
  /** A cell with fewer respondents (unweighted) than this is suppressed. Default 10. */
  minN?: number;
  /** A cell whose effective number of respondents (Kish, (Σw)²/Σw²) is below this is suppressed. Default 5. */
  minEffectiveN?: number;
  /** Confidence level of the intervals. Default 0.95. */
  level?: number;
  /** Interval method passed to `proportion` (its default when omitted). */
  ci?: CiMethod;
  /**
   * For a categorical question: report these groups of codes as the options instead of every code
   * (e.g. `[{ label: "Stort/meget stort potentiale", codes: [1, 2] }]`). The test then uses them too,
   * with the codes in no group pooled as one remaining category.
   */
  answerGroups?: readonly AnswerGroup[];
}

/** A named set of answer codes reported as one option. */
export interface AnswerGroup {
  label: string;
  codes: readonly number[];
}

/** One row of a query table: one option within one group. Percentages are 0–100. */
export interface QueryRow {
  /** Level label of `by`, or "I alt" ("Total" in English). */
  group: string;
  /** The answer option: code and label, e.g. "3 Har eksperimenteret ..." or "raadgivning_ai Rådgivning om ...". */
  option: string;
  /** Weighted share in percent; null when suppressed. */
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  /** Standard error in percentage points; null when suppressed. */
  se: number | null;
  /** Unweighted number of respondents in the group's base. */
  n: number;
  /** Sum of weights of the group's base (estimated number of firms). */
  weighted_base: number;
  /** Kish effective number of respondents of the group's base, (Σw)²/Σw². */
  effective_n: number;
  /** True when n < minN or effective_n < minEffectiveN: the estimate is not shown. */
  suppressed: boolean;
  /** Rao–Scott F of the option's question (or item) by `by`; null without `by`. */
  test_f: number | null;
  /** p-value of that test; null without `by`. */
  test_p: number | null;
  /** Code of the `by` level (grouping: 1-based group number); null for the total. */
  group_code: number | null;
  /** The option's code (categorical/binary column) or item key (multi-response). */
  option_code: number | string;
  /** The option's label without code. */
  option_label: string;
}

/** A Rao–Scott test of independence of one question (or multi-response item) and the `by` variable. */
export interface IndependenceTest {
  /** The tested column. */
  column: string;
  /** Item key for a multi-response item; null for a categorical/binary question. */
  item: string | null;
  /** Label of the question or item. */
  label: string;
  /** F statistic (second-order Rao–Scott, as R's svychisq(statistic = "F")). */
  f: number;
  df1: number;
  df2: number;
  p: number;
}

/** A query's tidy rows plus what they mean. */
export interface QueryResult {
  /** The question asked (column or multi-response group name). */
  question: string;
  /** Label of the question. */
  questionLabel: string;
  /** "categorical", "binary" or "multi". */
  kind: "categorical" | "binary" | "multi";
  /** Name of the base used (a `BASES` name) or null when the base is "asked of" a condition no named base matches. */
  base: string | null;
  /** Label of the base. */
  baseLabel: string;
  /** Unweighted number of respondents in the base. */
  baseN: number;
  /** The `by` variable or named grouping (an ad-hoc grouping: its variable), or null. */
  by: string | null;
  /** Label of the `by` variable, or null. */
  byLabel: string | null;
  rows: QueryRow[];
  /** One test per question (categorical/binary) or per item (multi-response); empty without `by`. */
  tests: IndependenceTest[];
  minN: number;
  minEffectiveN: number;
  level: number;
}

/** A name the user gave that does not exist; the message lists the valid names. */
export class UnknownNameError extends Error {
  readonly kind: "question" | "variable" | "base";
  readonly given: string;
  readonly valid: readonly string[];
  constructor(kind: "question" | "variable" | "base", given: string, valid: readonly string[], listing = valid.join(", ")) {
    super(`Unknown ${kind} "${given}". Valid ${kind === "question" ? "questions" : kind === "variable" ? "variables" : "bases"}: ${listing}`);
    this.name = "UnknownNameError";
    this.kind = kind;
    this.given = given;
    this.valid = valid;
  }
}

/** A question with a base that includes respondents who were not asked it (or a `by` variable that is empty there). */
export class BaseMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BaseMismatchError";
  }
}

/** Names `query` accepts as questions: every categorical or binary column, then every multi-response group. */
export function questionNames(): string[] {
  return [...COLUMNS.filter((c) => c.kind !== "id").map((c) => c.name), ...MULTI_RESPONSE_GROUPS.map((g) => g.name)];
}

/** The valid questions grouped by kind, for error messages. */
function questionListing(): string {
  const names = (kind: string) => COLUMNS.filter((c) => c.kind === kind).map((c) => c.name).join(", ");
  return (
    `multi-response questions: ${MULTI_RESPONSE_GROUPS.map((g) => g.name).join(", ")}; ` +
    `categorical questions: ${names("categorical")}; single 0/1 items: ${names("binary")}`
  );
}

/** Names `query` accepts for `by`: every categorical or binary column. */
export function byVariableNames(): string[] {
  return COLUMNS.filter((c) => c.kind !== "id").map((c) => c.name);
}

/** Named groupings `query` accepts for `by` (see `CODE_GROUPINGS`). */
export function byGroupingNames(): string[] {
  return CODE_GROUPINGS.map((g) => g.name);
}

/** Every name `query` accepts for `by`: the variables, then the named groupings. */
export function byNames(): string[] {
  return [...byVariableNames(), ...byGroupingNames()];
}

/** The valid `by` names, variables and groupings apart, for error messages. */
function byListing(): string {
  return `${byVariableNames().join(", ")}; groupings: ${byGroupingNames().join(", ")}`;
}

/** An unknown `by` name: the error lists the variables and the named groupings. */
function unknownBy(given: string): UnknownNameError {
  return new UnknownNameError("variable", given, byNames(), byListing());
}

/** A named grouping as a `ByGrouping` with labels in a language. */
function byGroupingOf(grouping: CodeGrouping, lang: Lang): ByGrouping {
  return { variable: grouping.variable, groups: grouping.groups.map((g) => ({ label: g.label[lang], codes: g.codes })) };
}

/** Names `query` accepts for `base`. */
export function baseNames(): string[] {
  return BASES.map((b) => b.name);
}

/**
 * Checks the names of a query against the codebook without any data: the question, the `by`
 * variable and the base. Throws `UnknownNameError` (listing the valid names) for the first unknown one.
 * @example checkQueryNames("tilbud", { by: "size" }) // throws: Unknown variable "size". Valid variables: branche, ...
 */
export function checkQueryNames(question: string, options: Pick<QueryOptions, "by" | "base"> = {}): void {
  const isGroup = MULTI_RESPONSE_GROUPS.some((g) => g.name === question);
  const spec = COLUMNS.find((c) => c.name === question);
  if (!isGroup && (!spec || spec.kind === "id")) throw new UnknownNameError("question", question, questionNames(), questionListing());
  if (options.by !== undefined) {
    const isGrouping = typeof options.by === "string" && CODE_GROUPINGS.some((g) => g.name === options.by);
    const variable = typeof options.by === "string" ? options.by : options.by.variable;
    const by = COLUMNS.find((c) => c.name === variable);
    if (!isGrouping && (!by || by.kind === "id")) throw unknownBy(variable);
  }
  if (options.base !== undefined && !BASES.some((b) => b.name === options.base)) {
    throw new UnknownNameError("base", options.base, baseNames());
  }
}

const TOTAL_LABEL: Record<Lang, string> = { da: "I alt", en: "Total" };

/** One option of the question: which column, and how a row's value maps to 0/1. */
interface OptionSpec {
  column: string;
  code: number | string;
  label: string;
  /** 1 if the value counts for this option, 0 otherwise. */
  indicator: (value: number) => number;
}

interface ResolvedQuestion {
  name: string;
  label: string;
  kind: "categorical" | "binary" | "multi";
  columns: string[];
  options: OptionSpec[];
  /** Who is asked, as a named base or a condition. */
  asked: { base: string } | { condition: Condition };
  /** For a test: per tested column, item key, label and the recoding of its values (if any). */
  tested: { column: string; item: string | null; label: string; recode?: (value: number | null) => number | null }[];
}

function resolveQuestion(question: string, lang: Lang, answerGroups?: readonly AnswerGroup[]): ResolvedQuestion {
  const group = MULTI_RESPONSE_GROUPS.find((g) => g.name === question);
  const spec = COLUMNS.find((c) => c.name === question);
  if (!group && (!spec || spec.kind === "id")) throw new UnknownNameError("question", question, questionNames(), questionListing());
  if (answerGroups !== undefined && (group || spec?.kind !== "categorical")) {
    throw new Error(`answerGroups: "${question}" is not a categorical question; expected one of ${COLUMNS.filter((c) => c.kind === "categorical").map((c) => c.name).join(", ")}`);
  }
  if (group) return resolveGroup(group, lang);
  const resolved = resolveColumn(spec as ColumnSpec, lang);
  return answerGroups === undefined ? resolved : withAnswerGroups(resolved, spec as ColumnSpec, answerGroups);
}

/** Replaces a categorical question's options by groups of its codes; the test uses the groups (plus the rest). */
function withAnswerGroups(q: ResolvedQuestion, spec: ColumnSpec, groups: readonly AnswerGroup[]): ResolvedQuestion {
  if (groups.length === 0) throw new Error(`answerGroups for "${spec.name}" is empty; expected at least one group of codes`);
  const groupOf = new Map<number, number>();
  groups.forEach((g, index) => {
    if (g.codes.length === 0) throw new Error(`answerGroups for "${spec.name}": group "${g.label}" has no codes`);
    for (const code of g.codes) {
      if (!spec.codes.some((c) => c.code === code)) {
        throw new Error(`answerGroups for "${spec.name}": code ${code} (group "${g.label}") is not a code of "${spec.name}"; expected one of ${spec.codes.map((c) => c.code).join(", ")}`);
      }
      if (groupOf.has(code)) throw new Error(`answerGroups for "${spec.name}": code ${code} is in more than one group; expected each code in at most one group`);
      groupOf.set(code, index + 1);
    }
  });
  const options = groups.map((g): OptionSpec => {
    const codes = new Set(g.codes);
    return { column: spec.name, code: g.codes.join("+"), label: g.label, indicator: (v) => (codes.has(v) ? 1 : 0) };
  });
  const rest = groups.length + 1;
  const recode = (v: number | null): number | null => (v === null ? null : groupOf.get(v) ?? rest);
  return { ...q, options, tested: q.tested.map((t) => ({ ...t, recode })) };
}

function resolveGroup(group: MultiResponseGroup, lang: Lang): ResolvedQuestion {
  const options = group.columns.map((column): OptionSpec => {
    const spec = COLUMNS.find((c) => c.name === column);
    if (!spec || spec.item === undefined) throw new Error(`Codebook: column "${column}" of group "${group.name}" has no item key`);
    return { column, code: spec.item, label: itemLabel(column, lang), indicator: (v) => (v === 1 ? 1 : 0) };
  });
  return {
    name: group.name,
    label: group.label[lang],
    kind: "multi",
    columns: [...group.columns],
    options,
    asked: { base: group.base },
    tested: options.map((o) => ({ column: o.column, item: String(o.code), label: o.label })),
  };
}

function resolveColumn(spec: ColumnSpec, lang: Lang): ResolvedQuestion {
  const matching = BASES.find((b) => sameCondition(b.condition, spec.askedOf));
  const asked = matching ? { base: matching.name } : { condition: spec.askedOf };
  const tested = [{ column: spec.name, item: null, label: spec.label[lang] }];
  if (spec.kind === "binary") {
    return {
      name: spec.name,
      label: spec.label[lang],
      kind: "binary",
      columns: [spec.name],
      options: [{ column: spec.name, code: 1, label: itemLabel(spec.name, lang), indicator: (v) => (v === 1 ? 1 : 0) }],
      asked,
      tested,
    };
  }
  return {
    name: spec.name,
    label: spec.label[lang],
    kind: "categorical",
    columns: [spec.name],
    options: spec.codes.map((c) => ({ column: spec.name, code: c.code, label: c.label[lang], indicator: (v) => (v === c.code ? 1 : 0) })),
    asked,
    tested,
  };
}

function sameCondition(a: Condition, b: Condition): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function panelColumn(panel: Panel, name: string): (number | null)[] {
  const values = panel.columns[name];
  if (values === undefined) {
    throw new Error(`${panel.source}: the panel has no column "${name}"; expected every contract column (see src/codebook.ts)`);
  }
  return values;
}

function conditionMask(panel: Panel, condition: Condition): boolean[] {
  const mask = new Array<boolean>(panel.rowCount);
  for (let i = 0; i < panel.rowCount; i++) {
    mask[i] = holds(condition, (column) => panelColumn(panel, column)[i] ?? null);
  }
  return mask;
}

function baseMask(panel: Panel, name: string): boolean[] {
  return inBase(panel, baseSpec(name).name);
}

/** Rows of `mask` where any of `columns` is empty. */
function emptyCount(panel: Panel, mask: readonly boolean[], columns: readonly string[]): number {
  const data = columns.map((c) => panelColumn(panel, c));
  let count = 0;
  for (let i = 0; i < panel.rowCount; i++) {
    if (mask[i] && data.some((col) => col[i] === null)) count++;
  }
  return count;
}

interface ResolvedBy {
  /** The name given: a variable, or a named grouping (for an ad-hoc grouping: its variable). */
  name: string;
  variable: string;
  label: string;
  /** Group number (code for a plain variable) per row; null where empty. */
  codeOf: (value: number | null) => number | null;
  groups: { code: number; label: string }[];
}

function resolveBy(given: string | ByGrouping, lang: Lang): ResolvedBy {
  const named = typeof given === "string" ? CODE_GROUPINGS.find((g) => g.name === given) : undefined;
  const by = named ? byGroupingOf(named, lang) : given;
  const variable = typeof by === "string" ? by : by.variable;
  const spec = COLUMNS.find((c) => c.name === variable);
  if (!spec || spec.kind === "id") throw unknownBy(variable);
  if (typeof by === "string") {
    const valid = new Set(spec.codes.map((c) => c.code));
    return {
      name: variable,
      variable,
      label: spec.label[lang],
      codeOf: (v) => (v !== null && valid.has(v) ? v : null),
      groups: spec.codes.map((c) => ({ code: c.code, label: c.label[lang] })),
    };
  }
  const groupOf = new Map<number, number>();
  by.groups.forEach((g, index) => {
    for (const code of g.codes) {
      if (!spec.codes.some((c) => c.code === code)) {
        throw new Error(`Grouping of "${variable}": code ${code} (group "${g.label}") is not a code of "${variable}"; expected one of ${spec.codes.map((c) => c.code).join(", ")}`);
      }
      if (groupOf.has(code)) throw new Error(`Grouping of "${variable}": code ${code} is in more than one group; expected each code in at most one group`);
      groupOf.set(code, index + 1);
    }
  });
  return {
    name: named ? named.name : variable,
    variable,
    label: named ? named.label[lang] : spec.label[lang],
    codeOf: (v) => (v === null ? null : groupOf.get(v) ?? null),
    groups: by.groups.map((g, index) => ({ code: index + 1, label: g.label })),
  };
}

/**
 * Weighted shares of a question's options, overall or by a variable, as plain rows (for the CLI,
 * tests and anything that is not a DataFrame).
 *
 * @param source a dataset (`loadDataset()`) or anything with `panel` and `design`
 * @param question a categorical or binary column (`ai_brug`, `pot_salg`, `tilbud_netvaerk`) or a
 *   multi-response group (`tilbud`, `bar_salg`, ...)
 * @throws UnknownNameError for an unknown question, `by` variable or base (message lists valid names);
 *   BaseMismatchError when the base includes respondents who were not asked the question.
 * @example
 * queryRows(ds, "tilbud", { by: "stoerrelse" }).tests[0].p
 */
export function queryRows(source: QuerySource, question: string, options: QueryOptions = {}): QueryResult {
  const { panel, design } = source;
  const lang: Lang = options.lang ?? "da";
  const minN = options.minN ?? 10;
  const minEffectiveN = options.minEffectiveN ?? 5;
  const level = options.level ?? 0.95;
  if (design.n !== panel.rowCount) {
    throw new Error(`${panel.source}: the design has ${design.n} rows but the panel has ${panel.rowCount}; expected the design built from this panel`);
  }

  const q = resolveQuestion(question, lang, options.answerGroups);
  let baseName: string | null;
  let baseLabel: string;
  let domain: boolean[];
  if (options.base !== undefined) {
    if (!BASES.some((b) => b.name === options.base)) throw new UnknownNameError("base", options.base, baseNames());
    baseName = options.base;
    baseLabel = baseSpec(options.base).label[lang];
    domain = baseMask(panel, options.base);
    const notAsked = emptyCount(panel, domain, q.columns);
    if (notAsked > 0) {
      const compatible = BASES.map((b) => b.name).filter((name) => emptyCount(panel, baseMask(panel, name), q.columns) === 0);
      throw new BaseMismatchError(
        `Base "${options.base}" includes ${notAsked} respondent(s) who were not asked "${question}". ` +
          `Valid bases for "${question}": ${compatible.join(", ")}`,
      );
    }
  } else if ("base" in q.asked) {
    baseName = q.asked.base;
    baseLabel = baseSpec(q.asked.base).label[lang];
    domain = baseMask(panel, q.asked.base);
  } else {
    baseName = null;
    baseLabel = lang === "da" ? `De adspurgte til "${question}"` : `Those asked "${question}"`;
    domain = conditionMask(panel, q.asked.condition);
  }
  const emptyInBase = emptyCount(panel, domain, q.columns);
  if (emptyInBase > 0) {
    throw new Error(`${panel.source}: ${emptyInBase} respondent(s) in the base of "${question}" have an empty answer in ${q.columns.join(", ")}; expected an answer from everyone asked`);
  }

  const by = options.by === undefined ? null : resolveBy(options.by, lang);
  const byCodes: (number | null)[] | null = by ? panelColumn(panel, by.variable).map(by.codeOf) : null;
  if (by && byCodes) {
    let missing = 0;
    for (let i = 0; i < panel.rowCount; i++) if (domain[i] && byCodes[i] === null) missing++;
    if (missing > 0) {
      const valid = byVariableNames().filter((name) => emptyCount(panel, domain, [name]) === 0);
      throw new BaseMismatchError(
        `"by" variable "${by.variable}" is empty (not asked${by.name === by.variable && typeof options.by === "string" ? "" : " or outside the grouping"}) for ${missing} respondent(s) in the base. ` +
          `Valid variables for this base: ${valid.join(", ")}`,
      );
    }
  }

  const tests: IndependenceTest[] = [];
  const testOf = new Map<string, IndependenceTest>();
  if (by && byCodes) {
    for (const t of q.tested) {
      const raw = panelColumn(panel, t.column);
      const recode = t.recode;
      const column = recode ? raw.map(recode) : raw;
      const rs = raoScott(design, column, byCodes, domain, { source: panel.source, rowName: t.column, colName: by.variable });
      const test: IndependenceTest = { column: t.column, item: t.item, label: t.label, f: rs.f, df1: rs.df1, df2: rs.df2, p: rs.p };
      tests.push(test);
      testOf.set(t.column, test);
    }
  }

  const groups: { code: number | null; label: string; mask: boolean[] }[] = [{ code: null, label: TOTAL_LABEL[lang], mask: domain }];
  if (by && byCodes) {
    for (const g of by.groups) groups.push({ code: g.code, label: g.label, mask: domain.map((d, i) => d && byCodes[i] === g.code) });
  }

  const rows: QueryRow[] = [];
  for (const g of groups) {
    const cell = cellBase(design.weights, g.mask);
    const suppressed = cell.n < minN || cell.effectiveN < minEffectiveN;
    for (const o of q.options) {
      const test = testOf.get(o.column) ?? null;
      const row: QueryRow = {
        group: g.label,
        option: `${o.code} ${o.label}`,
        estimate: null,
        ci_low: null,
        ci_high: null,
        se: null,
        n: cell.n,
        weighted_base: cell.weightedBase,
        effective_n: cell.effectiveN,
        suppressed,
        test_f: test ? test.f : null,
        test_p: test ? test.p : null,
        group_code: g.code,
        option_code: o.code,
        option_label: o.label,
      };
      if (!suppressed) {
        const values = panelColumn(panel, o.column);
        const y = values.map((v, i) => (g.mask[i] && v !== null ? o.indicator(v) : null));
        const est = proportion(design, y, g.mask, { level, source: panel.source, variable: o.column, ...(options.ci ? { ci: options.ci } : {}) });
        row.estimate = 100 * est.value;
        row.ci_low = 100 * est.ciLow;
        row.ci_high = 100 * est.ciHigh;
        row.se = 100 * est.se;
      }
      rows.push(row);
    }
  }

  return {
    question,
    questionLabel: q.label,
    kind: q.kind,
    base: baseName,
    baseLabel,
    baseN: domain.filter(Boolean).length,
    by: by ? by.name : null,
    byLabel: by ? by.label : null,
    rows,
    tests,
    minN,
    minEffectiveN,
    level,
  };
}

function cellBase(weights: ArrayLike<number>, mask: readonly boolean[]): { n: number; weightedBase: number; effectiveN: number } {
  let n = 0;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    n++;
    sum += weights[i];
    sumSquares += weights[i] * weights[i];
  }
  return { n, weightedBase: sum, effectiveN: sumSquares > 0 ? (sum * sum) / sumSquares : 0 };
}

/** The columns of a query table, in order. */
export const QUERY_COLUMNS: readonly (keyof QueryRow)[] = [
  "group",
  "option",
  "estimate",
  "ci_low",
  "ci_high",
  "se",
  "n",
  "weighted_base",
  "effective_n",
  "suppressed",
  "test_f",
  "test_p",
  "group_code",
  "option_code",
  "option_label",
];

/** danfojs-node, loaded on first use: it takes seconds to load, and the CLI and plain rows do not need it. */
function danfo(): typeof import("danfojs-node") {
  return require("danfojs-node") as typeof import("danfojs-node");
}

/** Query rows as a danfojs DataFrame with the columns of `QUERY_COLUMNS` (suppressed cells hold null). */
export function rowsToDataFrame(rows: readonly QueryRow[]): DataFrame {
  const dfd = danfo();
  return new dfd.DataFrame(
    rows.map((r) => QUERY_COLUMNS.map((c) => r[c])),
    { columns: [...QUERY_COLUMNS] },
  );
}

/**
 * A follow-up question as a tidy danfojs DataFrame: columns group, option, estimate, ci_low,
 * ci_high, se (percent), n, weighted_base, effective_n, suppressed, test_f, test_p (Rao–Scott test
 * of the row's question or item by `by`), group_code, option_code, option_label.
 * Accepts a dataset, or a panel and its design.
 *
 * @example
 * query(ds, "pot_salg", { by: "branche" }).print();
 * query(panel, design, "tilbud", { base: "barrier", lang: "en" });
 */
export function query(source: QuerySource, question: string, options?: QueryOptions): DataFrame;
export function query(panel: Panel, design: DesignWeights, question: string, options?: QueryOptions): DataFrame;
export function query(
  first: QuerySource | Panel,
  second: string | DesignWeights,
  third?: string | QueryOptions,
  fourth?: QueryOptions,
): DataFrame {
  if (typeof second === "string") {
    return rowsToDataFrame(queryRows(first as QuerySource, second, (third as QueryOptions | undefined) ?? {}).rows);
  }
  if (typeof third !== "string") throw new Error("query(panel, design, question, options): question must be a string");
  return rowsToDataFrame(queryRows({ panel: first as Panel, design: second }, third, fourth ?? {}).rows);
}
