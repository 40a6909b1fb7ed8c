/** A result as files: CSV, Danish CSV, JSON and xlsx (with an ExcelJS module passed in: Node and browser share it). */
import { rowColumns, type AskResult, type AskRow } from "./result";
import { headerLines, modelTestLines, testLines, textTable } from "./text";
import type { Lang } from "../codebook";
import { ANSWER_TEXT, ROW_HEADINGS } from "../codebook/messages";

/** The columns of an estimate, its interval and SE, adjusted or not. */
const isEstimate = (k: keyof AskRow): boolean => /^(adjusted_)?(estimate|ci_low|ci_high|se)$/.test(k);

/** A row's value for a file: null when empty, numbers rounded (4 decimals for estimates, 1 for bases), flags in words. */
function fileValue(row: AskRow, k: keyof AskRow, lang?: Lang): string | number | null {
  const v = row[k] ?? null;
  if (typeof v === "boolean") return lang ? (v ? ANSWER_TEXT.yes : ANSWER_TEXT.no)[lang] : String(v);
  if (typeof v !== "number") return v;
  if (isEstimate(k)) return Number(v.toFixed(4));
  return k === "weighted_base" || k === "effective_n" ? Number(v.toFixed(1)) : v;
}

/** Text a spreadsheet shows, never runs: a leading apostrophe before =, +, −, @, tab or CR (OWASP, CSV injection). */
function spreadsheetText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(text: string, separator: string): string {
  const safe = spreadsheetText(text);
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as delimited text under `headings`: CRLF, quoted where needed, numbers by `number`, flags in `lang`'s words. */
function delimited(
  result: AskResult,
  separator: string,
  headings: readonly string[],
  number: (x: number) => string = String,
  lang?: Lang,
) {
  const cell = (v: string | number | null) =>
    v === null ? "" : typeof v === "number" ? number(v) : quote(v, separator);
  const lines = result.rows.map((row) => rowColumns(result).map((k) => cell(fileValue(row, k, lang))));
  return [headings.map((h) => quote(h, separator)), ...lines].map((l) => l.join(separator)).join("\r\n") + "\r\n";
}

/** RFC 4180 CSV of the rows (`,`, decimal point, CRLF), empty where suppressed. @example csvText(result) */
export function csvText(result: AskResult): string {
  return delimited(result, ",", rowColumns(result));
}

/** Danish and English headings of the row columns (Danish CSV, xlsx). */
function columnHeadings(result: AskResult): string[] {
  const lang = result.meta.spec.lang;
  const h = ROW_HEADINGS;
  const by = [0, 1].map((i) => h.byCode(result.meta.by[i]?.label ?? h.byNumber(i + 1)[lang]));
  const estimates = [h.unit[result.meta.statistic.name], h.ciLow, h.ciHigh, h.se, h.oneSided];
  const counts = [h.n, h.weightedBase, h.effectiveN, h.suppressed, h.uncertain];
  const adjusted = result.meta.adjust
    ? [h.adjustedShare(h.unit.share), h.adjustedCiLow, h.adjustedCiHigh, h.adjustedSe]
    : [];
  return [h.group, ...by, h.answerCode, h.answer, ...estimates, ...counts, ...adjusted].map((heading) => heading[lang]);
}

/** CSV for Danish Excel: BOM, `;`, decimal comma, CRLF, Danish headings, "ja"/"nej". @example csvDanishText(result) */
export function csvDanishText(result: AskResult): string {
  const decimalComma = (x: number) => String(x).replace(".", ",");
  return "\uFEFF" + delimited(result, ";", columnHeadings(result), decimalComma, result.meta.spec.lang);
}

/** The result as JSON text: exactly `{ "meta": …, "rows": […] }`. @example JSON.parse(jsonText(result)).rows */
export function jsonText(result: AskResult): string {
  return JSON.stringify({ meta: result.meta, rows: result.rows }, null, 2) + "\n";
}

type Row = { font: object; getCell(i: number): { numFmt: string } };
/** The parts of ExcelJS the sheet needs (Node's `require("exceljs")` or the browser's `window.ExcelJS`). */
export interface ExcelModule {
  Workbook: new () => {
    addWorksheet(name: string): { addRow(values: (string | number | null)[]): Row; columns: { width?: number }[] };
    xlsx: { writeBuffer(): Promise<ArrayBuffer | Uint8Array> };
  };
}

/** The result as one xlsx sheet, header lines, notes and tests above the table: `xlsxBuffer(require("exceljs"), r)`. */
export async function xlsxBuffer(excel: ExcelModule, result: AskResult): Promise<Uint8Array> {
  const lang = result.meta.spec.lang;
  const book = Object.assign(new excel.Workbook(), {
    creator: "ai-smv-2025 ask",
    created: new Date(0),
    modified: new Date(0),
  });
  const sheet = book.addWorksheet(ANSWER_TEXT.sheet[lang]);
  const top = [
    ...headerLines(result),
    ...result.meta.notes,
    ...testLines(result.meta.tests, lang),
    ...modelTestLines(result),
    result.meta.notice,
    `${ANSWER_TEXT.command[lang]}: ${result.meta.command}`,
  ];
  for (const line of top.filter((l) => l !== "")) sheet.addRow([spreadsheetText(line)]);
  sheet.addRow([]);
  sheet.addRow(columnHeadings(result).map(spreadsheetText)).font = { bold: true };
  const numFmt = { total: "#,##0", mean: "0.00", share: "0.0" }[result.meta.statistic.name];
  const columns = rowColumns(result);
  for (const row of result.rows) {
    const values = columns.map((k) => fileValue(row, k, lang));
    const added = sheet.addRow(values.map((v) => (typeof v === "string" ? spreadsheetText(v) : v)));
    for (const [c, k] of columns.entries()) if (isEstimate(k)) added.getCell(c + 1).numFmt = numFmt;
  }
  sheet.columns = columns.map((k) => ({ width: k === "option" || k === "group" ? 36 : 12 }));
  const buffer = await book.xlsx.writeBuffer();
  return buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
}

/** The text formats by name, as `--format` and `/api/svar/<format>` take them: `TEXT_FORMATS["csv-da"](result)`. */
export const TEXT_FORMATS = { table: textTable, csv: csvText, "csv-da": csvDanishText, json: jsonText } as const;
