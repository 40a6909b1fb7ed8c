/** Tables for tslab/Jupyter and the site: HTML with an aligned text/plain fallback. */
import type { Lang } from "../codebook";
import { escapeHtml } from "./chart-text";
import { grouped, integer } from "./format";
import { displayBundle } from "./plotly";

/** A table cell value. */
export type TableValue = string | number | boolean | null;
type Rows = Record<string, TableValue>[];
type Columns = (string | TableColumn)[];
/** `lang` of numbers without a column `format`: "da" (default) "4.128", "12.345,6"; "en" "4128", "44.0". */
type TableOptions = { lang?: Lang };

/** A table column: the row key, its header and an optional formatter (which alone decides its cells' text). */
export interface TableColumn {
  key: string;
  label?: string;
  format?: (value: TableValue) => string;
}

/** The text of a number cell without a column format. @example tableNumber(44.03) // "44,0" */
export function tableNumber(value: number, lang: Lang = "da"): string {
  if (!Number.isFinite(value)) return String(value);
  if (lang === "en") return Number.isInteger(value) ? String(value) : value.toFixed(1);
  return Number.isInteger(value) ? integer(value, lang) : grouped(value, 1, lang);
}

/** The columns of a table, as given or from the first row's keys. */
const columnsOf = (rows: Rows, columns?: Columns): TableColumn[] =>
  (columns ?? (rows.length > 0 ? Object.keys(rows[0]) : [])).map((c) => (typeof c === "string" ? { key: c } : c));

function cellText(value: TableValue, column: TableColumn, lang: Lang): string {
  if (column.format) return column.format(value);
  if (value === null) return "";
  return typeof value === "number" ? tableNumber(value, lang) : String(value);
}

/** Whether a cell's text is a formatted number ("42,1–45,9"). @example isNumberText("Alle SMV'er") // false */
export function isNumberText(text: string): boolean {
  const number = String.raw`[-−+]?\d[\d.,]*(e-?\d+)?`;
  const range = String.raw`${number}(\s?%)?((–| til )${number})?`;
  return new RegExp(String.raw`^([<>≈]\s)?${range}(\s\((±\d+|${range})\))?$`).test(text.trim());
}

/**
 * An HTML table of rows, numbers and formatted-number text right-aligned (the latter kept on one line).
 * @example tableHtml([{ area: "Salg", pct: 38.2 }], ["area", "pct"]) // … <td style="text-align:right">38,2</td> …
 */
export function tableHtml(rows: Rows, columns?: Columns, { lang = "da" }: TableOptions = {}): string {
  const cols = columnsOf(rows, columns);
  const head = cols.map((c) => `<th>${escapeHtml(c.label ?? c.key)}</th>`).join("");
  const cell = (value: TableValue, column: TableColumn): string => {
    const text = cellText(value, column, lang);
    if (typeof value === "number") return `<td style="text-align:right">${escapeHtml(text)}</td>`;
    const style = isNumberText(text) ? ' style="text-align:right;white-space:nowrap"' : "";
    return `<td${style}>${escapeHtml(text)}</td>`;
  };
  const body = rows.map((row) => `<tr>${cols.map((c) => cell(row[c.key] ?? null, c)).join("")}</tr>`).join("");
  return `<table class="data-table"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The table as aligned plain text. @example tableText([{ a: "x", b: 1234.5 }]) // "a  b\nx  1.234,5" */
export function tableText(rows: Rows, columns?: Columns, { lang = "da" }: TableOptions = {}): string {
  const cols = columnsOf(rows, columns);
  const grid = [
    cols.map((c) => c.label ?? c.key),
    ...rows.map((row) => cols.map((c) => cellText(row[c.key] ?? null, c, lang))),
  ];
  const widths = cols.map((_, j) => Math.max(...grid.map((line) => line[j].length)));
  return grid
    .map((line) =>
      line
        .map((cell, j) => cell.padEnd(widths[j]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** Displays rows as a table in the notebook. @example showTable([{ area: "Sales", pct: 38.2 }]); */
export function showTable(rows: Rows, columns?: Columns, options: TableOptions = {}): void {
  displayBundle({ "text/html": tableHtml(rows, columns, options), "text/plain": tableText(rows, columns, options) });
}
