/**
 * The validated panel in compact form — one byte per answer, ids as text — and its view as the
 * engine's `Panel` (columns of numbers or null), built column by column only when a column is
 * first read. A million respondents take about 100 MB this way instead of about 1 GB.
 */

import type { Panel } from "../survey";

/** The byte that marks an empty cell (not asked / no answer) in a compact code column. @example compact.codes.pot_salg[0] === EMPTY_CODE */
export const EMPTY_CODE = -128;

/** The byte that marks a cell whose value was invalid (only while `validate` collects errors instead of stopping). @example values[i] === INVALID_CODE */
export const INVALID_CODE = -127;

/** Where a panel came from: the shipped synthetic file (possibly renamed or re-saved), a modified copy of it, or other respondents. */
export type Provenance = "synthetic" | "modified-synthetic" | "real";

/** A validated panel, compact: what the loaders build and the panel cache stores. */
export interface CompactPanel {
  /** The panel file's name (never its path), for messages. */
  source: string;
  rowCount: number;
  /** Respondent ids exactly as read (text: no precision lost). */
  ids: string[];
  /** Every contract column but `id`: one code per row, `EMPTY_CODE` where empty. */
  codes: Record<string, Int8Array>;
  /** Extra numeric columns: NaN where empty. */
  numbers: Record<string, Float64Array>;
  /** Extra text columns, "" where empty. */
  texts: Record<string, string[]>;
}

/** Each compact panel's ids joined by line feeds, where its reader kept them so (see `withIdText`). */
const idTexts = new WeakMap<CompactPanel, string>();

/**
 * A compact panel whose `ids` are the lines of `idText` (ids joined by line feeds; they are digits,
 * or "" for an id that was not valid), split into a million strings only when something reads
 * `ids`: the checks, the provenance and the panel cache read the text itself (`idTextOf`).
 * @example withIdText({ source: "p.csv", rowCount: 2, codes, numbers: {}, texts: {} }, "1001\n1002").ids // ["1001", "1002"]
 */
export function withIdText(panel: Omit<CompactPanel, "ids">, idText: string): CompactPanel {
  let ids: string[] | null = null;
  const compact = { ...panel, ids: [] as string[] };
  Object.defineProperty(compact, "ids", { enumerable: true, get: () => (ids ??= panel.rowCount === 0 ? [] : idText.split("\n")) });
  idTexts.set(compact, idText);
  return compact;
}

/**
 * A compact panel's ids joined by line feeds (the text it was made with by `withIdText`, else joined now).
 * @example idTextOf(compact).length
 */
export function idTextOf(compact: CompactPanel): string {
  return idTexts.get(compact) ?? compact.ids.join("\n");
}

/** A panel as loaded: the engine's `Panel`, its ids as text, extra text columns, and the compact form it is a view of. */
export interface LoadedPanel extends Panel {
  /** Respondent ids exactly as read. `columns.id` holds them as numbers only where every id is a safe integer (else null). */
  ids: string[];
  /** Extra (non-contract) columns that are not numeric, kept verbatim; "" where empty. */
  textColumns: Record<string, string[]>;
  /** The compact form (for the panel cache and fast checks). */
  compact: CompactPanel;
}

/**
 * The engine's view of a compact panel: each column an ordinary array of numbers or null.
 *
 * @example
 * const panel = toLoadedPanel(compact);
 * panel.columns.ai_brug[0]; // 3
 */
export function toLoadedPanel(compact: CompactPanel): LoadedPanel {
  const makers: Record<string, () => (number | null)[]> = {
    id: () => {
      const ids = compact.ids;
      const out = new Array<number | null>(ids.length);
      for (let i = 0; i < ids.length; i++) {
        const x = Number(ids[i]);
        out[i] = Number.isSafeInteger(x) ? x : null;
      }
      return out;
    },
  };
  for (const [name, codes] of Object.entries(compact.codes)) makers[name] = () => codeValues(codes);
  for (const [name, values] of Object.entries(compact.numbers)) makers[name] = () => Array.from(values, (x) => (Number.isNaN(x) ? null : x));
  const columns: Record<string, (number | null)[]> = {};
  for (const [name, make] of Object.entries(makers)) columns[name] = make();
  const panel = { source: compact.source, rowCount: compact.rowCount, columns, ids: [] as string[], textColumns: compact.texts, compact };
  Object.defineProperty(panel, "ids", { enumerable: true, get: () => compact.ids });
  return panel;
}

function codeValues(codes: Int8Array): (number | null)[] {
  const out = new Array<number | null>(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] === EMPTY_CODE ? null : codes[i];
  return out;
}
