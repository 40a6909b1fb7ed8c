/** A result as files: CSV, Danish CSV, JSON and xlsx (with an ExcelJS module passed in: Node and browser share it). */
import { rowColumns, type AskResult, type AskRow } from "./result";
import { headerLines, modelTestLines, testLines, textTable } from "./text";
import type { Lang } from "../codebook";
import { ANSWER_TEXT, ROW_HEADINGS } from "../codebook/messages";

/** Rounding of the numbers in CSV and xlsx (JSON keeps every digit). */
const DECIMALS: Partial<Record<keyof AskRow, number>> = {
  estimate: 4,
  ci_low: 4,
  ci_high: 4,
  se: 4,
  adjusted_estimate: 4,
  adjusted_ci_low: 4,
  adjusted_ci_high: 4,
  adjusted_se: 4,
  weighted_base: 1,
  effective_n: 1,
};

function rounded(key: keyof AskRow, value: number): number {
  const d = DECIMALS[key];
  return d === undefined ? value : Number(value.toFixed(d));
}

/** A flag in words: "ja"/"nej" or "yes"/"no". */
function yesNo(v: boolean, lang: Lang): string {
  return (v ? ANSWER_TEXT.yes : ANSWER_TEXT.no)[lang];
}

/**
 * Text a spreadsheet shows as text, never runs: a cell starting with =, +, −, @, tab or carriage return gets a
 * leading apostrophe (OWASP's advice against CSV injection).
 * @example spreadsheetText('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 */
export function spreadsheetText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(text: string, separator: string): string {
  const safe = spreadsheetText(text);
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * RFC 4180 CSV of the rows (`,`, decimal point, CRLF), empty where suppressed.
 * @example csvText(result).split("\r\n")[0] // "group,by1_code,by2_code,option_code,option,estimate,..."
 */
export function csvText(result: AskResult): string {
  const columns = rowColumns(result);
  const lines = [columns.join(",")];
  for (const row of result.rows) {
    const cell = (k: keyof AskRow): string => {
      const v = row[k] ?? null;
      return v === null ? "" : typeof v === "number" ? String(rounded(k, v)) : quote(String(v), ",");
    };
    lines.push(columns.map(cell).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

/** Danish and English headings of the row columns (Danish CSV, xlsx). @example columnHeadings(result)[0] // "Gruppe" */
export function columnHeadings(result: AskResult): string[] {
  const lang = result.meta.spec.lang;
  const h = ROW_HEADINGS;
  const by = [0, 1].map((i) => result.meta.by[i]?.label ?? h.byNumber(i + 1)[lang]);
  const heads = [
    h.group,
    ...by.map((b) => h.byCode(b)),
    h.answerCode,
    h.answer,
    h.unit[result.meta.statistic.name],
    h.ciLow,
    h.ciHigh,
    h.se,
    h.oneSided,
    h.n,
    h.weightedBase,
    h.effectiveN,
    h.suppressed,
    h.uncertain,
  ];
  const adjusted = [h.adjustedShare(h.unit.share), h.adjustedCiLow, h.adjustedCiHigh, h.adjustedSe];
  return [...heads, ...(result.meta.adjust === undefined ? [] : adjusted)].map((heading) => heading[lang]);
}

/**
 * CSV for Danish Excel: byte-order mark, `;`, decimal comma, CRLF, Danish headings, "ja"/"nej" for the flags.
 * @example csvDanishText(result).startsWith("\uFEFFGruppe;") // true
 */
export function csvDanishText(result: AskResult): string {
  const lines = [
    columnHeadings(result)
      .map((h) => quote(h, ";"))
      .join(";"),
  ];
  for (const row of result.rows) {
    const cell = (k: keyof AskRow): string => {
      const v = row[k] ?? null;
      if (v === null) return "";
      if (typeof v === "boolean") return yesNo(v, result.meta.spec.lang);
      return typeof v === "number" ? String(rounded(k, v)).replace(".", ",") : quote(v, ";");
    };
    lines.push(rowColumns(result).map(cell).join(";"));
  }
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

/**
 * The result as JSON text: exactly `{ "meta": …, "rows": […] }`, estimates in percent in `estimate`.
 * @example JSON.parse(jsonText(result)).rows.length
 */
export function jsonText(result: AskResult): string {
  return JSON.stringify({ meta: result.meta, rows: result.rows }, null, 2) + "\n";
}

/** The parts of ExcelJS the sheet needs (Node's `require("exceljs")` or the browser's `window.ExcelJS`). */
export interface ExcelModule {
  Workbook: new () => ExcelWorkbook;
}
/** An ExcelJS workbook, as far as used here. */
export interface ExcelWorkbook {
  creator: string;
  created: Date;
  modified: Date;
  addWorksheet(name: string): ExcelSheet;
  xlsx: { writeBuffer(): Promise<ArrayBuffer | Uint8Array> };
}
/** An ExcelJS worksheet, as far as used here. */
export interface ExcelSheet {
  addRow(values: (string | number | null)[]): { font: object; getCell(i: number): { numFmt: string } };
  columns: { width?: number }[];
}

/**
 * The result as one xlsx sheet: header lines, notes, tests and notice above the table (numbers as numbers).
 * @example fs.writeFileSync("svar.xlsx", Buffer.from(await xlsxBuffer(require("exceljs"), result)))
 */
export async function xlsxBuffer(excel: ExcelModule, result: AskResult): Promise<Uint8Array> {
  const book = new excel.Workbook();
  book.creator = "ai-smv-2025 ask";
  book.created = new Date(0);
  book.modified = new Date(0);
  const sheet = book.addWorksheet(ANSWER_TEXT.sheet[result.meta.spec.lang]);
  const top = [
    ...headerLines(result),
    ...result.meta.notes,
    ...testLines(result.meta.tests, result.meta.spec.lang),
    ...modelTestLines(result),
    result.meta.notice,
    `${ANSWER_TEXT.command[result.meta.spec.lang]}: ${result.meta.command}`,
  ];
  for (const line of top.filter((l) => l !== "")) sheet.addRow([spreadsheetText(line)]);
  sheet.addRow([]);
  const head = sheet.addRow(columnHeadings(result).map(spreadsheetText));
  head.font = { bold: true };
  const numFmt = { total: "#,##0", mean: "0.00", share: "0.0" }[result.meta.statistic.name];
  const columns = rowColumns(result);
  for (const row of result.rows) {
    const cell = (k: keyof AskRow): string | number | null => {
      const v = row[k] ?? null;
      if (v === null) return null;
      if (typeof v === "boolean") return yesNo(v, result.meta.spec.lang);
      return typeof v === "number" ? rounded(k, v) : spreadsheetText(v);
    };
    const added = sheet.addRow(columns.map(cell));
    for (const k of columns)
      if (k === "estimate" || k === "ci_low" || k === "ci_high" || k === "se" || k.startsWith("adjusted_"))
        added.getCell(columns.indexOf(k) + 1).numFmt = numFmt;
  }
  sheet.columns = columns.map((k) => ({ width: k === "option" || k === "group" ? 36 : 12 }));
  const buffer = await book.xlsx.writeBuffer();
  return buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
}

/**
 * The text formats by name, as `--format` and the server's `/api/svar/<format>` take them (xlsx is `xlsxBuffer`).
 * @example TEXT_FORMATS["csv-da"](result).startsWith("\uFEFF") // true
 */
export const TEXT_FORMATS = { table: textTable, csv: csvText, "csv-da": csvDanishText, json: jsonText } as const;
