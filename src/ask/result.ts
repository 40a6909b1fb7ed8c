/** The answer to a spec: tidy rows (group × answer) and metadata, what `--format json` prints, and its words. */
import { COLUMNS, type Lang } from "../codebook";
import { ANSWER_NOTES, STATISTIC_TEXT } from "../codebook/messages";
import { MIN_EVENTS_PER_PARAMETER, type AskAdjustment } from "./adjust";
import type { AnswerItem } from "./names";
import type { AskSpec } from "./spec";

/** One row: one answer (or the mean) within one group. Shares are in percent (0–100). */
export interface AskRow {
  group: string; // The group's label: "I alt" ("Total"), a level of `by`, or two levels joined by " · ".
  by1_code: number | null; // The first `by` variable's code (a grouping: its group number); null for the total.
  by2_code: number | null; // The second `by` variable's code; null without a second `by` and for the total.
  option_code: string; // The answer: its code ("3"), an answer group's codes ("1+2"), an item key or "mean".
  option: string;
  estimate: number | null; // Share in percent, mean on the scale, or estimated number of firms; null when suppressed.
  ci_low: number | null;
  ci_high: number | null;
  se: number | null; // Standard error in the estimate's unit; null when suppressed.
  one_sided: boolean; // A share of 0 or 100 %: the interval is one-sided and exact.
  n: number | null; // Respondents in the group; null when suppressed under disclosure control (as the next two).
  weighted_base: number | null; // Sum of the group's weights (the estimated number of firms it represents).
  effective_n: number | null; // Kish effective number of respondents, (Σw)²/Σw².
  suppressed: boolean; // True below the suppression limits: no estimate is shown.
  uncertain: boolean; // True when shown but based on fewer than 30 respondents: read with care.
  adjusted_estimate?: number | null; // `--adjust`: the adjusted share (%), interval and SE; null for the total.
  adjusted_ci_low?: number | null;
  adjusted_ci_high?: number | null;
  adjusted_se?: number | null;
}

/** A Rao–Scott test of independence of the question (or one item) and one `by` variable. */
export interface AskTest {
  by: string;
  within?: string; // With two by-variables: the first's group the test is restricted to ("stoerrelse = Under 10 årsværk").
  item: string | null; // Item key of a multi-response item; null for the whole question.
  label: string;
  f: number | null; // F, its degrees of freedom and p; null when the test cannot be computed.
  ndf: number | null;
  ddf: number | null;
  p: number | null;
  problem: string | null; // Why there is no test (e.g. a single level in the base); null when there is one.
}

/** The metadata of a result: what was asked, of whom, and how to read it. */
export interface AskMeta {
  spec: AskSpec; // The canonical spec; `specToQuery(meta.spec)` reproduces the result.
  command: string; // The same question on the command line and as a URL query string.
  query: string;
  question: { name: string; label: string; kind: "categorical" | "binary" | "multi" | "numeric" };
  statistic: { name: AskSpec["stat"]; label: string; unit: string };
  base: { name: string | null; label: string };
  filters: { variable: string; label: string; codes: number[]; text: string }[];
  by: { name: string; label: string }[];
  excluded: { codes: number[]; labels: string[]; n: number } | null; // Codes left out of a mean and their count.
  variance: { name: AskSpec["variance"]; label: string };
  n: number; // Respondents counted (after base, filters and exclusions) and the sum of their weights.
  weighted_base: number;
  level: number;
  min_n: number;
  min_effective_n: number;
  uncertain_n: number; // Below this many respondents a shown estimate is flagged `uncertain`.
  tests: AskTest[];
  adjust?: AskAdjustment; // With `--adjust`: the variables held fixed and each answer's Wald test of `by`.
  notes: string[]; // How to read the table, in words.
  notice: string; // The dataset notice (synthetic data); empty for a real panel.
  synthetic: boolean;
  source: string;
}

/** A result: `{ meta, rows }`. */
export interface AskResult {
  meta: AskMeta;
  rows: AskRow[];
}

const GROUP_COLUMNS = ["group", "by1_code", "by2_code", "option_code", "option"] as const;
const ESTIMATE_COLUMNS = ["estimate", "ci_low", "ci_high", "se", "one_sided"] as const;
const COUNT_COLUMNS = ["n", "weighted_base", "effective_n", "suppressed", "uncertain"] as const;
/** The row columns, in order (CSV and xlsx headers). @example ROW_COLUMNS[0] // "group" */
export const ROW_COLUMNS: readonly (keyof AskRow)[] = [...GROUP_COLUMNS, ...ESTIMATE_COLUMNS, ...COUNT_COLUMNS];
const ADJUSTED_COLUMNS = ["adjusted_estimate", "adjusted_ci_low", "adjusted_ci_high", "adjusted_se"] as const;

/** The columns of a result's rows. @example rowColumns(result).length // 15, or 19 with --adjust */
export function rowColumns(result: AskResult): readonly (keyof AskRow)[] {
  return result.meta.adjust === undefined ? ROW_COLUMNS : [...ROW_COLUMNS, ...ADJUSTED_COLUMNS];
}

/** A filter in words. @example filterText("stoerrelse", [1], "en").text // "Full-time equivalents: Under 10 FTE" */
export function filterText(variable: string, codes: number[], lang: Lang): AskMeta["filters"][number] {
  const spec = COLUMNS.find((c) => c.name === variable);
  const labels = codes.map((code) => spec?.codes.find((c) => c.code === code)?.label[lang] ?? String(code));
  const label = spec?.label[lang] ?? variable;
  return { variable, label, codes, text: `${label}: ${labels.join(", ")}` };
}

/** The statistic of a spec in words, with its unit. @example statisticText(spec, item).unit // "%" */
export function statisticText(spec: AskSpec, item: AnswerItem): AskMeta["statistic"] {
  const lang = spec.lang;
  // A numeric question: the mean or sum of its values, in the question's own unit.
  if (item.codes.length === 0 && spec.stat === "total")
    return { name: "total", label: STATISTIC_TEXT.numericTotal[lang], unit: "" };
  if (item.codes.length === 0) return { name: spec.stat, label: item.label, unit: "" };
  if (spec.stat === "mean") return { name: "mean", label: item.label, unit: STATISTIC_TEXT.scalePoints[lang] };
  if (spec.stat === "total")
    return { name: "total", label: STATISTIC_TEXT.firms[lang], unit: STATISTIC_TEXT.firmsUnit[lang] };
  return { name: "share", label: STATISTIC_TEXT.share[lang], unit: "%" };
}

/** The notes under an answer's table (`empty`: groups left out for having no respondents): `notes(meta, rows)`. */
export function notes(meta: AskMeta, rows: AskRow[], empty: readonly string[] = []): string[] {
  const lang = meta.spec.lang;
  const out: string[] = [];
  if (empty.length > 0) out.push(ANSWER_NOTES.emptyGroups(empty.join("; "))[lang]);
  if (meta.excluded !== null && meta.excluded.codes.length > 0) {
    const labels = meta.excluded.labels.map((l) => `"${l}"`).join(ANSWER_NOTES.and[lang]);
    out.push(ANSWER_NOTES.meanExcludes(labels, meta.excluded.n)[lang]);
  }
  if (meta.statistic.name === "total" && meta.question.kind === "numeric") out.push(ANSWER_NOTES.numericTotal[lang]);
  else if (meta.statistic.name === "total") out.push(ANSWER_NOTES.firmsTotal[lang]);
  if (rows.some((r) => r.suppressed)) out.push(ANSWER_NOTES.suppressed(meta.min_n, meta.min_effective_n)[lang]);
  if (rows.some((r) => r.uncertain)) out.push(ANSWER_NOTES.uncertain(meta.uncertain_n)[lang]);
  if (meta.adjust !== undefined) out.push(ANSWER_NOTES.adjusted(meta.adjust.interval, MIN_EVENTS_PER_PARAMETER)[lang]);
  if (rows.some((r) => r.one_sided)) out.push(ANSWER_NOTES.oneSided[lang]);
  return out;
}
