/** The panel and margins for the "Spørg data" page: a script setting `window.ASK_DATA`, a character per answer. */
import { COLUMNS, label, type Lang } from "../codebook";
import { DataError, rake, svydesign, type Margins } from "../survey";
import type { AskSource } from "./compute";

/** What the page needs: the contract's answer columns, the margins, the notice. */
export interface AskPageData {
  source: string;
  rows: number;
  synthetic: boolean;
  notice: Record<Lang, string>;
  /** Per column, one character per row: "0"–"9", "a"–"z" for codes 10–35, "." for empty. */
  columns: Record<string, string>;
  margins: Margins;
}

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

/** The page data: every coded contract column (not id or numeric), packed. @example pageData(loadDataset()).rows */
export function pageData(dataset: AskSource & { margins: Margins }): AskPageData {
  const design = dataset.design;
  const columns: Record<string, string> = {};
  for (const spec of COLUMNS) {
    if (spec.kind === "id" || spec.kind === "numeric") continue; // the page asks coded questions only
    const values = design.data[spec.name];
    const at = { file: design.source, column: spec.name };
    if (values === undefined) {
      const problem = label("kolonnen mangler", "column is missing");
      throw new DataError({ ...at, problem, expected: label("hver kontraktkolonne", "every contract column") });
    }
    const expected = label("en svarkode 0–35", "an answer code 0–35");
    const digit = (v: number | null, i: number): string => {
      if (v === null) return ".";
      if (!Number.isInteger(v) || v < 0 || v >= DIGITS.length)
        throw new DataError({ ...at, row: i + 1, value: String(v), expected });
      return DIGITS[v];
    };
    columns[spec.name] = Array.from(values, digit).join("");
  }
  return {
    source: design.source,
    rows: design.n,
    synthetic: dataset.isSynthetic,
    notice: { da: dataset.notice("da"), en: dataset.notice("en") },
    columns,
    margins: dataset.margins,
  };
}

/** The data as a script setting `window.ASK_DATA` (safe in a `<script>`). @example pageDataScript(pageData(ds)) */
export function pageDataScript(data: AskPageData): string {
  return `window.ASK_DATA = ${JSON.stringify(data).replace(/</g, "\\u003c")};\n`;
}

/** A packed column's codes ("." empty), by index: `Array.from` over the string took twice as long. */
function unpackColumn(packed: string): (number | null)[] {
  const values = new Array<number | null>(packed.length);
  for (let i = 0; i < packed.length; i++) {
    const ch = packed[i];
    values[i] = ch === "." ? null : DIGITS.indexOf(ch);
  }
  return values;
}

/** The raked design and notice from page data, as `loadDataset()` makes them: `sourceFromPageData(ASK_DATA)`. */
export function sourceFromPageData(data: AskPageData): AskSource {
  const columns: Record<string, (number | null)[]> = {};
  for (const [name, packed] of Object.entries(data.columns)) {
    const value = String(packed.length);
    const expected = label(`${data.rows} værdier`, `${data.rows} values`);
    if (packed.length !== data.rows) throw new DataError({ file: data.source, column: name, value, expected });
    columns[name] = unpackColumn(packed);
  }
  const design = rake(svydesign({ data: columns, source: data.source }), data.margins);
  return { design, isSynthetic: data.synthetic, notice: (lang: Lang = "da") => data.notice[lang] };
}
