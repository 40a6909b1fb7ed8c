/** A result as text cells (Danish or English numbers) for the terminal, the notebook and the page; no file system. */
import type { Lang } from "../codebook";
import type { AskResult, AskRow, AskTest } from "./result";
import { decimal, grouped } from "../present/format";
import { ANSWER_TEXT } from "../codebook/messages";

/**
 * A number with fixed decimals as the report writes it (format.ts: decimal comma and − in Danish), thousands
 * separated when `thousands`.
 * @example numberText(12345.67, 1, "da", true) // "12.345,7"
 */
export function numberText(x: number, decimals: number, lang: Lang, thousands = false): string {
  return thousands ? grouped(x, decimals, lang) : decimal(x, decimals, lang);
}

/**
 * One cell: estimate and interval, "–" when suppressed, "*" when uncertain, a one-sided interval as a bound.
 * @example cellText(row, "share", "da") // "34,1 (32,3–35,9)"
 */
export function cellText(row: AskRow, stat: string, lang: Lang): string {
  if (row.suppressed || row.estimate === null || row.ci_low === null || row.ci_high === null) return "–";
  const d = stat === "mean" ? 2 : stat === "total" ? 0 : 1;
  const f = (x: number): string => numberText(x, d, lang, stat === "total");
  let ci: string;
  if (row.one_sided && row.ci_low === 0) ci = `${ANSWER_TEXT.below[lang]} ${f(row.ci_high)}`;
  else if (row.one_sided) ci = `${ANSWER_TEXT.above[lang]} ${f(row.ci_low)}`;
  else ci = `${f(row.ci_low)}–${f(row.ci_high)}`;
  return `${f(row.estimate)} (${ci})${row.uncertain ? "*" : ""}`;
}

/** An adjusted share and its interval ("–" without one). @example adjustedText(row, "da") // "36,7 (33,9–39,6)" */
function adjustedText(row: AskRow, lang: Lang): string {
  const [e, low, high] = [row.adjusted_estimate, row.adjusted_ci_low, row.adjusted_ci_high];
  if (e === null || e === undefined || low === null || low === undefined || high === null || high === undefined)
    return "–";
  return `${numberText(e, 1, lang)} (${numberText(low, 1, lang)}–${numberText(high, 1, lang)})${row.uncertain ? "*" : ""}`;
}

/** A p-value as "p < 0,001" or "p = 0,023". @example pText(0.0231, "da") // "p = 0,023" */
export function pText(p: number, lang: Lang): string {
  return p < 0.001 ? `p < ${numberText(0.001, 3, lang)}` : `p = ${numberText(p, 3, lang)}`;
}

/** The cross-table of a result as text cells: first column the answer, then one column per group (with n). */
export interface CrossTable {
  header: string[];
  rows: string[][];
}

/**
 * The result as a cross-table: answers down, groups ("I alt" first) across, a last row of each group's n.
 * @example crossTable(result).header[1] // "I alt"
 */
export function crossTable(result: AskResult): CrossTable {
  const lang = result.meta.spec.lang;
  const groups: { label: string; rows: AskRow[] }[] = [];
  for (const r of result.rows) {
    const last = groups[groups.length - 1];
    if (last && last.label === r.group && last.rows[0].by1_code === r.by1_code && last.rows[0].by2_code === r.by2_code)
      last.rows.push(r);
    else groups.push({ label: r.group, rows: [r] });
  }
  const options = groups[0]?.rows ?? [];
  const header = [ANSWER_TEXT.answer[lang], ...groups.map((g) => g.label)];
  const adjusted = result.meta.adjust === undefined ? null : ANSWER_TEXT.adjusted[lang];
  const body = options.flatMap((o, k) => [
    [o.option, ...groups.map((g) => cellText(g.rows[k], result.meta.statistic.name, lang))],
    ...(adjusted === null
      ? []
      : [
          [
            `${o.option}, ${adjusted}`,
            ...groups.map((g) => (g.rows[0].by1_code === null ? "" : adjustedText(g.rows[k], lang))),
          ],
        ]),
  ]);
  const n = (g: (typeof groups)[number]): string => {
    const count = g.rows[0].n;
    return count === null ? "–" : numberText(count, 0, lang, true);
  };
  body.push(["n", ...groups.map(n)]);
  return { header, rows: body };
}

/**
 * The lines above a table: question, statistic, base (with n), filters, `by`.
 * @example headerLines(result)[0] // "Spørgsmål: Mest relevante tilbud (vælg op til tre) (tilbud)"
 */
export function headerLines(result: AskResult): string[] {
  const m = result.meta;
  const lines = [
    `${ANSWER_TEXT.question[m.spec.lang]}: ${m.question.label} (${m.question.name})`,
    `${ANSWER_TEXT.statistic[m.spec.lang]}: ${m.statistic.label}${m.statistic.unit === "%" ? " (%)" : ""}, ${ANSWER_TEXT.ciInBrackets[m.spec.lang]}`,
    `${ANSWER_TEXT.base[m.spec.lang]}: ${m.base.label}${m.base.name ? ` (${m.base.name})` : ""}; n = ${numberText(m.n, 0, m.spec.lang, true)}, ${ANSWER_TEXT.weighted[m.spec.lang]} ${numberText(m.weighted_base, 0, m.spec.lang, true)}`,
  ];
  if (m.filters.length > 0)
    lines.push(`${ANSWER_TEXT.filter[m.spec.lang]}: ${m.filters.map((f) => f.text).join("; ")}`);
  if (m.by.length > 0) lines.push(`${ANSWER_TEXT.by[m.spec.lang]}: ${m.by.map((b) => b.label).join(" × ")}`);
  if (m.adjust !== undefined)
    lines.push(
      `${ANSWER_TEXT.adjustedFor[m.spec.lang]}: ${m.adjust.variables.map((v) => v.label).join(", ")} ` +
        ANSWER_TEXT.adjustModel[m.spec.lang],
    );
  if (m.variance.name !== "linearised") lines.push(`${ANSWER_TEXT.standardErrors[m.spec.lang]}: ${m.variance.label}`);
  return lines;
}

/**
 * One line per Rao–Scott test.
 * @example testLines(result.meta.tests, "da")[0] // "… × stoerrelse: F = 24,85, df = (1,71; 7077,5), p < 0,001"
 */
export function testLines(tests: readonly AskTest[], lang: Lang): string[] {
  return tests.map((t) => {
    const within = t.within === undefined ? "" : `${ANSWER_TEXT.within[lang]} ${t.within}`;
    const what = `${t.label} × ${t.by}${within}`;
    if (t.f === null || t.p === null || t.ndf === null || t.ddf === null) return `${what}: ${t.problem ?? "–"}`;
    return `${what}: F = ${numberText(t.f, 2, lang)}, df = (${numberText(t.ndf, 2, lang)}; ${numberText(t.ddf, 1, lang)}), ${pText(t.p, lang)}`;
  });
}

/**
 * With `--adjust`: a heading and one line per answer's model, its Wald test of the `by` variable or why there is none.
 * @example modelTestLines(result)[1] // "Stort/meget stort × stoerrelse: F = 11,99, df = (2; 2445), p < 0,001"
 */
export function modelTestLines(result: AskResult): string[] {
  const adjust = result.meta.adjust;
  if (adjust === undefined) return [];
  const lang = result.meta.spec.lang;
  const held = adjust.variables.map((v) => v.name).join(", ");
  const heading = ANSWER_TEXT.waldHeading(held)[lang];
  const lines = adjust.tests.map((t) => {
    const what = `${t.label} × ${t.by}`;
    if (t.f === null || t.p === null || t.df === null || t.ddf === null) return `${what}: ${t.problem ?? "–"}`;
    return `${what}: F = ${numberText(t.f, 2, lang)}, df = (${t.df}; ${t.ddf}), ${pText(t.p, lang)}`;
  });
  return [heading, ...lines];
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

/**
 * The whole result as aligned text for a terminal: header lines, cross-table, tests, notes, notice.
 * @example process.stdout.write(textTable(result))
 */
export function textTable(result: AskResult): string {
  const lang = result.meta.spec.lang;
  const { header, rows } = crossTable(result);
  const widths = header.map((h, c) =>
    Math.max(c === 0 ? h.length : Math.min(h.length, 18), ...rows.map((r) => r[c].length)),
  );
  const wrapped = header.map((h, c) => (c === 0 ? [h] : wrap(h, widths[c])));
  const headerHeight = Math.max(...wrapped.map((w) => w.length));
  const headLines = Array.from({ length: headerHeight }, (_, k) =>
    wrapped.map((w) => w[k - (headerHeight - w.length)] ?? ""),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join("  ")
      .trimEnd();
  const out = [
    ...headerLines(result),
    "",
    ...headLines.map(line),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
  ];
  if (result.meta.tests.length > 0)
    out.push("", ANSWER_TEXT.raoScottTest[lang], ...testLines(result.meta.tests, lang).map((l) => `  ${l}`));
  const models = modelTestLines(result);
  if (models.length > 0) out.push("", models[0], ...models.slice(1).map((l) => `  ${l}`));
  if (result.meta.notes.length > 0) out.push("", ...result.meta.notes);
  if (result.meta.notice) out.push("", result.meta.notice);
  return out.join("\n") + "\n";
}
