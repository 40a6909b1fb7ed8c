/** `svyby` and `svychisq`, as R's: estimates per group of one or more columns, and the Rao–Scott test of two. */

import { column, subset, type SurveyDesign } from "./design";
import { DataError } from "./errors";
import { labelOf, levelsOf } from "./factor";
import { CHISQ_STATISTICS, type ChisqStatistic } from "./chisq-statistics";
import { checkOptions } from "./options";
import { raoScottTest, type RaoScottTest } from "./raoscott";
import { replicateChisq } from "./replicate-estimate";

/** One group of a `svyby` result: its code and label on each `by` column and the estimate on its domain. */
export interface ByGroup<T> {
  key: Readonly<Record<string, number>>;
  labels: Readonly<Record<string, string>>;
  result: T;
}

/** Options of `svyby`: R's `drop.empty.groups` (default true; false: every combination, null where empty). */
export interface ByOptions {
  dropEmptyGroups?: boolean;
}

/**
 * Applies an estimator to each group of `by` columns present in the domain (code order), as `svyby(~x, ~by, design,
 * FUN)`; with `dropEmptyGroups: false`, every combination of the columns' levels, null where empty.
 * @example svyby(relevant, "stoerrelse", (g) => svyciprop(g, "pot_salg", [1, 2]))
 */
export function svyby<T>(
  design: SurveyDesign,
  by: string | readonly string[],
  estimate: (group: SurveyDesign) => T,
  options?: ByOptions & { dropEmptyGroups?: true },
): ByGroup<T>[];
export function svyby<T>(
  design: SurveyDesign,
  by: string | readonly string[],
  estimate: (group: SurveyDesign) => T,
  options: ByOptions,
): ByGroup<T | null>[];
export function svyby<T>(
  design: SurveyDesign,
  by: string | readonly string[],
  estimate: (group: SurveyDesign) => T,
  options: ByOptions = {},
): ByGroup<T | null>[] {
  checkOptions("svyby", options, { dropEmptyGroups: "boolean" }, design.source);
  const names = typeof by === "string" ? [by] : [...by];
  if (names.length === 0)
    throw new DataError({ file: design.source, column: "by", problem: "no by columns", expected: "one or more names" });
  const columns = names.map((n) => column(design, n));
  const keys = new Map<string | number, number[]>();
  for (let i = 0; i < design.n; i++) {
    if (design.domain !== null && design.domain[i] === 0) continue;
    // small whole codes make a number key, anything else a text key
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
  const present = Array.from(keys.values());
  const ordered = (options.dropEmptyGroups === false ? allCombinations(design, names) : present).sort((a, b) => {
    for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return a[j] - b[j];
    return 0;
  });
  const found = new Set(present.map((codes) => codes.join("\u0000")));
  return ordered.map((codes) => {
    const where: Record<string, number[] | string[]> = {};
    names.forEach((n, j) => (where[n] = levelsOf(design, n) ? [labelOf(design, n, codes[j])] : [codes[j]]));
    const key: Record<string, number> = {};
    const labels: Record<string, string> = {};
    names.forEach((n, j) => ((key[n] = codes[j]), (labels[n] = labelOf(design, n, codes[j]))));
    const empty = !found.has(codes.join("\u0000"));
    return { key, labels, result: empty ? null : estimate(subset(design, where)) };
  });
}

/** Every combination of the columns' levels (a factor: codes 1…k; a numeric column: its values). */
function allCombinations(design: SurveyDesign, names: readonly string[]): number[][] {
  let out: number[][] = [[]];
  for (const name of names) {
    const labels = levelsOf(design, name);
    const values = column(design, name);
    const codes =
      labels !== null
        ? labels.map((_, k) => k + 1)
        : Array.from(new Set(Array.from(values).filter((v): v is number => v !== null))).sort((a, b) => a - b);
    out = out.flatMap((prefix) => codes.map((c) => [...prefix, c]));
  }
  return out;
}

/** The Rao–Scott test with the labels of its row and column levels (a factor's labels, else the codes as text). */
export type ChisqTest = RaoScottTest & { rowLabels: string[]; colLabels: string[] };

/** Options of `svychisq`: R's `statistic` (default "F"). */
export interface ChisqOptions {
  statistic?: ChisqStatistic;
}

/**
 * Test of independence of two categorical columns in the domain, as `svychisq(~a + b, design, statistic)`.
 * @example svychisq(des, "ai_brug", "stoerrelse").p; svychisq(dclus1, "sch.wide", "stype", { statistic: "Wald" }).f
 */
export function svychisq(
  design: SurveyDesign,
  rowColumn: string,
  colColumn: string,
  options: ChisqOptions = {},
): ChisqTest {
  checkOptions("svychisq", options, { statistic: CHISQ_STATISTICS }, design.source);
  const statistic = options.statistic ?? "F";
  const [rows, cols] = [column(design, rowColumn), column(design, colColumn)];
  const names = { source: design.source, rowName: rowColumn, colName: colColumn };
  const test = design.replicates
    ? replicateChisq(design, rows, cols, rowColumn, colColumn, statistic)
    : raoScottTest(design, rows, cols, design.domain, names, statistic);
  const labels = (name: string, codes: number[]): string[] => codes.map((c) => labelOf(design, name, c));
  return { ...test, rowLabels: labels(rowColumn, test.rowLevels), colLabels: labels(colColumn, test.colLevels) };
}
