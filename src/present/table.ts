/** Tables for tslab/Jupyter and the site: HTML with an aligned text/plain fallback. */
import type { Lang } from "../codebook";
import { grouped, integer } from "./format";
import { escapeHtml } from "./chart-text";
import { displayBundle } from "./plotly";

/** A table cell value. */
export type TableValue = string | number | boolean | null;
type Rows = Record<string, TableValue>[];
type Columns = (string | TableColumn)[];

/** A table column: the row key, its header and an optional formatter (which alone decides its cells' text). */
export interface TableColumn {
  key: string;
  label?: string;
  format?: (value: TableValue) => string;
}

/** `lang` of numbers without a column `format`: "da" (default) "4.128", "12.345,6"; "en" "4128", "44.0". */
export type TableOptions = { lang?: Lang };

/** The text of a number cell without a column format. @example tableNumber(44.03) // "44,0" */
export function tableNumber(value: number, lang: Lang = "da"): string {
  if (!Number.isFinite(value)) return String(value);
  if (lang === "en") return Number.isInteger(value) ? String(value) : value.toFixed(1);
  return Number.isInteger(value) ? integer(value, lang) : grouped(value, 1, lang);
}

function formatCell(value: TableValue, column: TableColumn, lang: Lang): string {
  if (column.format) return column.format(value);
  if (value === null) return "";
  if (typeof value === "number") return tableNumber(value, lang);
  return String(value);
}

function normaliseColumns(rows: Rows, columns?: Columns): TableColumn[] {
  const given = columns ?? (rows.length > 0 ? Object.keys(rows[0]) : []);
  return given.map((c) => (typeof c === "string" ? { key: c } : c));
}

/** Whether a cell's text is a formatted number ("42,1–45,9"). @example isNumberText("Alle SMV'er") // false */
export function isNumberText(text: string): boolean {
  const number = String.raw`[-−+]?\d[\d.,]*(e-?\d+)?`;
  const range = String.raw`${number}(\s?%)?((–| til )${number})?`;
  return new RegExp(String.raw`^([<>≈]\s)?${range}(\s\((±\d+|${range})\))?$`).test(text.trim());
}

/**
 * An HTML table of rows, numbers and formatted-number text right-aligned.
 * @example tableHtml([{ area: "Salg", pct: 38.2 }], ["area", "pct"]) // … <td style="text-align:right">38,2</td> …
 */
export function tableHtml(rows: Rows, columns?: Columns, options: TableOptions = {}): string {
  const lang = options.lang ?? "da";
  const cols = normaliseColumns(rows, columns);
  const head = cols.map((c) => `<th>${escapeHtml(c.label ?? c.key)}</th>`).join("");
  const body = rows
    .map((row) => {
      const cells = cols.map((c) => {
        const value = row[c.key] ?? null;
        const text = formatCell(value, c, lang); // a formatted number is also kept on one line
        const align =
          typeof value === "number"
            ? ' style="text-align:right"'
            : isNumberText(text)
              ? ' style="text-align:right;white-space:nowrap"'
              : "";
        return `<td${align}>${escapeHtml(text)}</td>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("");
  return `<table class="data-table"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The table as aligned plain text. @example tableText([{ a: "x", b: 1234.5 }]) // "a  b\nx  1.234,5" */
export function tableText(rows: Rows, columns?: Columns, options: TableOptions = {}): string {
  const lang = options.lang ?? "da";
  const cols = normaliseColumns(rows, columns);
  const grid = [
    cols.map((c) => c.label ?? c.key),
    ...rows.map((row) => cols.map((c) => formatCell(row[c.key] ?? null, c, lang))),
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
