/** A result as text cells (Danish or English numbers) for the terminal, the notebook and the page; no file system. */
import type { Lang } from "../codebook";
import type { AskResult, AskRow, AskTest } from "./result";
import { decimal, grouped } from "../present/format";
import { ANSWER_TEXT } from "../codebook/messages";

/** A number as the report writes it (decimal comma and − in Danish): `numberText(12345.67, 1, "da", true)` "12.345,7". */
export function numberText(x: number, decimals: number, lang: Lang, thousands = false): string {
  return thousands ? grouped(x, decimals, lang) : decimal(x, decimals, lang);
}

/** One cell: estimate (interval), "–" hidden, "*" uncertain: `cellText(row, "share", "da")` // "34,1 (32,3–35,9)" */
export function cellText(row: AskRow, stat: string, lang: Lang): string {
  if (row.suppressed || row.estimate === null || row.ci_low === null || row.ci_high === null) return "–";
  const d = stat === "mean" ? 2 : stat === "total" ? 0 : 1;
  const f = (x: number): string => numberText(x, d, lang, stat === "total");
  let ci = `${f(row.ci_low)}–${f(row.ci_high)}`;
  if (row.one_sided && row.ci_low === 0) ci = `${ANSWER_TEXT.below[lang]} ${f(row.ci_high)}`;
  else if (row.one_sided) ci = `${ANSWER_TEXT.above[lang]} ${f(row.ci_low)}`;
  return `${f(row.estimate)} (${ci})${row.uncertain ? "*" : ""}`;
}

/** An adjusted share and its interval ("–" without one). */
function adjustedText(row: AskRow, lang: Lang): string {
  const values = [row.adjusted_estimate, row.adjusted_ci_low, row.adjusted_ci_high];
  if (values.some((x) => x === null || x === undefined)) return "–";
  const [e, low, high] = (values as number[]).map((x) => numberText(x, 1, lang));
  return `${e} (${low}–${high})${row.uncertain ? "*" : ""}`;
}

/** A p-value as "p < 0,001" or "p = 0,023". @example pText(0.0231, "da") // "p = 0,023" */
export function pText(p: number, lang: Lang): string {
  return p < 0.001 ? `p < ${numberText(0.001, 3, lang)}` : `p = ${numberText(p, 3, lang)}`;
}

/** The result as a cross-table: answers down, groups across, a last row of n. @example crossTable(result).header[1] */
export function crossTable(result: AskResult): { header: string[]; rows: string[][] } {
  const lang = result.meta.spec.lang;
  const groups: AskRow[][] = [];
  for (const r of result.rows) {
    const last = groups[groups.length - 1]?.[0];
    const same = last && last.group === r.group && last.by1_code === r.by1_code && last.by2_code === r.by2_code;
    if (same) groups[groups.length - 1].push(r);
    else groups.push([r]);
  }
  const adjusted = result.meta.adjust === undefined ? null : ANSWER_TEXT.adjusted[lang];
  const body = (groups[0] ?? []).flatMap((o, k) => [
    [o.option, ...groups.map((g) => cellText(g[k], result.meta.statistic.name, lang))],
    ...(adjusted === null
      ? []
      : [[`${o.option}, ${adjusted}`, ...groups.map((g) => (g[0].by1_code === null ? "" : adjustedText(g[k], lang)))]]),
  ]);
  body.push(["n", ...groups.map((g) => (g[0].n === null ? "–" : numberText(g[0].n, 0, lang, true)))]);
  return { header: [ANSWER_TEXT.answer[lang], ...groups.map((g) => g[0].group)], rows: body };
}

/** The lines above a table: question, statistic, base and n, filters, `by`, adjustment. @example headerLines(result) */
export function headerLines(result: AskResult): string[] {
  const m = result.meta;
  const [lang, words] = [m.spec.lang, ANSWER_TEXT];
  const count = (x: number) => numberText(x, 0, lang, true);
  const unit = m.statistic.unit === "%" ? " (%)" : "";
  const lines = [
    `${words.question[lang]}: ${m.question.label} (${m.question.name})`,
    `${words.statistic[lang]}: ${m.statistic.label}${unit}, ${words.ciInBrackets[lang]}`,
    `${words.base[lang]}: ${m.base.label}${m.base.name ? ` (${m.base.name})` : ""}; n = ${count(m.n)}, ${words.weighted[lang]} ${count(m.weighted_base)}`,
  ];
  if (m.filters.length > 0) lines.push(`${words.filter[lang]}: ${m.filters.map((f) => f.text).join("; ")}`);
  if (m.by.length > 0) lines.push(`${words.by[lang]}: ${m.by.map((b) => b.label).join(" × ")}`);
  const held = m.adjust?.variables.map((v) => v.label).join(", ");
  if (held !== undefined) lines.push(`${words.adjustedFor[lang]}: ${held} ${words.adjustModel[lang]}`);
  if (m.variance.name !== "linearised") lines.push(`${words.standardErrors[lang]}: ${m.variance.label}`);
  return lines;
}

/** A test's line: `what: F = …, df = (…; …), p …`, or why there is none. */
function fLine(
  what: string,
  lang: Lang,
  t: { f: number | null; p: number | null; problem: string | null },
  df: string[],
) {
  if (t.f === null || t.p === null || df.length < 2) return `${what}: ${t.problem ?? "–"}`;
  return `${what}: F = ${numberText(t.f, 2, lang)}, df = (${df.join("; ")}), ${pText(t.p, lang)}`;
}

/** One line per Rao–Scott test: `testLines(tests, "da")[0]` // "… × stoerrelse: F = 24,85, df = (1,71; 7077,5), p …" */
export function testLines(tests: readonly AskTest[], lang: Lang): string[] {
  return tests.map((t) => {
    const what = `${t.label} × ${t.by}${t.within === undefined ? "" : `${ANSWER_TEXT.within[lang]} ${t.within}`}`;
    const df = t.ndf === null || t.ddf === null ? [] : [numberText(t.ndf, 2, lang), numberText(t.ddf, 1, lang)];
    return fLine(what, lang, t, df);
  });
}

/** With `--adjust`: a heading and one line per answer's model, its Wald test of `by` or why there is none. */
export function modelTestLines(result: AskResult): string[] {
  const adjust = result.meta.adjust;
  if (adjust === undefined) return [];
  const lang = result.meta.spec.lang;
  const lines = adjust.tests.map((t) => {
    return fLine(`${t.label} × ${t.by}`, lang, t, t.df === null || t.ddf === null ? [] : [`${t.df}`, `${t.ddf}`]);
  });
  return [ANSWER_TEXT.waldHeading(adjust.variables.map((v) => v.name).join(", "))[lang], ...lines];
}

/** The tests as sections under a heading each: the Rao–Scott tests (`heading`), then with `--adjust` the models'. */
export function testSections(result: AskResult, heading: string): [string, string[]][] {
  const tests = testLines(result.meta.tests, result.meta.spec.lang);
  const [models, ...modelTests] = modelTestLines(result);
  const sections: [string, string[]][] = tests.length > 0 ? [[heading, tests]] : [];
  return models === undefined ? sections : [...sections, [models, modelTests]];
}

/** Words of `text` in lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The whole result as aligned text for a terminal: header lines, cross-table, tests, notes, notice. */
export function textTable(result: AskResult): string {
  const { header, rows } = crossTable(result);
  const widths = header.map((h, c) =>
    Math.max(c === 0 ? h.length : Math.min(h.length, 18), ...rows.map((r) => r[c].length)),
  );
  const wrapped = header.map((h, c) => (c === 0 ? [h] : wrap(h, widths[c])));
  const height = Math.max(...wrapped.map((w) => w.length));
  const headLines = Array.from({ length: height }, (_, k) => wrapped.map((w) => w[k - (height - w.length)] ?? ""));
  const pad = (cell: string, c: number): string => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]));
  const line = (cells: string[]): string => cells.map(pad).join("  ").trimEnd();
  const out = [...headerLines(result), "", ...headLines.map(line), widths.map((w) => "-".repeat(w)).join("  ")];
  out.push(...rows.map(line));
  for (const [heading, lines] of testSections(result, ANSWER_TEXT.raoScottTest[result.meta.spec.lang]))
    out.push("", heading, ...lines.map((l) => `  ${l}`));
  if (result.meta.notes.length > 0) out.push("", ...result.meta.notes);
  if (result.meta.notice) out.push("", result.meta.notice);
  return out.join("\n") + "\n";
}
