/** The answer to a spec: tidy rows (group × answer) and metadata; what `--format json` prints. */
import type { AskAdjustment } from "./adjust";
import type { AskSpec } from "./spec";

/** One row: one answer (or the mean) within one group. Shares are in percent (0–100). */
export interface AskRow {
  group: string; // The group's label: "I alt" ("Total"), a level of `by`, or two levels joined by " · ".
  /** Code of the first `by` variable's level (a named grouping: its group number); null for the total. */
  by1_code: number | null;
  by2_code: number | null; // Code of the second `by` variable's level; null without a second `by` and for the total.
  /** The answer: its code ("3"), codes of an answer group ("1+2"), item key ("raadgivning_ai") or "mean". */
  option_code: string;
  option: string;
  estimate: number | null; // Share in percent, mean on the scale, or estimated number of firms; null when suppressed.
  ci_low: number | null;
  ci_high: number | null;
  se: number | null; // Standard error in the estimate's unit; null when suppressed.
  /** True when the share is 0 or 100 %: the interval is one-sided (from 0, or up to 100 %) and exact for that. */
  one_sided: boolean;
  /** Unweighted number of respondents in the group; null when suppressed under disclosure control (as the next two). */
  n: number | null;
  weighted_base: number | null; // Sum of the group's weights (the estimated number of firms it represents).
  effective_n: number | null; // Kish effective number of respondents, (Σw)²/Σw².
  suppressed: boolean; // True below the suppression limits: no estimate is shown.
  uncertain: boolean; // True when shown but based on fewer than 30 respondents: read with care.
  /** With `--adjust` only: the group's adjusted share (predictive margin, %) with its interval and SE; null for the total, a suppressed group or no model. */
  adjusted_estimate?: number | null;
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
  /** Codes left out of a mean ("Ved ikke", "Ikke relevant") and how many respondents gave them; null otherwise. */
  excluded: { codes: number[]; labels: string[]; n: number } | null;
  /** How the standard errors were computed: `linearised`, `jk1` or `bootstrap`, and in words. */
  variance: { name: AskSpec["variance"]; label: string };
  n: number; // Respondents counted (after base, filters and exclusions) and the sum of their weights.
  weighted_base: number;
  level: number;
  min_n: number;
  min_effective_n: number;
  uncertain_n: number; // Below this many respondents a shown estimate is flagged `uncertain`.
  tests: AskTest[];
  /** With `--adjust` only: the variables held fixed and each answer's Wald test of the `by` variable in its model. */
  adjust?: AskAdjustment;
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

/** The row columns, in order (CSV and xlsx headers). */
export const ROW_COLUMNS: readonly (keyof AskRow)[] = [
  "group",
  "by1_code",
  "by2_code",
  "option_code",
  "option",
  "estimate",
  "ci_low",
  "ci_high",
  "se",
  "one_sided",
  "n",
  "weighted_base",
  "effective_n",
  "suppressed",
  "uncertain",
];

/** The adjusted columns, after `ROW_COLUMNS` when the result has them (`--adjust`). */
export const ADJUSTED_COLUMNS: readonly (keyof AskRow)[] = [
  "adjusted_estimate",
  "adjusted_ci_low",
  "adjusted_ci_high",
  "adjusted_se",
];

/** The columns of a result's rows. @example rowColumns(result).length // 15, or 19 with --adjust */
export function rowColumns(result: AskResult): readonly (keyof AskRow)[] {
  return result.meta.adjust === undefined ? ROW_COLUMNS : [...ROW_COLUMNS, ...ADJUSTED_COLUMNS];
}
